/**
 * Durations as KMOP, Sloth, Pyrra and Prometheus write them: one or more `<number><unit>`
 * parts with units ms, s, m, h, d, w (`250ms`, `30s`, `1h30m`, `28d`).
 */

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
};

const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/**
 * Seconds in a duration string.
 *
 * @throws SyntaxError when the string is not a duration; RangeError when it is too large.
 */
export function parseDuration(text: string): number {
  if (typeof text !== 'string' || !WHOLE.test(text)) {
    throw new SyntaxError(
      `Invalid duration ${JSON.stringify(
        text,
      )}: expected a number and a unit (ms, s, m, h, d, w), e.g. 30s, 1h30m or 30d`,
    );
  }
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    seconds += Number(amount) * UNIT_SECONDS[unit];
  }
  if (!Number.isFinite(seconds)) {
    throw new RangeError(`Invalid duration ${JSON.stringify(text)}: too large`);
  }
  return seconds;
}

/** Like {@link parseDuration}, but undefined instead of an error, for untrusted input. */
export function tryParseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return parseDuration(text);
  } catch {
    return undefined;
  }
}

const FORMAT_UNITS: [unit: string, seconds: number][] = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * A duration string for a number of seconds, largest units first (`30d`, `2d2h`, `1h30m`,
 * `250ms`), rounded to the millisecond. Weeks are written as days, as SLO windows are.
 *
 * @throws RangeError for negative or non-finite seconds.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(
      `Cannot format ${seconds} seconds as a duration: expected a finite number ≥ 0`,
    );
  }
  let millis = Math.round(seconds * 1000);
  if (millis === 0) return '0s';
  let out = '';
  for (const [unit, size] of FORMAT_UNITS) {
    const count = Math.floor(millis / (size * 1000));
    if (count > 0) {
      out += `${count}${unit}`;
      millis -= count * size * 1000;
    }
  }
  return millis > 0 ? `${out}${millis}ms` : out;
}
