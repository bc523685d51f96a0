import type { KmopRolloutView } from '../../view';
import { Reader, describeCondition, findCondition } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import { staleVerdict } from '../health';
import { blankRollout, readGitOps, readRenderedFrom } from './common';

/** Kubernetes' rolling-update defaults. */
const DEFAULT_SURGE = '25%';
const DEFAULT_UNAVAILABLE = '25%';

interface Counts {
  desired?: number;
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
  if (desired === undefined) {
    return { health: 'unknown', reason: 'spec.replicas is malformed' };
  }
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

/**
 * apps/v1 Deployment → one rollout item (its rolling update).
 *
 * @public
 */
export const normalizeDeployment = defineNormalizer<KmopRolloutView>({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  blank: blankRollout,
  build: (r, meta) => {
    const defaults: string[] = [];
    const type = r.orDefault(
      r.str('spec.strategy.type'),
      'spec.strategy.type',
      'RollingUpdate',
    );
    const desired = r.orDefault(r.int('spec.replicas'), 'spec.replicas', 1);
    if (desired !== undefined && !r.has('spec.replicas')) {
      defaults.push('replicas.desired');
    }
    const counts: Counts = {
      desired,
      current: r.int('status.replicas'),
      updated: r.int('status.updatedReplicas'),
      ready: r.int('status.readyReplicas'),
      available: r.int('status.availableReplicas'),
    };
    const paused = r.orDefault(r.bool('spec.paused'), 'spec.paused', false);
    const verdict = deploymentVerdict(r, meta.generation, counts);
    const progressing = findCondition(r.conditions(), 'Progressing');
    const rollingDefaults: string[] = [];
    const limit = (key: 'maxSurge' | 'maxUnavailable', fallback: string) => {
      const path = `spec.strategy.rollingUpdate.${key}`;
      const value = r.orDefault(r.intOrPercent(path), path, fallback);
      if (value !== undefined && !r.has(path)) {
        rollingDefaults.push(`rolling.${key}`);
      }
      return value;
    };
    // Read even when the type is not RollingUpdate, so that bad limits are named.
    const limits = {
      maxSurge: limit('maxSurge', DEFAULT_SURGE),
      maxUnavailable: limit('maxUnavailable', DEFAULT_UNAVAILABLE),
    };
    const rolling = type === 'RollingUpdate' ? limits : undefined;
    if (rolling) defaults.push(...rollingDefaults);
    return [
      {
        ...itemBase(meta, { ...verdict, badges: paused ? ['paused'] : [] }),
        strategy: strategyOf(type),
        message: progressing?.message,
        steps: [],
        aborted: false,
        paused,
        pauseReasons: paused ? ['manually paused'] : [],
        replicas: {
          desired: counts.desired,
          total: counts.current,
          updated: counts.updated,
          ready: counts.ready,
          available: counts.available,
        },
        // The revision being rolled out: a Deployment has no "stable" revision.
        revision: r.str([
          'metadata',
          'annotations',
          'deployment.kubernetes.io/revision',
        ]),
        rolling,
        control: { specPaused: paused },
        renderedFrom: readRenderedFrom(r),
        gitOps: readGitOps(r),
        resourceVersion: r.str('metadata.resourceVersion'),
        ...(defaults.length > 0 ? { defaults } : {}),
      },
    ];
  },
});

function strategyOf(type: string | undefined): KmopRolloutView['strategy'] {
  if (type === 'Recreate') return 'recreate';
  return type === 'RollingUpdate' ? 'rolling' : 'unknown';
}
