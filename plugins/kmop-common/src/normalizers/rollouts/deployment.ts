import type { KmopRolloutView } from '../../view';
import { Reader, describeCondition, findCondition } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import { staleVerdict } from '../health';
import { blankRollout } from './common';

/** Kubernetes' rolling-update defaults. */
const DEFAULT_SURGE = '25%';
const DEFAULT_UNAVAILABLE = '25%';

interface Counts {
  desired: number;
  current?: number;
  updated?: number;
  ready?: number;
  available?: number;
}

/** The same checks as `kubectl rollout status`, plus the Available condition. */
function deploymentVerdict(
  r: Reader,
  generation: number | undefined,
  counts: Counts,
): HealthVerdict {
  if (!r.has('status')) {
    return {
      health: 'unknown',
      reason: 'The deployment controller has not reported a status yet',
    };
  }
  const stale = staleVerdict(
    'The deployment controller',
    r.int('status.observedGeneration'),
    generation,
  );
  if (stale) return stale;
  const conditions = r.conditions();
  const progressing = findCondition(conditions, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { health: 'degraded', reason: describeCondition(progressing) };
  }
  const { desired, current = 0, updated = 0, available = 0 } = counts;
  if (updated < desired) {
    return {
      health: 'progressing',
      reason: `${updated} of ${desired} replicas updated`,
    };
  }
  if (current > updated) {
    return {
      health: 'progressing',
      reason: `${current - updated} old replicas pending termination`,
    };
  }
  if (available < updated) {
    return {
      health: 'progressing',
      reason: `${available} of ${updated} updated replicas available`,
    };
  }
  const availableCondition = findCondition(conditions, 'Available');
  if (availableCondition?.status === 'False') {
    return {
      health: 'degraded',
      reason: describeCondition(availableCondition),
    };
  }
  return {
    health: 'ok',
    reason: `${desired} of ${desired} replicas updated and available`,
  };
}

/** apps/v1 Deployment → one rollout item (its rolling update). */
export const normalizeDeployment = defineNormalizer<KmopRolloutView>({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  blank: blankRollout,
  build: (r, meta) => {
    const type = r.str('spec.strategy.type') ?? 'RollingUpdate';
    const counts: Counts = {
      desired: r.int('spec.replicas') ?? 1,
      current: r.int('status.replicas'),
      updated: r.int('status.updatedReplicas'),
      ready: r.int('status.readyReplicas'),
      available: r.int('status.availableReplicas'),
    };
    const paused = r.bool('spec.paused') === true;
    const verdict = deploymentVerdict(r, meta.generation, counts);
    const progressing = findCondition(r.conditions(), 'Progressing');
    return [
      {
        ...itemBase(meta, { ...verdict, badges: paused ? ['paused'] : [] }),
        strategy: type === 'Recreate' ? 'recreate' : 'rolling',
        message: progressing?.message,
        steps: [],
        aborted: false,
        paused,
        pauseReasons: paused ? ['manually paused'] : [],
        replicas: {
          desired: counts.desired,
          updated: counts.updated,
          ready: counts.ready,
          available: counts.available,
        },
        stableRevision: r.str([
          'metadata',
          'annotations',
          'deployment.kubernetes.io/revision',
        ]),
        rolling:
          type === 'Recreate'
            ? undefined
            : {
                maxSurge:
                  r.intOrString('spec.strategy.rollingUpdate.maxSurge') ??
                  DEFAULT_SURGE,
                maxUnavailable:
                  r.intOrString('spec.strategy.rollingUpdate.maxUnavailable') ??
                  DEFAULT_UNAVAILABLE,
              },
      },
    ];
  },
});
