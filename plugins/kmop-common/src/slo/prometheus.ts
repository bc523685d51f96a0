/**
 * Measuring an SLO from its own queries against the Prometheus HTTP API. Shared by the KMOP
 * backend (figures in the entity view) and the KMOP operator (figures in an SLO's status), so
 * both ask Prometheus the same questions and get the same numbers. Only `fetch`: the operator
 * has no Backstage dependency.
 */
import { z } from 'zod/v3';
import type { KmopBurnRate, KmopSloIndicator, KmopSloView } from '../view';
import { burnRate } from './budget';
import type { MeasuredSloFigures } from './figures';

/**
 * Options of {@link PrometheusClient}.
 *
 * @public
 */
export interface PrometheusClientOptions {
  /** Address of the Prometheus HTTP API, e.g. `http://prometheus:9090`. */
  baseUrl: string;
  /** Time one query may take. */
  timeoutMs: number;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
  /**
   * Queries in flight at once at most; more wait their turn (the time a query may take
   * starts when it is sent). Default 16: a page listing hundreds of SLOs asks six queries
   * of each, and all of them at once would be thousands of requests.
   */
  maxConcurrentQueries?: number;
}

// The parts of a Prometheus query answer the client reads
// (https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats):
// a sample is `[unix time, "value"]`, a scalar result is one sample, a vector a list of series.
const sampleSchema = z.tuple([z.number(), z.string()]);
const vectorSchema = z.array(z.object({ value: sampleSchema.optional() }));
const queryResponseSchema = z.object({
  status: z.string().optional(),
  error: z.string().optional(),
  data: z
    .object({ resultType: z.string().optional(), result: z.unknown() })
    .optional(),
});

/**
 * Instant queries against the Prometheus HTTP API (`/api/v1/query`).
 *
 * @public
 */
export class PrometheusClient {
  private readonly options: PrometheusClientOptions;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(options: PrometheusClientOptions) {
    this.options = options;
  }

  /**
   * The value of a query that yields one number at `time`; `undefined` when the result is
   * empty or not a number (no data yet, or a division by zero).
   *
   * @throws Error when Prometheus cannot be reached or answers with an error.
   */
  async scalar(query: string, time: Date): Promise<number | undefined> {
    await this.turn();
    try {
      return await this.query(query, time);
    } finally {
      this.release();
    }
  }

  private turn(): Promise<void> {
    if (this.inFlight < (this.options.maxConcurrentQueries ?? 16)) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise(resolve => this.waiting.push(resolve));
  }

  /** Hands the finished query's place to the next waiting one, if any. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }

  private async query(query: string, time: Date): Promise<number | undefined> {
    const url = new URL('api/v1/query', ensureSlash(this.options.baseUrl));
    url.searchParams.set('query', query);
    url.searchParams.set('time', String(time.getTime() / 1000));
    const doFetch = this.options.fetch ?? fetch;
    const response = await doFetch(url, {
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const parsed = queryResponseSchema.safeParse(
      await response.json().catch(() => undefined),
    );
    const body = parsed.success ? parsed.data : undefined;
    if (!response.ok || body?.status !== 'success') {
      throw new Error(
        `Prometheus answered ${response.status}${
          body?.error ? `: ${body.error}` : ''
        }`,
      );
    }
    const result = body.data?.result;
    if (body.data?.resultType === 'scalar') {
      return finite(sampleSchema.safeParse(result).data?.[1]);
    }
    const series = vectorSchema.safeParse(result).data;
    return finite(series?.[0]?.value?.[1]);
  }
}

function finite(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) ? n : undefined;
}

function ensureSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Puts a window into a query. Queries are templates with `{{.window}}` (Sloth's convention,
 * used by KMOP too); a bare series selector such as Pyrra's `http_requests_total{code=~"5.."}`
 * is taken as a counter and wrapped in `sum(rate(…[window]))`.
 *
 * @public
 */
export function windowedQuery(query: string, window: string): string {
  if (query.includes('{{.window}}')) {
    return query.split('{{.window}}').join(window);
  }
  if (/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?$/.test(query.trim())) {
    return `sum(rate(${query.trim()}[${window}]))`;
  }
  return query;
}

/**
 * The PromQL for the error ratio over a window, or undefined when the indicator has no queries.
 *
 * @public
 */
export function errorRatioQuery(
  indicator: KmopSloIndicator,
  window: string,
): string | undefined {
  if (indicator.errorRatioQuery) {
    return windowedQuery(indicator.errorRatioQuery, window);
  }
  if (!indicator.totalQuery) return undefined;
  const total = windowedQuery(indicator.totalQuery, window);
  if (indicator.errorQuery) {
    return `(${windowedQuery(indicator.errorQuery, window)}) / (${total})`;
  }
  if (indicator.goodQuery) {
    return `1 - (${windowedQuery(indicator.goodQuery, window)}) / (${total})`;
  }
  return undefined;
}

/**
 * What {@link measureSlo} asks: the value of one query at an instant (a
 * {@link PrometheusClient}'s `scalar`).
 *
 * @public
 */
export type PrometheusScalarQuery = (
  query: string,
  time: Date,
) => Promise<number | undefined>;

// Floating-point PromQL can land a hair outside [0, 1].
function clampRatio(value: number | undefined): number | undefined {
  if (value === undefined || Number.isNaN(value)) return undefined;
  return Math.min(1, Math.max(0, value));
}

/**
 * Measures an SLO at `time` from its own queries: the error ratio over its window and the
 * burn rate over each window its alerts use — one query per window, all at the same instant.
 * Undefined when there is nothing to measure against (no valid objective, window or
 * queries). A window Prometheus has no data for is left out, never filled in.
 *
 * @throws Error when a query fails (Prometheus unreachable or answering with an error).
 *
 * @public
 */
export async function measureSlo(
  slo: Pick<KmopSloView, 'objective' | 'window' | 'indicator' | 'alerts'>,
  query: PrometheusScalarQuery,
  time: Date,
): Promise<MeasuredSloFigures | undefined> {
  const { objective, window: sloWindow } = slo;
  if (
    objective === undefined ||
    sloWindow === undefined ||
    !errorRatioQuery(slo.indicator, sloWindow)
  ) {
    return undefined;
  }
  const windows = new Set<string>();
  for (const alert of slo.alerts) {
    windows.add(alert.shortWindow);
    windows.add(alert.longWindow);
  }
  const ratio = (window: string) =>
    query(errorRatioQuery(slo.indicator, window)!, time);
  const [overall, ...perWindow] = await Promise.all([
    ratio(sloWindow),
    ...[...windows].map(ratio),
  ]);
  const burnRates: KmopBurnRate[] = [];
  [...windows].forEach((window, i) => {
    const errorRatio = clampRatio(perWindow[i]);
    if (errorRatio !== undefined) {
      burnRates.push({ window, rate: burnRate({ objective, errorRatio }) });
    }
  });
  return {
    errorRatio: clampRatio(overall),
    burnRates,
    evaluatedAt: time.toISOString(),
  };
}
