import type { KmopHealth } from '../view';
import type { Reader } from './access';
import type { HealthVerdict } from './base';

const SEVERITY: Record<KmopHealth, number> = {
  ok: 0,
  unknown: 1,
  progressing: 2,
  degraded: 3,
};

/**
 * The most severe of several verdicts (degraded > progressing > unknown > ok), keeping the
 * badges of all of them.
 */
export function worstVerdict(
  verdicts: readonly HealthVerdict[],
  whenEmpty: HealthVerdict,
): HealthVerdict {
  if (verdicts.length === 0) return whenEmpty;
  let worst = verdicts[0];
  for (const v of verdicts) {
    if (SEVERITY[v.health] > SEVERITY[worst.health]) worst = v;
  }
  const badges = [...new Set(verdicts.flatMap(v => v.badges ?? []))];
  return { ...worst, badges };
}

/** The reason for a status written for an older spec, with both generation numbers. */
export function notReconciled(
  who: string,
  observed: number,
  generation: number,
): string {
  return `Not yet reconciled: ${who} last reported on generation ${observed}, the object is at generation ${generation}; the status shown is for the older spec`;
}

/**
 * The progressing verdict when a status was written for an older spec
 * (`observedGeneration < metadata.generation`), else undefined.
 */
export function staleVerdict(
  who: string,
  observed: number | undefined,
  generation: number | undefined,
): HealthVerdict | undefined {
  if (observed === undefined || generation === undefined) return undefined;
  if (observed >= generation) return undefined;
  return {
    health: 'progressing',
    reason: notReconciled(who, observed, generation),
  };
}

/**
 * The verdict before a controller's status can be read: unknown (with
 * `unreported` as the reason) when it wrote no status, progressing when the
 * status is for an older spec (see {@link staleVerdict}), else undefined.
 */
export function statusPreconditions(
  r: Reader,
  generation: number | undefined,
  who: string,
  unreported: string,
): HealthVerdict | undefined {
  const status = r.record('status');
  if (!status || status.keys().length === 0) {
    return { health: 'unknown', reason: unreported };
  }
  return staleVerdict(who, r.int('status.observedGeneration'), generation);
}

/** Adds badges to a verdict without duplicates. */
export function withBadges(
  verdict: HealthVerdict,
  badges: readonly string[],
): HealthVerdict {
  return {
    ...verdict,
    badges: [...new Set([...(verdict.badges ?? []), ...badges])],
  };
}
