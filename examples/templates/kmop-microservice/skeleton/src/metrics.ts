/**
 * Prometheus metrics in the text exposition format (version 0.0.4), written
 * out by hand so the service needs no dependencies. The KMOP SLO queries read
 * `http_requests_total` and `http_request_duration_seconds` with the
 * `service` label.
 */

/** Histogram buckets in seconds; KMOP latency SLO thresholds must be one of them. */
export const LATENCY_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 1, 2.5, 5, 10,
];

type Labels = Record<string, string>;

interface Counter {
  labels: Labels;
  value: number;
}

interface Histogram {
  labels: Labels;
  /** Observations per bucket (not cumulative); the last slot is +Inf. */
  buckets: number[];
  sum: number;
  count: number;
}

function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/"/g, '\\"');
}

function formatLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(
    ([name, value]) => `${name}="${escapeLabelValue(value)}"`,
  );
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

function key(labels: Labels): string {
  return JSON.stringify(Object.entries(labels));
}

/** Request counters and latency histograms of one service. */
export class RequestMetrics {
  private readonly service: string;
  private readonly requests = new Map<string, Counter>();
  private readonly durations = new Map<string, Histogram>();

  constructor(service: string) {
    this.service = service;
  }

  /** Records one answered request. `route` must come from a fixed set, never the raw path. */
  observe(method: string, route: string, code: number, seconds: number): void {
    const base = { service: this.service, method, route };
    const counterLabels = { ...base, code: String(code) };
    const counter = this.requests.get(key(counterLabels)) ?? {
      labels: counterLabels,
      value: 0,
    };
    counter.value += 1;
    this.requests.set(key(counterLabels), counter);

    const histogram = this.durations.get(key(base)) ?? {
      labels: base,
      buckets: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0),
      sum: 0,
      count: 0,
    };
    const slot = LATENCY_BUCKETS.findIndex(le => seconds <= le);
    histogram.buckets[slot === -1 ? LATENCY_BUCKETS.length : slot]! += 1;
    histogram.sum += seconds;
    histogram.count += 1;
    this.durations.set(key(base), histogram);
  }

  /** The metrics as Prometheus scrapes them. */
  expose(): string {
    const lines: string[] = [
      '# HELP http_requests_total HTTP requests answered, by method, route and status code.',
      '# TYPE http_requests_total counter',
    ];
    for (const { labels, value } of this.requests.values()) {
      lines.push(`http_requests_total${formatLabels(labels)} ${value}`);
    }
    lines.push(
      '# HELP http_request_duration_seconds Time to answer HTTP requests.',
      '# TYPE http_request_duration_seconds histogram',
    );
    for (const h of this.durations.values()) {
      let cumulative = 0;
      LATENCY_BUCKETS.forEach((le, i) => {
        cumulative += h.buckets[i]!;
        lines.push(
          `http_request_duration_seconds_bucket${formatLabels({
            ...h.labels,
            le: String(le),
          })} ${cumulative}`,
        );
      });
      lines.push(
        `http_request_duration_seconds_bucket${formatLabels({
          ...h.labels,
          le: '+Inf',
        })} ${h.count}`,
        `http_request_duration_seconds_sum${formatLabels(h.labels)} ${h.sum}`,
        `http_request_duration_seconds_count${formatLabels(h.labels)} ${
          h.count
        }`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
}
