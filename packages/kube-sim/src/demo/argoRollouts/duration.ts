const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * A canary pause's duration in milliseconds, as Argo Rollouts reads it: a number of
 * seconds, a string of digits (seconds), or a Go duration such as `30s`, `10m`, `1h30m`.
 * Undefined when absent or unreadable (an indefinite pause).
 */
export function pauseDurationMs(value: unknown): number | undefined {
  if (typeof value === 'number' && value >= 0) return value * 1000;
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map(p => p[0]).join('') !== value) {
    return undefined;
  }
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]], 0);
}
