import { normalizeObject } from '../../normalizers';
import { withMeasuredFigures } from '../../slo';
import type { KmopBurnRate, KmopEntityView, KmopSloView } from '../../view';

/*
 * Entity views for the release judgement, built the way the backend builds them: upstream-
 * shaped objects through the normalizers, then Prometheus figures through
 * `withMeasuredFigures`. The page, the actions and `explain-release` are all tested on these.
 */

const CLUSTER = 'demo';
const EVALUATED_AT = '2026-12-06T10:00:00.000Z';

function itemsOf(objects: object[]) {
  const view = { routes: [], slos: [], rollouts: [], resilience: [] } as Pick<
    KmopEntityView,
    'routes' | 'slos' | 'rollouts' | 'resilience'
  >;
  for (const obj of objects) {
    const items = normalizeObject(obj, { cluster: CLUSTER });
    view.routes.push(...items.routes);
    view.slos.push(...items.slos);
    view.rollouts.push(...items.rollouts);
    view.resilience.push(...items.resilience);
  }
  return view;
}

function entityView(
  entityRef: string,
  objects: object[],
  figures: Record<
    string,
    { errorRatio: number; burnRates: KmopBurnRate[] }
  > = {},
): KmopEntityView {
  const items = itemsOf(objects);
  const slos = items.slos.map((slo: KmopSloView) =>
    figures[slo.name]
      ? withMeasuredFigures(slo, {
          ...figures[slo.name],
          evaluatedAt: EVALUATED_AT,
        })
      : slo,
  );
  return {
    entityRef,
    target: { serviceName: entityRef.split('/')[1] },
    ...items,
    slos,
    clusters: [{ name: CLUSTER, state: 'ready' }],
    generatedAt: EVALUATED_AT,
  };
}

const labels = (name: string) => ({ 'app.kubernetes.io/name': name });

function argoRollout(status: object, name = 'checkout') {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: name, generation: 12, labels: labels(name) },
    spec: {
      replicas: 5,
      strategy: {
        canary: {
          canaryService: `${name}-canary`,
          stableService: `${name}-stable`,
          steps: [
            { setWeight: 20 },
            { pause: { duration: '10m' } },
            { setWeight: 50 },
            { pause: {} },
            { setWeight: 100 },
          ],
        },
      },
    },
    status: {
      observedGeneration: '12',
      stableRS: '5c7b9d8f2',
      currentPodHash: '6f8d7c9b4',
      replicas: 6,
      updatedReplicas: 1,
      readyReplicas: 6,
      availableReplicas: 6,
      ...status,
    },
  };
}

const pausedAtFirstStep = {
  phase: 'Paused',
  message: 'CanaryPauseStep',
  currentStepIndex: 1,
  pauseConditions: [
    { reason: 'CanaryPauseStep', startTime: '2026-12-06T09:55:00Z' },
  ],
  canary: {
    weights: {
      canary: { weight: 20, serviceName: 'checkout-canary' },
      stable: { weight: 80, serviceName: 'checkout-stable' },
    },
  },
  conditions: [
    { type: 'Available', status: 'True' },
    { type: 'Paused', status: 'True', reason: 'RolloutPaused' },
    { type: 'Progressing', status: 'True', reason: 'RolloutPaused' },
  ],
};

const checkoutRoute = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: {
    name: 'checkout',
    namespace: 'checkout',
    generation: 3,
    labels: labels('checkout'),
  },
  spec: {
    parentRefs: [{ name: 'public', namespace: 'infra' }],
    hostnames: ['checkout.example.com'],
    rules: [
      {
        backendRefs: [
          { name: 'checkout-stable', port: 8080, weight: 80 },
          { name: 'checkout-canary', port: 8080, weight: 20 },
        ],
      },
    ],
  },
  status: {
    parents: [
      {
        parentRef: { name: 'public', namespace: 'infra' },
        controllerName: 'example.com/gateway',
        conditions: [
          { type: 'Accepted', status: 'True', observedGeneration: 3 },
          { type: 'ResolvedRefs', status: 'True', observedGeneration: 3 },
        ],
      },
    ],
  },
};

const checkoutSloth = {
  apiVersion: 'sloth.slok.dev/v1',
  kind: 'PrometheusServiceLevel',
  metadata: {
    name: 'checkout',
    namespace: 'checkout',
    generation: 2,
    labels: labels('checkout'),
  },
  spec: {
    service: 'checkout',
    slos: [
      {
        name: 'requests-availability',
        objective: 99.5,
        sli: {
          events: {
            errorQuery:
              'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
            totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
          },
        },
        alerting: { name: 'CheckoutHighErrorRate' },
      },
    ],
  },
  status: {
    observedGeneration: 2,
    processedSLOs: 1,
    promOpRulesGeneratedSLOs: 1,
    promOpRulesGenerated: true,
  },
};

/** Burn rates per Sloth window for a steady error ratio, as Prometheus would give them. */
function steadyBurn(rateByWindow: Record<string, number>): KmopBurnRate[] {
  return Object.entries(rateByWindow).map(([window, rate]) => ({
    window,
    rate,
  }));
}

/**
 * checkout, as in the demo: the canary at 20% fails 40% of its requests, so the page alert
 * fires (16.5× over 1h and 15.2× over 5m against 14.4×).
 *
 * @public
 */
export const checkoutBurning = entityView(
  'component:default/checkout',
  [argoRollout(pausedAtFirstStep), checkoutRoute, checkoutSloth],
  {
    'requests-availability': {
      errorRatio: 0.003,
      burnRates: steadyBurn({
        '5m': 15.2,
        '1h': 16.499999999774273,
        '30m': 9,
        '6h': 3.2,
        '2h': 1.1,
        '1d': 0.8,
        '3d': 0.6,
      }),
    },
  },
);

/**
 * checkout with the same rollout and no alert firing.
 *
 * @public
 */
export const checkoutHealthy = entityView(
  'component:default/checkout',
  [argoRollout(pausedAtFirstStep), checkoutRoute, checkoutSloth],
  {
    'requests-availability': {
      errorRatio: 0.001,
      burnRates: steadyBurn({
        '5m': 0.4,
        '1h': 0.3,
        '30m': 0.3,
        '6h': 0.2,
        '2h': 0.2,
        '1d': 0.2,
        '3d': 0.2,
      }),
    },
  },
);

/**
 * checkout after an abort: traffic back on stable, the alert's long window still burning.
 *
 * @public
 */
export const checkoutAborted = entityView('component:default/checkout', [
  argoRollout({
    phase: 'Degraded',
    message: 'RolloutAborted: Rollout aborted update to revision 7',
    abort: true,
    currentStepIndex: 0,
    canary: {
      weights: {
        canary: { weight: 0, serviceName: 'checkout-canary' },
        stable: { weight: 100, serviceName: 'checkout-stable' },
      },
    },
    conditions: [{ type: 'Available', status: 'True' }],
  }),
  checkoutRoute,
  checkoutSloth,
]);

/**
 * checkout fully promoted (current pod hash is the stable one), while the page alert still
 * fires: no release is in progress, the firing alert is still reported.
 *
 * @public
 */
export const checkoutPromotedStillFiring = entityView(
  'component:default/checkout',
  [
    argoRollout({
      phase: 'Healthy',
      currentStepIndex: 5,
      stableRS: '6f8d7c9b4',
      currentPodHash: '6f8d7c9b4',
      conditions: [
        { type: 'Available', status: 'True' },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
        },
        { type: 'Healthy', status: 'True' },
      ],
    }),
    checkoutRoute,
    checkoutSloth,
  ],
  {
    'requests-availability': {
      errorRatio: 0.004,
      burnRates: steadyBurn({
        '5m': 15,
        '1h': 15,
        '30m': 9,
        '6h': 3,
        '2h': 1,
        '1d': 0.8,
        '3d': 0.6,
      }),
    },
  },
);

const catalogLabels = labels('catalog-api');

/**
 * catalog-api, as in the demo: a Flagger Canary with 2 of 5 failed checks driving the
 * Deployment catalog-api, a degraded GRPCRoute, and a Pyrra SLO with live figures and no
 * alert firing.
 *
 * @public
 */
export const catalogApiFailingAnalysis = entityView(
  'component:default/catalog-api',
  [
    {
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      metadata: {
        name: 'catalog-api',
        namespace: 'catalog',
        generation: 4,
        labels: catalogLabels,
      },
      spec: {
        provider: 'gatewayapi:v1',
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'catalog-api',
        },
        service: { port: 9090 },
        analysis: {
          interval: '1m',
          threshold: 5,
          maxWeight: 50,
          stepWeight: 10,
          metrics: [],
        },
      },
      status: {
        observedGeneration: 4,
        phase: 'Progressing',
        canaryWeight: 20,
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
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'catalog-api',
        namespace: 'catalog',
        generation: 9,
        labels: catalogLabels,
        annotations: { 'deployment.kubernetes.io/revision': '9' },
      },
      spec: { replicas: 4, strategy: { type: 'RollingUpdate' } },
      status: {
        observedGeneration: 9,
        replicas: 5,
        updatedReplicas: 1,
        readyReplicas: 5,
        availableReplicas: 5,
        conditions: [
          { type: 'Available', status: 'True' },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'ReplicaSetUpdated',
            message: 'ReplicaSet "catalog-api-7c9" is progressing.',
          },
        ],
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      metadata: {
        name: 'catalog-api',
        namespace: 'catalog',
        generation: 2,
        labels: catalogLabels,
      },
      spec: {
        parentRefs: [{ name: 'internal', namespace: 'infra' }],
        rules: [
          {
            backendRefs: [
              { name: 'catalog-api-primary', port: 9090, weight: 80 },
              { name: 'catalog-api-canary', port: 9090, weight: 20 },
            ],
          },
        ],
      },
      status: {
        parents: [
          {
            parentRef: { name: 'internal', namespace: 'infra' },
            controllerName: 'example.com/gateway',
            conditions: [
              { type: 'Accepted', status: 'True', observedGeneration: 2 },
              {
                type: 'ResolvedRefs',
                status: 'False',
                reason: 'BackendNotFound',
                message: 'Service catalog/catalog-api-canary not found',
                observedGeneration: 2,
              },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'pyrra.dev/v1alpha1',
      kind: 'ServiceLevelObjective',
      metadata: {
        name: 'catalog-api-errors',
        namespace: 'catalog',
        labels: catalogLabels,
      },
      spec: {
        target: '99.9',
        window: '28d',
        indicator: {
          ratio: {
            errors: { metric: 'grpc_server_handled_total{grpc_code!="OK"}' },
            total: { metric: 'grpc_server_handled_total' },
          },
        },
      },
      status: { type: 'PrometheusRule' },
    },
  ],
  {
    'catalog-api-errors': {
      errorRatio: 0.0002,
      burnRates: steadyBurn({
        '5m': 0.3,
        '1h': 0.2,
        '30m': 0.2,
        '6h': 0.2,
        '2h': 0.2,
        '1d': 0.2,
        '4d': 0.2,
      }),
    },
  },
);

/**
 * A service whose rollout runs with no SLO at all.
 *
 * @public
 */
export const noSloRelease = entityView('component:default/search', [
  argoRollout(
    {
      ...pausedAtFirstStep,
      canary: {
        weights: {
          canary: { weight: 20, serviceName: 'search-canary' },
          stable: { weight: 80, serviceName: 'search-stable' },
        },
      },
    },
    'search',
  ),
]);

/**
 * Every fixture, by name, for tests that feed all of them to several consumers.
 *
 * @public
 */
export const RELEASE_VIEWS: Record<string, KmopEntityView> = {
  checkoutBurning,
  checkoutHealthy,
  checkoutAborted,
  checkoutPromotedStillFiring,
  catalogApiFailingAnalysis,
  noSloRelease,
};
