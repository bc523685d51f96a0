import { KmopSloIndicator } from '@kmop/plugin-kmop-common';

/**
 * Puts a window into a query. Queries are templates with `{{.window}}` (Sloth's
 * convention, used by KMOP too); a bare series selector such as Pyrra's
 * `http_requests_total{code=~"5.."}` is taken as a counter and wrapped in
 * `sum(rate(…[window]))`.
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

/** The PromQL for the error ratio over a window, or undefined when the indicator has no queries. */
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
