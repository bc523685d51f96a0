import { tryParseDuration } from '../../duration';
import type { KmopRouteBackend } from '../../view';
import type { Reader } from '../access';

/** A backend before its share of the traffic is known. */
export type WeightedBackend = Omit<KmopRouteBackend, 'share'>;

/**
 * Adds each backend's traffic share, weight / Σweight (0 for all when every weight is 0).
 * When any weight of the rule is unknown (malformed) no share is given: any figure would be
 * made up.
 */
export function withShares(
  backends: readonly WeightedBackend[],
  /** False when the list had entries that could not be read: shares would leave them out. */
  complete = true,
): KmopRouteBackend[] {
  const weights = backends.map(b => b.weight);
  if (!complete || weights.some(w => w === undefined)) {
    return backends.map(b => ({ ...b }));
  }
  const total = (weights as number[]).reduce((sum, w) => sum + w, 0);
  return backends.map(b => ({
    ...b,
    share: total > 0 ? Math.min(1, (b.weight as number) / total) : 0,
  }));
}

/**
 * A relative weight in [0, max]; `fallback` when absent (then `onDefault` is called, so the
 * caller can label it). A malformed or out-of-range weight is recorded and has no value.
 */
export function readWeight(
  r: Reader,
  path: string,
  fallback: number,
  max: number,
  onDefault?: () => void,
): number | undefined {
  const weight = r.int(path);
  if (weight === undefined) {
    if (r.has(path) || r.isMalformed(path)) return undefined;
    onDefault?.();
    return fallback;
  }
  if (weight < 0 || weight > max) {
    r.note(path, `is ${weight}, expected 0 to ${max}`);
    return undefined;
  }
  return weight;
}

/** Gateway API timeouts as shown: `0s` means disabled (GEP-1742). */
export function gatewayTimeout(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return tryParseDuration(value, 'gatewayApi') === 0 ? 'disabled' : value;
}
