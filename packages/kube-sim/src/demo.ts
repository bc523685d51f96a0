import { timestamp } from './decode';
import { ApiError } from './errors';
import { SimStore } from './simStore';
import { KubeObject, isObject } from './types';

export interface RolloutDemoOptions {
  store: SimStore;
  /** Time between steps. */
  intervalMs: number;
  /** Ticks a completed rollout stays Healthy before the next one starts. */
  restartAfterTicks?: number;
}

const HASH_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function podHash() {
  let s = '';
  for (let i = 0; i < 10; i++) {
    s += HASH_CHARS[Math.floor(Math.random() * HASH_CHARS.length)];
  }
  return s;
}

type Step = Record<string, unknown>;

function canarySteps(rollout: KubeObject): Step[] {
  const spec = isObject(rollout.spec) ? rollout.spec : {};
  const strategy = isObject(spec.strategy) ? spec.strategy : {};
  const canary = isObject(strategy.canary) ? strategy.canary : {};
  return Array.isArray(canary.steps) ? canary.steps.filter(isObject) : [];
}

/** The weight set by the last `setWeight` among the completed steps. */
function lastSetWeight(steps: Step[]): number {
  for (let i = steps.length - 1; i >= 0; i--) {
    if (typeof steps[i].setWeight === 'number') {
      return steps[i].setWeight as number;
    }
  }
  return 0;
}

/**
 * Plays the part of the Argo Rollouts controller in demo mode: every tick each Rollout with
 * canary steps completes one step (weight from the last setWeight, Paused on pause steps),
 * turns Healthy when done, and after a few ticks starts over with a new pod hash.
 */
export class RolloutDemo {
  private timer: NodeJS.Timeout | undefined;
  private readonly healthyTicks = new Map<string, number>();

  constructor(private readonly options: RolloutDemoOptions) {}

  start() {
    this.stop();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Advances every Rollout by one step. */
  tick() {
    let rollouts: KubeObject[];
    try {
      rollouts = this.options.store.list('argoproj.io/v1alpha1', 'Rollout');
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) {
        return; // the Rollout CRD is not installed
      }
      throw e;
    }
    for (const rollout of rollouts) {
      const steps = canarySteps(rollout);
      if (steps.length > 0) {
        const status = this.nextStatus(rollout, steps);
        if (status) {
          this.options.store.updateStatus(
            {
              apiVersion: rollout.apiVersion,
              kind: rollout.kind,
              namespace: rollout.metadata.namespace,
              name: rollout.metadata.name as string,
            },
            status,
          );
        }
      }
    }
  }

  private nextStatus(
    rollout: KubeObject,
    steps: Step[],
  ): Record<string, unknown> | undefined {
    const key = `${rollout.metadata.namespace}/${rollout.metadata.name}`;
    const status: Record<string, unknown> = isObject(rollout.status)
      ? { ...rollout.status }
      : {};
    const index = status.currentStepIndex;
    const done = typeof index === 'number' && index >= steps.length;
    const replicas =
      isObject(rollout.spec) && typeof rollout.spec.replicas === 'number'
        ? rollout.spec.replicas
        : 1;
    const stableHash =
      typeof status.stableRS === 'string' ? status.stableRS : podHash();
    let next: number;
    let canaryHash =
      typeof status.currentPodHash === 'string'
        ? status.currentPodHash
        : stableHash;
    if (typeof index !== 'number' || done) {
      const waited = (this.healthyTicks.get(key) ?? 0) + 1;
      if (
        typeof index === 'number' &&
        waited < (this.options.restartAfterTicks ?? 2)
      ) {
        this.healthyTicks.set(key, waited);
        return undefined;
      }
      this.healthyTicks.delete(key);
      canaryHash = podHash();
      next = 0;
    } else {
      next = index + 1;
    }
    const complete = next >= steps.length;
    const weight = complete ? 0 : lastSetWeight(steps.slice(0, next));
    const paused = !complete && isObject(steps[next].pause);
    const canaryReplicas = complete
      ? replicas
      : Math.ceil((replicas * weight) / 100);
    const newStable = complete ? canaryHash : stableHash;
    let phase = 'Progressing';
    let message = 'more replicas need to be updated';
    if (complete) {
      phase = 'Healthy';
      message = '';
    } else if (paused) {
      phase = 'Paused';
      message = 'CanaryPauseStep';
    }
    return {
      ...status,
      phase,
      message,
      currentStepIndex: next,
      currentPodHash: canaryHash,
      stableRS: newStable,
      observedGeneration: String(rollout.metadata.generation ?? 1),
      controllerPause: paused,
      pauseConditions: paused
        ? [{ reason: 'CanaryPauseStep', startTime: timestamp() }]
        : [],
      replicas,
      updatedReplicas: canaryReplicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      canary: {
        ...(isObject(status.canary) ? status.canary : {}),
        weights: {
          canary: { weight, podTemplateHash: canaryHash },
          stable: { weight: 100 - weight, podTemplateHash: newStable },
        },
      },
    };
  }
}
