/** Realistic rollout objects: KMOP RolloutPolicy, Argo Rollout, Flagger Canary, Deployment. */
import { omitStatus } from './omitStatus';

const canarySteps = [
  { setWeight: 10 },
  { pause: { duration: '5m' } },
  { analysis: { templates: ['success-rate'] } },
  { setWeight: 50 },
  { pause: {} },
];

function rolloutPolicy<S extends object>(status: S, generation = 4) {
  return {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'RolloutPolicy',
    metadata: { name: 'payments', namespace: 'shop', generation },
    spec: {
      serviceRef: 'payments',
      strategy: 'canary',
      canary: {
        steps: canarySteps,
        canaryService: 'payments-canary',
        stableService: 'payments-stable',
      },
      sloGate: { sloRef: 'payments-availability', maxBurnRate: 2 },
      autoPromote: false,
      engine: 'argo-rollouts',
    },
    status,
  };
}

export const rolloutPolicies = {
  healthy: rolloutPolicy({
    phase: 'Healthy',
    currentStepIndex: 5,
    canaryWeight: 0,
    stableRevision: '6d4f8b7c9',
    canaryRevision: '6d4f8b7c9',
    observedGeneration: 4,
    conditions: [{ type: 'Ready', status: 'True', reason: 'Promoted' }],
  }),
  progressing: rolloutPolicy({
    phase: 'Paused',
    currentStepIndex: 1,
    canaryWeight: 10,
    stableRevision: '6d4f8b7c9',
    canaryRevision: '84c5f9d6b',
    observedGeneration: 4,
    conditions: [{ type: 'Ready', status: 'True', reason: 'Paused' }],
  }),
  degraded: rolloutPolicy({
    phase: 'Degraded',
    currentStepIndex: 2,
    observedGeneration: 4,
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'AnalysisFailed',
        message: 'success-rate below 0.99',
      },
    ],
  }),
  unknown: omitStatus(rolloutPolicy({})),
  blueGreen: {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'RolloutPolicy',
    metadata: { name: 'ledger', namespace: 'shop', generation: 1 },
    spec: {
      serviceRef: 'ledger',
      strategy: 'blueGreen',
      blueGreen: { activeService: 'ledger', previewService: 'ledger-preview' },
    },
  },
  rolling: {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'RolloutPolicy',
    metadata: { name: 'orders', namespace: 'shop', generation: 1 },
    spec: {
      serviceRef: 'orders',
      rolling: { maxSurge: 1, maxUnavailable: '0%' },
    },
  },
};

function argoRollout<S extends object>(status: S, generation = 12) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'payments', namespace: 'shop', generation },
    spec: {
      replicas: 5,
      strategy: {
        canary: {
          canaryService: 'payments-canary',
          stableService: 'payments-stable',
          trafficRouting: { istio: { virtualService: { name: 'payments' } } },
          steps: [
            { setWeight: 20 },
            { pause: { duration: 300 } },
            {
              analysis: {
                templates: [{ templateName: 'success-rate' }],
                args: [{ name: 'service', value: 'payments' }],
              },
            },
            {
              experiment: {
                templates: [
                  { name: 'baseline', specRef: 'stable' },
                  { name: 'canary', specRef: 'canary' },
                ],
              },
            },
            { setCanaryScale: { weight: 50 } },
            { setWeight: 60 },
            { pause: {} },
          ],
        },
      },
    },
    status,
  };
}

const argoBase = {
  replicas: 6,
  updatedReplicas: 1,
  readyReplicas: 6,
  availableReplicas: 6,
  stableRS: '6d4f8b7c9',
  currentPodHash: '84c5f9d6b',
  observedGeneration: '12',
};

export const argoRollouts = {
  healthy: argoRollout({
    ...argoBase,
    updatedReplicas: 5,
    currentPodHash: '6d4f8b7c9',
    currentStepIndex: 7,
    phase: 'Healthy',
    canary: {
      weights: {
        canary: {
          weight: 0,
          podTemplateHash: '6d4f8b7c9',
          serviceName: 'payments-canary',
        },
        stable: {
          weight: 100,
          podTemplateHash: '6d4f8b7c9',
          serviceName: 'payments-stable',
        },
      },
    },
    conditions: [
      { type: 'Available', status: 'True', reason: 'AvailableReason' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      { type: 'Healthy', status: 'True', reason: 'RolloutHealthy' },
    ],
  }),
  /** Paused at the indefinite pause step, waiting for a promotion. */
  progressing: argoRollout({
    ...argoBase,
    currentStepIndex: 6,
    phase: 'Paused',
    message: 'CanaryPauseStep',
    controllerPause: true,
    pauseConditions: [
      { reason: 'CanaryPauseStep', startTime: '2026-07-01T10:00:00Z' },
    ],
    canary: {
      weights: {
        canary: {
          weight: 60,
          podTemplateHash: '84c5f9d6b',
          serviceName: 'payments-canary',
        },
        stable: {
          weight: 40,
          podTemplateHash: '6d4f8b7c9',
          serviceName: 'payments-stable',
        },
      },
      currentStepAnalysisRunStatus: {
        name: 'payments-84c5f9d6b-12-2',
        status: 'Successful',
      },
    },
  }),
  degraded: argoRollout({
    ...argoBase,
    currentStepIndex: 2,
    phase: 'Degraded',
    message:
      'RolloutAborted: Rollout aborted update to revision 12: Metric "success-rate" assessed Failed due to failed (3) > failureLimit (2)',
    abort: true,
    abortedAt: '2026-07-01T10:10:00Z',
    canary: {
      weights: {
        canary: { weight: 0, podTemplateHash: '84c5f9d6b' },
        stable: { weight: 100, podTemplateHash: '6d4f8b7c9' },
      },
      currentStepAnalysisRunStatus: {
        name: 'payments-84c5f9d6b-12-2',
        status: 'Failed',
        message:
          'Metric "success-rate" assessed Failed due to failed (3) > failureLimit (2)',
      },
    },
    conditions: [
      {
        type: 'Progressing',
        status: 'False',
        reason: 'RolloutAborted',
        message: 'Rollout aborted update to revision 12',
      },
    ],
  }),
  /** Controller not yet reporting a phase. */
  unknown: argoRollout({ observedGeneration: '12' }),
  /** generation 13 written, controller still at 12. */
  stale: argoRollout(
    { ...argoBase, phase: 'Healthy', currentStepIndex: 7 },
    13,
  ),
  unpausing: argoRollout({
    ...argoBase,
    phase: 'Paused',
    controllerPause: true,
    currentStepIndex: 6,
  }),
  blueGreen: {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'ledger', namespace: 'shop', generation: 3 },
    spec: {
      replicas: 2,
      strategy: {
        blueGreen: {
          activeService: 'ledger',
          previewService: 'ledger-preview',
          autoPromotionEnabled: false,
        },
      },
    },
    status: {
      phase: 'Paused',
      message: 'BlueGreenPause',
      observedGeneration: '3',
      controllerPause: true,
      pauseConditions: [
        { reason: 'BlueGreenPause', startTime: '2026-07-01T10:00:00Z' },
      ],
      stableRS: '5b7d9c',
      currentPodHash: '7f8e1a',
      blueGreen: { activeSelector: '5b7d9c', previewSelector: '7f8e1a' },
    },
  },
};

function flaggerCanary<S extends object>(status: S, analysis: object = {}) {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test', generation: 1 },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      service: {
        port: 9898,
        retries: {
          attempts: 3,
          perTryTimeout: '1s',
          retryOn: 'gateway-error,connect-failure,refused-stream',
        },
      },
      analysis: {
        interval: '1m',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        metrics: [
          {
            name: 'request-success-rate',
            thresholdRange: { min: 99 },
            interval: '1m',
          },
        ],
        ...analysis,
      },
    },
    status,
  };
}

export const flaggerCanaries = {
  healthy: flaggerCanary({
    phase: 'Succeeded',
    canaryWeight: 0,
    failedChecks: 0,
    iterations: 0,
    conditions: [
      {
        type: 'Promoted',
        status: 'True',
        reason: 'Succeeded',
        message: 'Canary analysis completed successfully, promotion finished.',
      },
    ],
  }),
  progressing: flaggerCanary({
    phase: 'Progressing',
    canaryWeight: 30,
    failedChecks: 2,
    iterations: 0,
    conditions: [
      {
        type: 'Promoted',
        status: 'Unknown',
        reason: 'Progressing',
        message: 'New revision detected, progressing canary analysis.',
      },
    ],
  }),
  degraded: flaggerCanary({
    phase: 'Failed',
    canaryWeight: 0,
    failedChecks: 5,
    conditions: [
      {
        type: 'Promoted',
        status: 'False',
        reason: 'Failed',
        message: 'Canary analysis failed, Deployment scaled to zero.',
      },
    ],
  }),
  unknown: omitStatus(flaggerCanary({})),
  stepWeights: flaggerCanary(
    { phase: 'Progressing', canaryWeight: 10, failedChecks: 0 },
    {
      stepWeight: undefined,
      maxWeight: undefined,
      stepWeights: [1, 10, 25, 80],
    },
  ),
  blueGreen: flaggerCanary(
    { phase: 'Progressing', canaryWeight: 0, iterations: 3 },
    { stepWeight: undefined, maxWeight: undefined, iterations: 10 },
  ),
};

function deployment<S extends object>(
  status: S,
  spec: object = {},
  generation = 9,
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'payments',
      namespace: 'shop',
      generation,
      annotations: { 'deployment.kubernetes.io/revision': '9' },
    },
    spec: {
      replicas: 4,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: '0%' },
      },
      ...spec,
    },
    status,
  };
}

const available = {
  type: 'Available',
  status: 'True',
  reason: 'MinimumReplicasAvailable',
  message: 'Deployment has minimum availability.',
};

export const deployments = {
  healthy: deployment({
    observedGeneration: 9,
    replicas: 4,
    updatedReplicas: 4,
    readyReplicas: 4,
    availableReplicas: 4,
    conditions: [
      available,
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: 'ReplicaSet "payments-6d4f8b7c9" has successfully progressed.',
      },
    ],
  }),
  progressing: deployment({
    observedGeneration: 9,
    replicas: 5,
    updatedReplicas: 2,
    readyReplicas: 4,
    availableReplicas: 4,
    conditions: [
      available,
      {
        type: 'Progressing',
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: 'ReplicaSet "payments-84c5f9d6b" is progressing.',
      },
    ],
  }),
  degraded: deployment({
    observedGeneration: 9,
    replicas: 5,
    updatedReplicas: 2,
    readyReplicas: 4,
    availableReplicas: 4,
    conditions: [
      available,
      {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: 'ReplicaSet "payments-84c5f9d6b" has timed out progressing.',
      },
    ],
  }),
  unknown: omitStatus(deployment({})),
  stale: deployment({
    observedGeneration: 8,
    replicas: 4,
    updatedReplicas: 4,
    readyReplicas: 4,
    availableReplicas: 4,
  }),
  recreate: deployment(
    {
      observedGeneration: 9,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      conditions: [available],
    },
    { replicas: 1, strategy: { type: 'Recreate' } },
  ),
};
