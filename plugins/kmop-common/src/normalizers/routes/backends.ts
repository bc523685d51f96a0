import type { KmopRouteBackend } from '../../view';
import type { Reader } from '../access';

/** A backend before its share of the traffic is known. */
export type WeightedBackend = Omit<KmopRouteBackend, 'share'>;

/** Adds each backend's traffic share, weight / Σweight (0 for all when every weight is 0). */
export function withShares(
  backends: readonly WeightedBackend[],
): KmopRouteBackend[] {
  const total = backends.reduce((sum, b) => sum + b.weight, 0);
  return backends.map(b => ({
    ...b,
    share: total > 0 ? Math.min(1, b.weight / total) : 0,
  }));
}

/**
 * A relative weight in [0, max]; `fallback` when absent. Out-of-range values are recorded as
 * an issue and count as 0.
 */
export function readWeight(
  r: Reader,
  path: string,
  fallback: number,
  max: number,
): number {
  const weight = r.int(path);
  if (weight === undefined) return r.has(path) ? 0 : fallback;
  if (weight < 0 || weight > max) {
    r.note(path, `is ${weight}, expected 0 to ${max}`);
    return 0;
  }
  return weight;
}
