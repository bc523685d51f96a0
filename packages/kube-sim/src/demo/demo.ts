import { ApiError } from '../errors';
import {
  CanaryMemory,
  canarySteps,
  reconcileCanary,
} from './argoRollouts/canary';
import { nextRelease } from './argoRollouts/release';
import { restartPods } from './argoRollouts/pods';
import { syncReplicaSets } from './argoRollouts/replicaSets';
import { routeTraffic } from './argoRollouts/trafficRouting';
import { SimStore } from '../writes/simStore';
import { KubeObject } from '../types';

export interface RolloutDemoOptions {
  store: SimStore;
  /** Time between reconciles of every Rollout; a setWeight or analysis step takes this long. */
  intervalMs: number;
  /**
   * Subscribes to changes of Rollouts, so that an operation (promote, abort, …) takes
   * effect at once, as a controller's watch would; without it, at the next interval.
   */
  watch?: (listener: () => void) => () => void;
  /** The clock, in ms; tests set it. */
  now?: () => number;
  /**
   * How long a completed Rollout stays Healthy before the demo publishes its next
   * release, when it was completed by a person (promote --full) or found complete.
   * A release that ran through its steps is followed at once. Default 60 s.
   */
  releaseAfterMs?: number;
}

const HASH_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function podHash() {
  let s = '';
  for (let i = 0; i < 10; i++) {
    s += HASH_CHARS[Math.floor(Math.random() * HASH_CHARS.length)];
  }
  return s;
}

/** JSON with sorted keys, to tell a real change from a reordering. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

interface Remembered {
  canary?: CanaryMemory;
  healthySince?: number;
}

/**
 * Plays the part of the Argo Rollouts controller in demo mode, for Rollouts with canary
 * steps (`argoRollouts/canary.ts`): setWeight and analysis steps complete after one
 * interval (the demo's analyses pass), timed pauses after their duration, and a
 * `pause: {}` waits for a promote. It honours promote, promote --full, abort, retry,
 * pause and restart as the controller does, and writes the canary weight into the traffic
 * routers (`argoRollouts/trafficRouting.ts`) and keeps a ReplicaSet with its Pods per
 * pod template hash (`argoRollouts/replicaSets.ts`). As a CI system would, it then publishes the
 * next release (`argoRollouts/release.ts`), so the demo always has a release to watch.
 */
export class RolloutDemo {
  private timer: NodeJS.Timeout | undefined;
  private unwatch: (() => void) | undefined;
  private pending: NodeJS.Immediate | undefined;
  private readonly memory = new Map<string, Remembered>();
  private readonly now: () => number;

  constructor(private readonly options: RolloutDemoOptions) {
    this.now = options.now ?? Date.now;
  }

  start() {
    this.stop();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
    this.unwatch = this.options.watch?.(() => {
      // Our own writes come back here too; reconciling again changes nothing.
      this.pending ??= setImmediate(() => {
        this.pending = undefined;
        this.tick();
      });
    });
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    if (this.pending) clearImmediate(this.pending);
    this.pending = undefined;
  }

  /** Reconciles every Rollout once. */
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
      if (canarySteps(rollout).length > 0) {
        this.reconcile(rollout, true);
      }
    }
  }

  private reconcile(rollout: KubeObject, mayRelease: boolean) {
    const { store } = this.options;
    const key = `${rollout.metadata.namespace}/${rollout.metadata.name}`;
    const remembered = this.memory.get(key) ?? {};
    const now = this.now();
    const result = reconcileCanary({
      rollout,
      now,
      stepMs: this.options.intervalMs,
      memory: remembered.canary,
      newHash: podHash,
    });
    remembered.canary = result.memory;
    this.memory.set(key, remembered);
    const ref = {
      apiVersion: rollout.apiVersion,
      kind: rollout.kind,
      namespace: rollout.metadata.namespace,
      name: rollout.metadata.name as string,
    };
    if (stableJson(result.status) !== stableJson(rollout.status)) {
      store.updateStatus(ref, result.status);
    }
    routeTraffic(store, rollout, result);
    if (result.restart) {
      restartPods(store, rollout, now);
    }
    syncReplicaSets(store, rollout, result, now);

    const complete = result.hashes.canary === result.hashes.stable;
    if (!complete) {
      remembered.healthySince = undefined;
      return;
    }
    remembered.healthySince ??= now;
    const rested =
      now - remembered.healthySince >= (this.options.releaseAfterMs ?? 60_000);
    if (!mayRelease || (result.completed !== 'steps' && !rested)) return;
    const template = nextRelease(rollout);
    if (!template) return;
    remembered.healthySince = undefined;
    const released = store.patch(ref, { spec: { template } });
    this.reconcile(released, false);
  }
}
