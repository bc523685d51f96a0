import { parseDuration } from './parse';

const PROMETHEUS_UNITS: [unit: string, milliseconds: number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

// Go has no day: days and weeks are written as hours.
const GO_UNITS = PROMETHEUS_UNITS.slice(1);

/**
 * A duration text for a number of milliseconds, largest units first and rounded to the
 * millisecond, that both Go and (for `prometheus`) Prometheus read back to the same length:
 * `prometheus` writes days (`30d`, `2d2h`; weeks as days, as SLO windows are written), `go`
 * writes hours (`720h`, `1m40s`).
 *
 * @throws RangeError for a negative or non-finite length.
 *
 * @public
 */
export function formatDuration(
  milliseconds: number,
  grammar: 'prometheus' | 'go',
): string {
  if (!Number.isFinite(milliseconds) || milliseconds < 0) {
    throw new RangeError(
      `Cannot write ${milliseconds} ms as a duration: expected a finite number ≥ 0`,
    );
  }
  let rest = Math.round(milliseconds);
  if (rest === 0) return '0s';
  let out = '';
  for (const [unit, size] of grammar === 'go' ? GO_UNITS : PROMETHEUS_UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

/**
 * A KMOP duration or window (`250ms`, `30s`, `30d`, `4w`) written the way Go reads it, which
 * Gateway API, Envoy Gateway, Istio, Argo Rollouts and Flagger all use: days and weeks become
 * hours, and a value is split into units (`90s` stays `90s`, `100000ms` becomes `1m40s`) so no
 * number exceeds the five digits Gateway API allows.
 *
 * @throws SyntaxError when the text is not a KMOP duration.
 *
 * @public
 */
export function toGoDuration(kmopDuration: string): string {
  const milliseconds = parseDuration(kmopDuration, 'kmopWindow');
  // Keep the author's spelling when it is already a Gateway API duration.
  if (/^[1-9][0-9]{0,4}(ms|s|m|h)$/.test(kmopDuration)) {
    return kmopDuration;
  }
  return formatDuration(milliseconds, 'go');
}
