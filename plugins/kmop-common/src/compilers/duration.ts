import { durationToMilliseconds } from '../model/shared/duration';

const UNITS: [suffix: string, milliseconds: number][] = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/**
 * A KMOP duration (`250ms`, `30s`, `5m`, `1h`, `30d`, `4w`) written the way
 * Go's `time.ParseDuration` reads it, which Gateway API, Envoy Gateway,
 * Istio, Argo Rollouts and Flagger all use: days and weeks become hours,
 * and a value is split into units (`90s` stays `90s`, `100000ms` becomes
 * `1m40s`) so no number exceeds the five digits Gateway API allows.
 */
export function toGoDuration(duration: string): string {
  const total = durationToMilliseconds(duration);
  if (total === undefined) {
    throw new TypeError(`"${duration}" is not a KMOP duration`);
  }
  // Keep the author's spelling when it is already a Go duration within limits.
  const plain = /^([1-9][0-9]{0,4})(ms|s|m|h)$/.exec(duration);
  if (plain) {
    return duration;
  }
  let rest = total;
  let out = '';
  for (const [suffix, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${suffix}`;
      rest -= count * size;
    }
  }
  return out;
}
