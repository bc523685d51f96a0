import { isRecord } from '@kmop/plugin-kmop-common';

/**
 * True when every field of `desired` has the same value in `live`. Fields only `live` has
 * (the API server's defaults, `status`, fields other managers set) do not count, as with a
 * server-side apply, which leaves them alone. Lists must have the same length: an item added
 * by hand is a difference the operator puts back, as an apply of an atomic list would.
 */
export function contains(live: unknown, desired: unknown): boolean {
  if (Array.isArray(desired)) {
    return (
      Array.isArray(live) &&
      live.length === desired.length &&
      desired.every((d, i) => contains(live[i], d))
    );
  }
  if (isRecord(desired)) {
    return (
      isRecord(live) &&
      Object.entries(desired).every(
        ([k, v]) => v === undefined || contains(live[k], v),
      )
    );
  }
  return live === desired;
}
