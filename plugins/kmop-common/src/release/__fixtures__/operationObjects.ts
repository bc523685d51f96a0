/**
 * Raw objects in the states the operation rules distinguish, shaped as each controller
 * writes them. Shared by the rule tests, the patch tests and the backend's request tests.
 */

type Json = Record<string, unknown>;

const meta = (name: string, extra: Json = {}) => ({
  name,
  namespace: 'shop',
  resourceVersion: '41',
  generation: 3,
  ...extra,
});

const canarySteps = [
  { setWeight: 20 },
  { pause: {} },
  { analysis: { templates: [{ templateName: 'success-rate' }] } },
  { setWeight: 50 },
  { pause: { duration: '5m' } },
];

/**
 * An Argo Rollout in the given status, canary with five steps.
 *
 * @public
 */
export function argoRollout(
  status: Json,
  spec: Json = {},
  metadata: Json = {},
): Json {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: meta('checkout', metadata),
    spec: {
      replicas: 4,
      strategy: { canary: { steps: canarySteps } },
      ...spec,
    },
    status: { observedGeneration: '3', ...status },
  };
}

/**
 * Paused by the indefinite `pause: {}` of step 2 (index 1).
 *
 * @public
 */
export const argoPausedAtStep = argoRollout({
  phase: 'Paused',
  currentStepIndex: 1,
  currentPodHash: '7b9c',
  stableRS: '5f6d',
  pauseConditions: [
    { reason: 'CanaryPauseStep', startTime: '2026-12-06T09:00:00Z' },
  ],
  controllerPause: true,
  canary: { weights: { canary: { weight: 20 } } },
});

/**
 * Running the analysis of step 3 (index 2), not paused.
 *
 * @public
 */
export const argoAnalysing = argoRollout({
  phase: 'Progressing',
  currentStepIndex: 2,
  currentPodHash: '7b9c',
  stableRS: '5f6d',
  canary: {
    currentStepAnalysisRunStatus: {
      name: 'checkout-7b9c-3',
      status: 'Running',
    },
  },
});

/**
 * Paused on an inconclusive analysis: a pause condition and controllerPause.
 *
 * @public
 */
export const argoInconclusive = argoRollout({
  phase: 'Paused',
  currentStepIndex: 2,
  currentPodHash: '7b9c',
  stableRS: '5f6d',
  controllerPause: true,
  pauseConditions: [
    { reason: 'InconclusiveAnalysisRun', startTime: '2026-12-06T09:00:00Z' },
  ],
  canary: {
    currentStepAnalysisRunStatus: {
      name: 'checkout-7b9c-3',
      status: 'Inconclusive',
    },
  },
});

/**
 * Paused by hand (`kubectl argo rollouts pause`) while progressing.
 *
 * @public
 */
export const argoPausedByHand = argoRollout(
  {
    phase: 'Paused',
    currentStepIndex: 0,
    currentPodHash: '7b9c',
    stableRS: '5f6d',
  },
  { paused: true },
);

/**
 * Aborted: traffic back on stable, phase Degraded.
 *
 * @public
 */
export const argoAborted = argoRollout({
  phase: 'Degraded',
  message: 'RolloutAborted: Rollout aborted update to revision 4',
  abort: true,
  currentStepIndex: 0,
  currentPodHash: '7b9c',
  stableRS: '5f6d',
});

/**
 * Fully promoted: the current pod hash is the stable ReplicaSet.
 *
 * @public
 */
export const argoHealthy = argoRollout({
  phase: 'Healthy',
  currentStepIndex: 5,
  currentPodHash: '5f6d',
  stableRS: '5f6d',
});

/**
 * Not reconciled yet: no pod hashes.
 *
 * @public
 */
export const argoNoHashes = argoRollout({ phase: 'Progressing' });

/**
 * Paused at a step, managed by Argo CD.
 *
 * @public
 */
export const argoGitOps = argoRollout(
  (argoPausedAtStep.status as Json) ?? {},
  {},
  { labels: { 'app.kubernetes.io/instance': 'checkout-prod' } },
);

/** @public */
export function deployment(spec: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('orders'),
    spec: { replicas: 3, ...spec },
    status: {
      observedGeneration: 3,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    },
  };
}

/** @public */
export function flaggerCanary(spec: Json = {}, status: Json = {}): Json {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: meta('catalog-api'),
    spec: {
      targetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'catalog-api',
      },
      service: { port: 8080 },
      analysis: { interval: '1m', threshold: 5, stepWeight: 10, maxWeight: 50 },
      ...spec,
    },
    status: {
      phase: 'Progressing',
      canaryWeight: 20,
      failedChecks: 2,
      ...status,
    },
  };
}

/** @public */
export const kmopRolloutPolicy: Json = {
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'RolloutPolicy',
  metadata: meta('payments'),
  spec: {
    serviceRef: 'payments',
    strategy: 'canary',
    canary: { steps: [{ setWeight: 20 }, { pause: {} }] },
  },
  status: { phase: 'Paused', currentStepIndex: 1 },
};

/**
 * The Rollout the KMOP operator rendered `kmopRolloutPolicy` into.
 *
 * @public
 */
export const renderedRollout = argoRollout(
  (argoPausedAtStep.status as Json) ?? {},
  {},
  {
    name: 'payments',
    ownerReferences: [
      {
        apiVersion: 'kmop.dev/v1alpha1',
        kind: 'RolloutPolicy',
        name: 'payments',
        uid: 'u-1',
        controller: true,
      },
    ],
  },
);
