/** Realistic resilience objects (Istio VirtualServices and HTTPRoutes are in routes.ts). */
import { omitStatus } from './omitStatus';

function resiliencePolicy<S extends object>(status: S, generation = 2) {
  return {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'ResiliencePolicy',
    metadata: { name: 'payments', namespace: 'shop', generation },
    spec: {
      serviceRef: 'payments',
      timeouts: { request: '10s', connect: '1s' },
      retries: {
        attempts: 3,
        retryOn: ['5xx', 'reset', 'connect-failure'],
        perTryTimeout: '2s',
        backoff: { baseInterval: '25ms', maxInterval: '250ms' },
      },
      circuitBreaker: {
        consecutiveErrors: 5,
        interval: '10s',
        baseEjectionTime: '30s',
        maxEjectionPercent: 50,
        maxConnections: 100,
        maxPendingRequests: 10,
      },
      rateLimit: { requests: 100, unit: 'Second' },
      bulkhead: { maxConcurrentRequests: 50, maxQueue: 10 },
      disruptionBudget: { minAvailable: 1 },
    },
    status,
  };
}

export const resiliencePolicies = {
  healthy: resiliencePolicy({
    observedGeneration: 2,
    conditions: [{ type: 'Ready', status: 'True', reason: 'Applied' }],
  }),
  progressing: resiliencePolicy({
    observedGeneration: 1,
    conditions: [{ type: 'Ready', status: 'True', reason: 'Applied' }],
  }),
  degraded: resiliencePolicy({
    observedGeneration: 2,
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'MeshNotFound',
        message: 'no Istio or Envoy Gateway found to apply the policy',
      },
    ],
  }),
  unknown: omitStatus(resiliencePolicy({})),
};

function destinationRule<S extends object>(status: S, generation = 3) {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'shop', generation },
    spec: {
      host: 'reviews.shop.svc.cluster.local',
      trafficPolicy: {
        connectionPool: {
          tcp: { maxConnections: 100, connectTimeout: '30ms' },
          http: {
            http1MaxPendingRequests: 10,
            http2MaxRequests: 1000,
            maxRequestsPerConnection: 10,
          },
        },
        outlierDetection: { consecutive5xxErrors: 7, interval: '5m' },
        portLevelSettings: [
          {
            port: { number: 9080 },
            outlierDetection: {
              consecutiveGatewayErrors: 3,
              consecutive5xxErrors: 0,
            },
          },
        ],
        loadBalancer: { simple: 'LEAST_REQUEST' },
      },
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        {
          name: 'v2',
          labels: { version: 'v2' },
          trafficPolicy: { connectionPool: { tcp: { maxConnections: 10 } } },
        },
      ],
    },
    status,
  };
}

export const destinationRules = {
  healthy: destinationRule({
    observedGeneration: 3,
    conditions: [{ type: 'Reconciled', status: 'True', observedGeneration: 3 }],
  }),
  progressing: destinationRule({
    observedGeneration: 3,
    conditions: [
      { type: 'Reconciled', status: 'Unknown', reason: 'Reconciling' },
    ],
  }),
  degraded: destinationRule({
    observedGeneration: 3,
    conditions: [
      {
        type: 'Reconciled',
        status: 'False',
        reason: 'InvalidConfig',
        message: 'subset v3 has no matching pods',
      },
    ],
  }),
  unknown: omitStatus(destinationRule({})),
};

function backendTrafficPolicy<S extends object>(status: S, generation = 2) {
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    metadata: { name: 'payments', namespace: 'shop', generation },
    spec: {
      targetRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'HTTPRoute',
          name: 'payments',
        },
      ],
      retry: {
        numRetries: 5,
        retryOn: {
          triggers: ['connect-failure', 'retriable-status-codes'],
          httpStatusCodes: [500, 503],
        },
        perRetry: {
          timeout: '250ms',
          backOff: { baseInterval: '100ms', maxInterval: '10s' },
        },
      },
      timeout: {
        tcp: { connectTimeout: '10s' },
        http: { requestTimeout: '30s', connectionIdleTimeout: '60s' },
      },
      circuitBreaker: { maxConnections: 2048, maxParallelRequests: 512 },
      rateLimit: {
        global: {
          rules: [
            {
              clientSelectors: [
                { headers: [{ name: 'x-user-id', type: 'Distinct' }] },
              ],
              limit: { requests: 10, unit: 'Hour' },
            },
            { limit: { requests: 1000, unit: 'Second' } },
          ],
        },
      },
    },
    status,
  };
}

const ancestor = (conditions: object[]) => ({
  ancestors: [
    {
      ancestorRef: {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'public',
        namespace: 'infra',
        sectionName: 'https',
      },
      controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
      conditions,
    },
  ],
});

export const backendTrafficPolicies = {
  healthy: backendTrafficPolicy(
    ancestor([
      {
        type: 'Accepted',
        status: 'True',
        reason: 'Accepted',
        message: 'Policy has been accepted.',
        observedGeneration: 2,
      },
      {
        type: 'Overridden',
        status: 'True',
        reason: 'Overridden',
        message:
          'This policy is being overridden by other backendTrafficPolicies for these routes: [shop/payments-strict]',
        observedGeneration: 2,
      },
    ]),
  ),
  progressing: backendTrafficPolicy({ ancestors: [] }),
  degraded: backendTrafficPolicy(
    ancestor([
      {
        type: 'Accepted',
        status: 'False',
        reason: 'Invalid',
        message: 'Retry: numRetries must be >= 0',
        observedGeneration: 2,
      },
    ]),
  ),
  unknown: backendTrafficPolicy(ancestor([])),
};

function pdb<S extends object>(status: S, spec: object = { minAvailable: 2 }) {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'payments', namespace: 'shop', generation: 1 },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
      ...spec,
    },
    status,
  };
}

const sufficient = {
  type: 'DisruptionAllowed',
  status: 'True',
  reason: 'SufficientPods',
};
const insufficient = {
  type: 'DisruptionAllowed',
  status: 'False',
  reason: 'InsufficientPods',
};

export const podDisruptionBudgets = {
  healthy: pdb({
    observedGeneration: 1,
    currentHealthy: 4,
    desiredHealthy: 2,
    disruptionsAllowed: 2,
    expectedPods: 4,
    conditions: [sufficient],
  }),
  /** At the minimum: ok, but evictions are blocked. */
  blocked: pdb(
    {
      observedGeneration: 1,
      currentHealthy: 2,
      desiredHealthy: 2,
      disruptionsAllowed: 0,
      expectedPods: 2,
      conditions: [insufficient],
    },
    { maxUnavailable: '25%' },
  ),
  progressing: pdb({
    observedGeneration: 0,
    currentHealthy: 4,
    desiredHealthy: 2,
    disruptionsAllowed: 2,
    expectedPods: 4,
  }),
  degraded: pdb({
    observedGeneration: 1,
    currentHealthy: 1,
    desiredHealthy: 2,
    disruptionsAllowed: 0,
    expectedPods: 3,
    conditions: [insufficient],
  }),
  unknown: omitStatus(pdb({})),
};

function hpa<S extends object>(status: S) {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'payments', namespace: 'shop', generation: 1 },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'payments',
      },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
        {
          type: 'Pods',
          pods: {
            metric: { name: 'http_requests_per_second' },
            target: { type: 'AverageValue', averageValue: '1k' },
          },
        },
        {
          type: 'External',
          external: {
            metric: { name: 'queue_messages_ready' },
            target: { type: 'Value', value: 30 },
          },
        },
      ],
    },
    status,
  };
}

const ableToScale = {
  type: 'AbleToScale',
  status: 'True',
  reason: 'ReadyForNewScale',
  message: 'recommended size matches current size',
};
const scalingActive = {
  type: 'ScalingActive',
  status: 'True',
  reason: 'ValidMetricFound',
  message:
    'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
};

export const horizontalPodAutoscalers = {
  healthy: hpa({
    currentReplicas: 10,
    desiredReplicas: 10,
    currentMetrics: [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          current: { averageUtilization: 86, averageValue: '430m' },
        },
      },
      {
        type: 'External',
        external: {
          metric: { name: 'queue_messages_ready' },
          current: { value: 41 },
        },
      },
    ],
    conditions: [
      ableToScale,
      scalingActive,
      {
        type: 'ScalingLimited',
        status: 'True',
        reason: 'TooManyReplicas',
        message:
          'the desired replica count is more than the maximum replica count',
      },
    ],
  }),
  progressing: hpa({
    currentReplicas: 3,
    desiredReplicas: 5,
    conditions: [{ ...ableToScale, reason: 'SucceededRescale' }, scalingActive],
  }),
  degraded: hpa({
    currentReplicas: 3,
    desiredReplicas: 3,
    conditions: [
      ableToScale,
      {
        type: 'ScalingActive',
        status: 'False',
        reason: 'FailedGetResourceMetric',
        message:
          'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu',
      },
    ],
  }),
  unknown: hpa({ currentReplicas: 0, desiredReplicas: 0 }),
};
