/*
 * Default SLO queries, over the metrics the kmop-microservice skeleton serves:
 * `http_requests_total{service,method,route,code}` and the histogram
 * `http_request_duration_seconds{service,method,route}`.
 */

/** Buckets of the skeleton's latency histogram, in seconds. */
export const SKELETON_LATENCY_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 1, 2.5, 5, 10,
];

/** Bad and total request rates of a service, failures being 5xx answers. */
export function ratioQueries(service: string): {
  errorQuery: string;
  totalQuery: string;
} {
  return {
    errorQuery: `sum(rate(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))`,
    totalQuery: `sum(rate(http_requests_total{service="${service}"}[{{.window}}]))`,
  };
}

/**
 * Slow and total request rates: all requests minus those in the bucket at
 * the threshold. `le` is written as Prometheus client libraries write it.
 */
export function latencyQueries(
  service: string,
  thresholdSeconds: number,
): { errorQuery: string; totalQuery: string } {
  const le = String(thresholdSeconds);
  return {
    errorQuery: `sum(rate(http_request_duration_seconds_count{service="${service}"}[{{.window}}])) - sum(rate(http_request_duration_seconds_bucket{service="${service}",le="${le}"}[{{.window}}]))`,
    totalQuery: `sum(rate(http_request_duration_seconds_count{service="${service}"}[{{.window}}]))`,
  };
}
