import type {
  KmopEntityView,
  KmopResilienceView,
  KmopRolloutView,
  KmopRouteView,
  KmopSloView,
} from '@kmop/plugin-kmop-common';
import { Entity } from '@backstage/catalog-model';

/** The `checkout` demo Component, annotated for KMOP. */
export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-shop' },
};

/** A Component with no KMOP or Kubernetes annotation. */
export const plainEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'plain', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-shop' },
};

export const route: KmopRouteView = {
  id: 'demo/gateway.networking.k8s.io/v1/HTTPRoute/checkout/checkout',
  source: {
    cluster: 'demo',
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    namespace: 'checkout',
    name: 'checkout',
  },
  health: 'ok',
  healthReason: 'Accepted by every parent and all references resolved',
  badges: [],
  hostnames: ['shop.example.com'],
  url: 'https://shop.example.com/api/checkout',
  parents: [
    {
      name: 'public',
      namespace: 'gateways',
      sectionName: 'https',
      accepted: true,
      resolvedRefs: true,
    },
  ],
  rules: [
    {
      name: 'checkout-api',
      matches: [{ path: { type: 'PathPrefix', value: '/api/checkout' } }],
      backends: [
        { name: 'checkout-stable', port: 8080, weight: 80, share: 0.8 },
        { name: 'checkout-canary', port: 8080, weight: 20, share: 0.2 },
      ],
      timeouts: { request: '15s', backendRequest: '5s' },
    },
  ],
};

export const slo: KmopSloView = {
  id: 'demo/sloth.slok.dev/v1/PrometheusServiceLevel/checkout/checkout#requests-availability',
  source: {
    cluster: 'demo',
    apiVersion: 'sloth.slok.dev/v1',
    kind: 'PrometheusServiceLevel',
    namespace: 'checkout',
    name: 'checkout',
  },
  health: 'ok',
  healthReason: '62% of the error budget left',
  toolHealth: { health: 'ok', reason: 'Prometheus rules generated' },
  badges: [],
  name: 'requests-availability',
  objective: 0.999,
  window: '30d',
  errorBudget: {
    ratio: 0.001,
    percent: 0.1,
    seconds: 2592,
    text: '43.2 minutes',
  },
  indicator: {
    type: 'ratio',
    errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
  },
  sli: 0.99962,
  errorBudgetRemaining: 0.62,
  burnRates: [
    { window: '1h', rate: 0.5 },
    { window: '5m', rate: 0.7 },
    { window: '6h', rate: 0.4 },
    { window: '30m', rate: 0.45 },
  ],
  alerts: [
    {
      name: 'CheckoutHighErrorRate',
      labels: { sloth_severity: 'page' },
      severity: 'page',
      longWindow: '1h',
      shortWindow: '5m',
      threshold: 14.4,
    },
    {
      name: 'CheckoutHighErrorRate',
      labels: { sloth_severity: 'ticket' },
      severity: 'ticket',
      longWindow: '6h',
      shortWindow: '30m',
      threshold: 6,
    },
  ],
  dataSource: 'prometheus',
  evaluatedAt: '2026-11-30T10:00:00Z',
};

export const rollout: KmopRolloutView = {
  id: 'demo/argoproj.io/v1alpha1/Rollout/checkout/checkout',
  source: {
    cluster: 'demo',
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    namespace: 'checkout',
    name: 'checkout',
  },
  health: 'progressing',
  healthReason: 'Canary at step 3 of 5',
  badges: ['paused'],
  strategy: 'canary',
  phase: 'Paused',
  steps: [
    { index: 0, type: 'setWeight', weight: 20, state: 'done' },
    { index: 1, type: 'pause', duration: '30s', state: 'done' },
    { index: 2, type: 'pause', state: 'current' },
    { index: 3, type: 'setWeight', weight: 60, state: 'pending' },
    {
      index: 4,
      type: 'analysis',
      templates: ['success-rate'],
      state: 'pending',
    },
  ],
  currentStepIndex: 2,
  canaryWeight: 20,
  stableRevision: '6b9c7d',
  canaryRevision: '7f8a1e',
  aborted: false,
  paused: true,
  pauseReasons: ['CanaryPauseStep'],
  replicas: { desired: 5, updated: 1, ready: 5, available: 5 },
  services: { canary: 'checkout-canary', stable: 'checkout-stable' },
};

export const resilience: KmopResilienceView = {
  id: 'demo/networking.istio.io/v1/DestinationRule/checkout/checkout',
  source: {
    cluster: 'demo',
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    namespace: 'checkout',
    name: 'checkout',
  },
  health: 'ok',
  healthReason: 'Applied',
  badges: [],
  target: 'checkout.checkout.svc.cluster.local',
  settings: [
    {
      type: 'outlierDetection',
      summary:
        'eject after 5 consecutive 5xx errors, every 10s, for 30s, at most 50%',
      values: {
        consecutive5xxErrors: 5,
        interval: '10s',
        baseEjectionTime: '30s',
        maxEjectionPercent: 50,
      },
    },
    {
      type: 'connectionPool',
      summary: 'at most 100 TCP connections, 1000 pending HTTP requests',
      values: { maxConnections: 100, http1MaxPendingRequests: 1000 },
    },
  ],
};

/** A view of one healthy cluster with one item of each section. */
export function makeView(
  overrides: Partial<KmopEntityView> = {},
): KmopEntityView {
  return {
    entityRef: 'component:default/checkout',
    target: { labelSelector: 'backstage.io/kubernetes-id=checkout' },
    routes: [route],
    slos: [slo],
    rollouts: [rollout],
    resilience: [resilience],
    clusters: [
      { name: 'demo', state: 'ready', lastSyncedAt: '2026-11-30T10:00:00Z' },
    ],
    generatedAt: '2026-11-30T10:00:05Z',
    ...overrides,
  };
}

/** An empty view: the entity is annotated but nothing was found. */
export function makeEmptyView(): KmopEntityView {
  return makeView({ routes: [], slos: [], rollouts: [], resilience: [] });
}
