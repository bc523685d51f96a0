/**
 * Health of KMOP's own kinds (kmop.dev/v1alpha1), which the KMOP operator reports as
 * `status.observedGeneration` and Kubernetes conditions.
 */
import { KubeCondition, Reader, describeCondition } from './access';
import type { HealthVerdict } from './base';
import { statusPreconditions } from './health';

/** Condition types for which True means trouble; for every other type False does. */
const NEGATIVE_POLARITY = new Set(['Degraded', 'Stalled', 'Failed']);

export const NO_OPERATOR_STATUS: HealthVerdict = {
  health: 'unknown',
  reason: 'No status yet: no KMOP operator has reported on this object',
};

/** The verdict when the operator has not reported or reported on an older spec, else undefined. */
export function kmopPreconditions(
  r: Reader,
  generation: number | undefined,
): HealthVerdict | undefined {
  return statusPreconditions(
    r,
    generation,
    'The KMOP operator',
    NO_OPERATOR_STATUS.reason,
  );
}

/**
 * Condition types that report a measurement of the object rather than the object: the
 * operator's `Evaluated` on a ServiceLevelObjective (docs/operator.md, SLO figures). When
 * False — no data yet, Prometheus unreachable — the figures are missing, which says
 * nothing either way about the service: unknown, not degraded.
 */
const MEASUREMENT_TYPES = new Set(['Evaluated']);

function conditionVerdict(c: KubeCondition): HealthVerdict {
  const bad = NEGATIVE_POLARITY.has(c.type) ? 'True' : 'False';
  if (MEASUREMENT_TYPES.has(c.type) && c.status !== 'True') {
    return { health: 'unknown', reason: describeCondition(c) };
  }
  if (c.status === 'Unknown' || c.reason === 'Pending') {
    return { health: 'progressing', reason: describeCondition(c) };
  }
  if (c.status === bad) {
    return { health: 'degraded', reason: describeCondition(c) };
  }
  return { health: 'ok', reason: describeCondition(c) };
}

/** Health of a KMOP object from its generation and conditions. */
export function kmopVerdict(
  r: Reader,
  generation: number | undefined,
): HealthVerdict {
  const early = kmopPreconditions(r, generation);
  if (early) return early;
  const conditions = r.conditions();
  if (conditions.length === 0) {
    return {
      health: 'unknown',
      reason: 'The KMOP operator reported no conditions',
    };
  }
  const verdicts = conditions.map(conditionVerdict);
  const worst =
    verdicts.find(v => v.health === 'degraded') ??
    verdicts.find(v => v.health === 'progressing') ??
    verdicts.find(v => v.health === 'unknown');
  if (worst) return worst;
  return {
    health: 'ok',
    reason: conditions.map(c => `${c.type}=${c.status}`).join(', '),
  };
}
