import { KubeObject, isObject } from '../../types';
import { pauseDurationMs } from './duration';

// The part of Argo Rollouts' controller that moves a canary Rollout through its steps
// (`rollout/canary.go`, `rollout/pause.go`, `utils/replicaset/canary.go` upstream), as a
// pure function of the object, the time and what the controller remembers. It honours
// what `kubectl argo rollouts` sends: promote (pauseConditions removed, spec.paused
// false, or currentStepIndex moved), promote --full (status.promoteFull), abort
// (status.abort), retry (status.abort false), pause (spec.paused) and restart
// (spec.restartAt).

type Json = Record<string, unknown>;

/** What the controller keeps in memory between reconciles of one Rollout. */
export interface CanaryMemory {
  /** The pod template the current pod hash stands for. */
  templateJson: string;
  currentPodHash: string;
  /** The step being executed (hash, index, aborted) and since when, in ms. */
  stepKey: string;
  stepSince: number;
}

export interface CanaryInput {
  rollout: KubeObject;
  now: number;
  /** How long a step that waits for pods or an analysis (setWeight, analysis) takes. */
  stepMs: number;
  memory?: CanaryMemory;
  /** A fresh pod template hash, for a new template. */
  newHash: () => string;
}

export interface CanaryResult {
  status: Json;
  memory: CanaryMemory;
  /** The weights the traffic routers must carry, and the pod hashes behind them. */
  weights: { canary: number; stable: number };
  hashes: { canary: string; stable: string };
  /** The replicas of the stable and the canary ReplicaSet (the same one once complete). */
  replicas: { canary: number; stable: number };
  /** Why the rollout is complete when it became so in this reconcile. */
  completed?: 'steps' | 'promoteFull';
  /** The template is new: a new revision. */
  newRevision: boolean;
  /** `spec.restartAt` was reached: the pods are to be restarted. */
  restart?: string;
}

function objectAt(value: unknown): Json {
  return isObject(value) ? value : {};
}

export function canarySteps(rollout: KubeObject): Json[] {
  const canary = objectAt(objectAt(objectAt(rollout.spec).strategy).canary);
  return Array.isArray(canary.steps) ? canary.steps.filter(isObject) : [];
}

/** The canary weight of a step index: the last `setWeight` at or before it (`GetCurrentSetWeight`). */
export function setWeightAt(steps: Json[], index: number): number {
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
    if (typeof steps[i].setWeight === 'number')
      return steps[i].setWeight as number;
  }
  return 0;
}

const PAUSE_REASON = 'CanaryPauseStep';

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Keeps a condition's lastTransitionTime while its status and reason stay the same. */
function condition(
  previous: Json[],
  now: number,
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
): Json {
  const before = previous.find(c => c.type === type);
  const same = before && before.status === status && before.reason === reason;
  return {
    type,
    status,
    reason,
    message,
    lastTransitionTime:
      same && typeof before.lastTransitionTime === 'string'
        ? before.lastTransitionTime
        : iso(now),
  };
}

/** One reconcile of a canary Rollout with steps. */
export function reconcileCanary(input: CanaryInput): CanaryResult {
  const { rollout, now, stepMs, memory } = input;
  const spec = objectAt(rollout.spec);
  const canary = objectAt(objectAt(spec.strategy).canary);
  const steps = canarySteps(rollout);
  const previous = objectAt(rollout.status);
  const status: Json = { ...previous };

  // The pod template hash: the one in status for the template first seen (so a seeded
  // object keeps its ReplicaSets), a new one whenever the template changes.
  const templateJson = JSON.stringify(spec.template ?? {});
  let hash: string;
  let newRevision = false;
  if (!memory) {
    hash =
      typeof previous.currentPodHash === 'string'
        ? previous.currentPodHash
        : input.newHash();
  } else if (memory.templateJson !== templateJson) {
    hash = input.newHash();
    newRevision = true;
  } else {
    hash = memory.currentPodHash;
  }
  // The first revision of a Rollout has nothing to be a canary against: it is stable.
  let stable = typeof previous.stableRS === 'string' ? previous.stableRS : hash;
  let index =
    typeof previous.currentStepIndex === 'number'
      ? Math.max(0, Math.min(previous.currentStepIndex, steps.length))
      : 0;
  if (newRevision) {
    // A new revision starts the steps again and ends an abort.
    index = 0;
    delete status.abort;
    delete status.abortedAt;
    delete status.promoteFull;
    delete status.pauseConditions;
    delete status.controllerPause;
  }
  let completed: CanaryResult['completed'];
  const aborted = status.abort === true && hash !== stable;
  if (status.promoteFull === true && hash !== stable && !aborted) {
    stable = hash;
    completed = 'promoteFull';
  }
  if (hash === stable) {
    index = steps.length;
    delete status.promoteFull;
    delete status.pauseConditions;
    delete status.controllerPause;
  }
  if (aborted) {
    // Traffic goes back to stable; the steps start again from the first on retry.
    index = 0;
    delete status.pauseConditions;
    delete status.controllerPause;
    if (typeof status.abortedAt !== 'string') status.abortedAt = iso(now);
  } else {
    delete status.abortedAt;
  }

  const manuallyPaused = spec.paused === true;
  // A step's wait counts from when it began, or from the end of a manual pause.
  const keyOf = () => `${hash}/${index}/${aborted}/${manuallyPaused}`;
  const stepKey = keyOf();
  let stepSince = memory && memory.stepKey === stepKey ? memory.stepSince : now;

  // Steps whose time has come complete one after the other; entering a pause step
  // pauses at once.
  while (!aborted && !manuallyPaused && index < steps.length) {
    const step = steps[index];
    let done = false;
    if (isObject(step.pause)) {
      const conditions = Array.isArray(status.pauseConditions)
        ? status.pauseConditions.filter(isObject)
        : [];
      const pause = conditions.find(c => c.reason === PAUSE_REASON);
      if (!pause && status.controllerPause === true) {
        done = true; // promoted: the pause condition was removed
      } else if (!pause) {
        status.pauseConditions = [
          ...conditions,
          { reason: PAUSE_REASON, startTime: iso(now) },
        ];
        status.controllerPause = true;
      } else {
        const duration = pauseDurationMs(step.pause.duration);
        const started = Date.parse(String(pause.startTime));
        done =
          duration !== undefined &&
          (Number.isNaN(started) || now >= started + duration);
      }
    } else {
      done = now - stepSince >= stepMs;
    }
    if (!done) break;
    index += 1;
    stepSince = now;
    delete status.pauseConditions;
    delete status.controllerPause;
    if (index >= steps.length) {
      stable = hash;
      completed = 'steps';
    }
  }

  const complete = hash === stable;
  const weight = complete || aborted ? 0 : setWeightAt(steps, index);
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const canaryReplicas = complete
    ? replicas
    : Math.ceil((replicas * weight) / 100);
  const total = complete ? replicas : replicas + canaryReplicas;
  const revision =
    rollout.metadata.annotations?.['rollout.argoproj.io/revision'] ??
    String(rollout.metadata.generation ?? 1);
  const pauseConditions = Array.isArray(status.pauseConditions)
    ? status.pauseConditions
    : [];
  const paused = manuallyPaused || pauseConditions.length > 0;

  let phase = 'Progressing';
  let message: string | undefined = 'more replicas need to be updated';
  if (complete) {
    phase = 'Healthy';
    message = undefined;
  } else if (aborted) {
    phase = 'Degraded';
    message = `RolloutAborted: Rollout aborted update to revision ${revision}`;
  } else if (manuallyPaused) {
    phase = 'Paused';
    message = 'manually paused';
  } else if (paused) {
    phase = 'Paused';
    message = PAUSE_REASON;
  } else if (!('setWeight' in (steps[index] ?? {}))) {
    message = 'waiting for all steps to complete';
  }

  const before = Array.isArray(previous.conditions)
    ? previous.conditions.filter(isObject)
    : [];
  const conditions: Json[] = [
    condition(
      before,
      now,
      'Available',
      'True',
      'AvailableReason',
      'Rollout has minimum availability',
    ),
  ];
  if (complete) {
    conditions.push(
      condition(
        before,
        now,
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        'Rollout is healthy',
      ),
      condition(
        before,
        now,
        'Completed',
        'True',
        'RolloutCompleted',
        `Rollout completed update to revision ${revision}`,
      ),
    );
  } else if (aborted) {
    conditions.push(
      condition(
        before,
        now,
        'Progressing',
        'False',
        'RolloutAborted',
        `Rollout aborted update to revision ${revision}`,
      ),
    );
  } else {
    conditions.push(
      paused
        ? condition(
            before,
            now,
            'Progressing',
            'True',
            'RolloutPaused',
            'Rollout is paused',
          )
        : condition(
            before,
            now,
            'Progressing',
            'True',
            'ReplicaSetUpdated',
            `ReplicaSet "${rollout.metadata.name}-${hash}" is progressing.`,
          ),
    );
  }
  // Argo keeps the Paused condition once there was a pause, False after a resume.
  if (paused) {
    conditions.push(
      condition(
        before,
        now,
        'Paused',
        'True',
        'RolloutPaused',
        'Rollout is paused',
      ),
    );
  } else if (before.some(c => c.type === 'Paused')) {
    conditions.push(
      condition(
        before,
        now,
        'Paused',
        'False',
        'RolloutResumed',
        'Rollout is resumed',
      ),
    );
  }

  const weights = objectAt(objectAt(previous.canary).weights);
  const next: Json = {
    ...status,
    phase,
    message,
    currentStepIndex: index,
    currentPodHash: hash,
    stableRS: stable,
    observedGeneration: String(rollout.metadata.generation ?? 1),
    replicas: total,
    updatedReplicas: canaryReplicas,
    readyReplicas: total,
    availableReplicas: total,
    conditions,
    canary: {
      ...objectAt(previous.canary),
      weights: {
        canary: {
          ...objectAt(weights.canary),
          weight,
          podTemplateHash: hash,
          ...(typeof canary.canaryService === 'string'
            ? { serviceName: canary.canaryService }
            : {}),
        },
        stable: {
          ...objectAt(weights.stable),
          weight: 100 - weight,
          podTemplateHash: stable,
          ...(typeof canary.stableService === 'string'
            ? { serviceName: canary.stableService }
            : {}),
        },
      },
    },
  };
  if (message === undefined) delete next.message;
  if (steps.length === 0) delete next.currentStepIndex;

  let restart: string | undefined;
  const restartAt =
    typeof spec.restartAt === 'string' ? Date.parse(spec.restartAt) : NaN;
  const restartedAt =
    typeof previous.restartedAt === 'string'
      ? Date.parse(previous.restartedAt)
      : NaN;
  if (
    !Number.isNaN(restartAt) &&
    restartAt <= now &&
    (Number.isNaN(restartedAt) || restartedAt < restartAt)
  ) {
    restart = spec.restartAt as string;
    next.restartedAt = restart;
  }

  return {
    status: next,
    memory: {
      templateJson,
      currentPodHash: hash,
      stepKey: keyOf(),
      stepSince,
    },
    weights: { canary: weight, stable: 100 - weight },
    hashes: { canary: hash, stable },
    replicas: { canary: canaryReplicas, stable: replicas },
    completed,
    newRevision,
    restart,
  };
}
