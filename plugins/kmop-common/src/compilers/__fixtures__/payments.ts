import {
  gatewayRouteSchema,
  GatewayRouteInput,
  microserviceSchema,
  MicroserviceInput,
  resiliencePolicySchema,
  ResiliencePolicyInput,
  rolloutPolicySchema,
  RolloutPolicyInput,
  serviceLevelObjectiveSchema,
  ServiceLevelObjectiveInput,
} from '../../model';

/*
 * One service's KMOP resources, parsed with the model's schemas so defaults
 * are applied as they are for real input. `with*` helpers derive variants.
 */

const metadata = (name: string) => ({
  name,
  namespace: 'payments',
  labels: { team: 'payments' },
});

export const microserviceInput: MicroserviceInput = {
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'Microservice',
  metadata: metadata('payments'),
  spec: {
    owner: 'group:default/payments-team',
    system: 'payments',
    image: 'ghcr.io/acme/payments:1.4.2',
    ports: [{ name: 'http', port: 8080 }],
    replicas: 3,
    resources: {
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { memory: '512Mi' },
    },
    configMapRefs: ['payments-config'],
    secretRefs: ['payments-db'],
    monitoring: {},
  },
};

export const gatewayRouteInput: GatewayRouteInput = {
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'GatewayRoute',
  metadata: metadata('payments'),
  spec: {
    serviceRef: 'payments',
    gateway: { name: 'public', namespace: 'gateways', sectionName: 'https' },
    hostnames: ['pay.example.com'],
    matches: [
      { path: { type: 'PathPrefix', value: '/api/payments' } },
      { path: { type: 'Exact', value: '/healthz' }, method: 'GET' },
    ],
    port: 8080,
    backends: [
      { name: 'payments', weight: 90 },
      { name: 'payments-canary', port: 8081, weight: 10 },
    ],
    timeouts: { request: '30s', backendRequest: '10s' },
  },
};

export const ratioSloInput: ServiceLevelObjectiveInput = {
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'ServiceLevelObjective',
  metadata: metadata('payments-availability'),
  spec: {
    serviceRef: 'payments',
    description: 'Payment requests that do not fail',
    objective: 99.9,
    window: '30d',
    indicator: {
      type: 'ratio',
      errorQuery:
        'sum(rate(http_requests_total{service="payments",code=~"5.."}[{{.window}}]))',
      totalQuery:
        'sum(rate(http_requests_total{service="payments"}[{{.window}}]))',
    },
  },
};

export const latencySloInput: ServiceLevelObjectiveInput = {
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'ServiceLevelObjective',
  metadata: metadata('payments-latency'),
  spec: {
    serviceRef: 'payments',
    objective: 99,
    window: '28d',
    indicator: {
      type: 'latency',
      threshold: '300ms',
      errorQuery:
        'sum(rate(http_request_duration_seconds_count{service="payments"}[{{.window}}])) - sum(rate(http_request_duration_seconds_bucket{service="payments",le="0.3"}[{{.window}}]))',
      totalQuery:
        'sum(rate(http_request_duration_seconds_count{service="payments"}[{{.window}}]))',
    },
    alerting: { enabled: true, ticketAlert: { disabled: true } },
  },
};

export const canaryPolicyInput: RolloutPolicyInput = {
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'RolloutPolicy',
  metadata: metadata('payments'),
  spec: {
    serviceRef: 'payments',
    strategy: 'canary',
    canary: {
      steps: [
        { setWeight: 10 },
        { pause: { duration: '5m' } },
        { analysis: { templates: ['payments-success-rate'] } },
        { setWeight: 50 },
        { pause: { duration: '10m' } },
      ],
      canaryService: 'payments-canary',
      stableService: 'payments-stable',
    },
  },
};

export const resilienceInput: ResiliencePolicyInput = {
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'ResiliencePolicy',
  metadata: metadata('payments'),
  spec: {
    serviceRef: 'payments',
    timeouts: { request: '10s', connect: '2s', idle: '1h' },
    retries: {
      attempts: 3,
      retryOn: ['5xx', 'reset', '503'],
      perTryTimeout: '3s',
      backoff: { baseInterval: '100ms', maxInterval: '1s' },
    },
    circuitBreaker: {
      consecutiveErrors: 5,
      interval: '10s',
      baseEjectionTime: '30s',
      maxEjectionPercent: 50,
      maxConnections: 100,
      maxPendingRequests: 50,
      maxRequests: 200,
    },
    rateLimit: { requests: 100, unit: 'Second' },
    disruptionBudget: { minAvailable: 1 },
  },
};

/** Deep-merges `patch` over `base` (arrays replaced), for fixture variants. */
export function merge<T>(base: T, patch: unknown): T {
  if (
    typeof base !== 'object' ||
    base === null ||
    Array.isArray(base) ||
    typeof patch !== 'object' ||
    patch === null ||
    Array.isArray(patch)
  ) {
    return patch as T;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = value === undefined ? undefined : merge(out[key], value);
  }
  return out as T;
}

export const microservice = (patch: unknown = {}) =>
  microserviceSchema.parse(merge(microserviceInput, patch));
export const gatewayRoute = (patch: unknown = {}) =>
  gatewayRouteSchema.parse(merge(gatewayRouteInput, patch));
export const ratioSlo = (patch: unknown = {}) =>
  serviceLevelObjectiveSchema.parse(merge(ratioSloInput, patch));
export const latencySlo = (patch: unknown = {}) =>
  serviceLevelObjectiveSchema.parse(merge(latencySloInput, patch));
export const canaryPolicy = (patch: unknown = {}) =>
  rolloutPolicySchema.parse(merge(canaryPolicyInput, patch));
export const resiliencePolicy = (patch: unknown = {}) =>
  resiliencePolicySchema.parse(merge(resilienceInput, patch));
