// The demo's request traffic, as the counters the demo SLOs query
// (examples/cluster): written as OpenMetrics history for promtool to backfill,
// then served live at /metrics for Prometheus to scrape. History and live
// counters come from the same rates, so the series continue without a jump.
//
// The story: payments is fine on availability but slow for the last hours
// (its latency budget is overspent, as its operator-written status says too);
// checkout runs a canary whose build fails 40% of its requests, so checkout's
// error ratio follows the canary weight and burns faster than the page alert's
// 14.4x; catalog-api is healthy.

const DAY = 86_400;
const HOUR = 3_600;

/** The canary build's share of failed requests. */
export const CANARY_ERROR_RATIO = 0.4;
/** Checkout's error ratio without the canary. */
const CHECKOUT_BASE_ERRORS = 0.001;
/** The canary weight the history assumes for its last `CANARY_HISTORY` seconds (the seed's 20%). */
const HISTORY_CANARY_WEIGHT = 20;
const CANARY_HISTORY = 70 * 60;

// Traffic rises and falls over the day, so graphs look like traffic.
function diurnal(t, perSecond) {
  return perSecond * (1 + 0.3 * Math.sin((2 * Math.PI * t) / DAY));
}

function checkoutErrorRatio(weight) {
  return CHECKOUT_BASE_ERRORS + (weight / 100) * CANARY_ERROR_RATIO;
}

// Slow payments: 1.1% over 500 ms for weeks, 3% for the last 3 days, 16% for
// the last 90 minutes (a 16x burn of the 1% budget).
function paymentsSlowRatio(t, now) {
  if (t > now - 1.5 * HOUR) return 0.16;
  if (t > now - 3 * DAY) return 0.03;
  return 0.011;
}

/**
 * Every demo series: its name, labels and its rate per second at time `t`
 * (seconds), given `now` (the end of the history) and the live canary weight.
 */
export function demoSeries() {
  const payments = { job: 'payments', service: 'payments' };
  const checkout = { job: 'checkout' };
  const catalog = {
    job: 'catalog-api',
    grpc_service: 'catalog.v2.CatalogService',
  };
  const pay = t => diurnal(t, 40);
  const shop = t => diurnal(t, 25);
  const grpc = t => diurnal(t, 60);
  return [
    // payments-availability: 0.06% 5xx.
    {
      name: 'http_requests_total',
      labels: { ...payments, code: '200' },
      rate: t => pay(t) * (1 - 0.0006),
    },
    {
      name: 'http_requests_total',
      labels: { ...payments, code: '503' },
      rate: t => pay(t) * 0.0006,
    },
    // payments-latency.
    {
      name: 'http_request_duration_seconds_count',
      labels: payments,
      rate: t => pay(t),
    },
    {
      name: 'http_request_duration_seconds_bucket',
      labels: { ...payments, le: '0.3' },
      rate: (t, now) => pay(t) * (1 - paymentsSlowRatio(t, now)),
    },
    // checkout requests-availability: errors follow the canary weight.
    {
      name: 'http_requests_total',
      labels: { ...checkout, code: '200' },
      rate: (t, now, weight) =>
        shop(t) * (1 - checkoutErrorRatio(canaryWeight(t, now, weight))),
    },
    {
      name: 'http_requests_total',
      labels: { ...checkout, code: '500' },
      rate: (t, now, weight) =>
        shop(t) * checkoutErrorRatio(canaryWeight(t, now, weight)),
    },
    // checkout payment-step-latency: 0.4% over 500 ms.
    {
      name: 'checkout_payment_step_seconds_count',
      labels: checkout,
      rate: t => shop(t),
    },
    {
      name: 'checkout_payment_step_seconds_bucket',
      labels: { ...checkout, le: '0.5' },
      rate: t => shop(t) * (1 - 0.004),
    },
    // catalog-api-errors: 0.2% failed gRPC calls.
    {
      name: 'grpc_server_handled_total',
      labels: { ...catalog, grpc_code: 'OK' },
      rate: t => grpc(t) * (1 - 0.002),
    },
    {
      name: 'grpc_server_handled_total',
      labels: { ...catalog, grpc_code: 'Unavailable' },
      rate: t => grpc(t) * 0.002,
    },
  ];
}

// Live, the weight is the rollout's; in the history, the canary of the seed
// has been at 20% for the last 70 minutes and absent before.
function canaryWeight(t, now, liveWeight) {
  if (liveWeight !== undefined) return liveWeight;
  return t > now - CANARY_HISTORY ? HISTORY_CANARY_WEIGHT : 0;
}

function labelText(labels) {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
}

/**
 * The history from `from` to `now` (seconds) as OpenMetrics, one series after
 * the other: one sample per 5 minutes, one per 15 s in the last 8 hours (so
 * 5-minute rates have samples). Returns the text and each series' final value.
 */
export function historyOpenMetrics(series, { from, now }) {
  const lines = [];
  const finals = [];
  const times = [];
  const fine = now - 8 * HOUR;
  for (let t = from; t < fine; t += 300) times.push(t);
  for (let t = fine; t <= now; t += 15) times.push(t);
  for (const s of series) {
    let value = 0;
    let previous = times[0];
    const labels = labelText(s.labels);
    for (const t of times) {
      value += s.rate(previous, now) * (t - previous);
      previous = t;
      lines.push(`${s.name}{${labels}} ${value} ${t}`);
    }
    finals.push(value);
  }
  lines.push('# EOF');
  return { text: `${lines.join('\n')}\n`, finals };
}

/**
 * Live counters that continue the history: `advance(t, weight)` integrates
 * every rate up to `t` with the canary weight that held since the last call;
 * `exposition()` is the Prometheus text format.
 */
export class LiveCounters {
  constructor(series, finals, now) {
    this.series = series;
    this.values = [...finals];
    this.now = now;
    this.last = now;
    this.weight = 0;
  }

  advance(t, nextWeight) {
    if (t > this.last) {
      this.series.forEach((s, i) => {
        this.values[i] +=
          s.rate(this.last, this.now, this.weight) * (t - this.last);
      });
      this.last = t;
    }
    if (nextWeight !== undefined) this.weight = nextWeight;
  }

  exposition() {
    return `${this.series
      .map((s, i) => `${s.name}{${labelText(s.labels)}} ${this.values[i]}`)
      .join('\n')}\n`;
  }
}
