/*
 * Just enough PromQL reading to hand KMOP's Sloth-style queries to Pyrra,
 * which takes metric selectors and writes the rate() expressions itself.
 */

const METRIC = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const MATCHERS = '\\{(?:[^{}"]|"(?:[^"\\\\]|\\\\.)*")*\\}';
const SELECTOR = `${METRIC}(?:${MATCHERS})?`;
const WINDOW = '\\[\\s*\\{\\{\\s*\\.window\\s*\\}\\}\\s*\\]';
const SUM_OF_RATE = new RegExp(
  `^\\s*sum\\s*\\(\\s*(?:rate|increase)\\s*\\(\\s*(${SELECTOR})\\s*${WINDOW}\\s*\\)\\s*\\)\\s*$`,
);

/**
 * The selector of `sum(rate(<selector>[{{.window}}]))` (or `increase`), or
 * `undefined` when the query has another shape.
 */
export function sumOfRateSelector(query: string): string | undefined {
  return SUM_OF_RATE.exec(query)?.[1];
}

/**
 * Splits `a - b` at a minus outside parentheses, braces, brackets and quotes;
 * `undefined` when there is no such minus or more than one.
 */
export function splitDifference(
  query: string,
): [left: string, right: string] | undefined {
  let depth = 0;
  let quote: string | undefined;
  let at: number | undefined;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '(' || c === '{' || c === '[') {
      depth++;
    } else if (c === ')' || c === '}' || c === ']') {
      depth--;
    } else if (c === '-' && depth === 0) {
      if (at !== undefined) return undefined;
      at = i;
    }
  }
  return at === undefined
    ? undefined
    : [query.slice(0, at), query.slice(at + 1)];
}

/**
 * Reads a latency error query written as "all requests minus the fast ones":
 * `sum(rate(<histogram>_count{…}[{{.window}}])) - sum(rate(<histogram>_bucket{…,le="…"}[{{.window}}]))`.
 */
export function latencySelectors(
  errorQuery: string,
): { total: string; fast: string } | undefined {
  const parts = splitDifference(errorQuery);
  if (!parts) return undefined;
  const total = sumOfRateSelector(parts[0]);
  const fast = sumOfRateSelector(parts[1]);
  if (!total || !fast || !/\ble\s*=/.test(fast)) return undefined;
  return { total, fast };
}
