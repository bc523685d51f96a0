/**
 * Objects shaped like the upstream projects' own examples (Argo Rollouts traffic routing and
 * step plugins, Flagger analyses, Istio tcp/tls routes, Envoy Gateway health checks), written
 * for these tests. Issue #8 §4 and §5.
 */

/** An Argo Rollout on a Deployment it does not own, routed by Istio and by a plugin. */
export const argoWorkloadRefRollout = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: {
    name: 'rollouts-demo',
    namespace: 'shop',
    generation: 4,
    annotations: { 'rollout.argoproj.io/revision': '3' },
  },
  spec: {
    replicas: 5,
    workloadRef: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'rollouts-demo',
    },
    strategy: {
      canary: {
        canaryService: 'rollouts-demo-canary',
        stableService: 'rollouts-demo-stable',
        trafficRouting: {
          managedRoutes: [{ name: 'header-route' }, { name: 'mirror-route' }],
          istio: {
            virtualService: {
              name: 'rollouts-demo-vsvc',
              routes: ['primary'],
            },
          },
          plugins: {
            'argoproj-labs/gatewayAPI': {
              httpRoute: 'rollouts-demo-http-route',
              namespace: 'shop',
            },
          },
        },
        steps: [
          { setWeight: 10 },
          {
            setHeaderRoute: {
              name: 'header-route',
              match: [
                { headerName: 'X-Canary', headerValue: { exact: 'yes' } },
              ],
            },
          },
          {
            setMirrorRoute: {
              name: 'mirror-route',
              percentage: 35,
              match: [{ method: { exact: 'GET' } }],
            },
          },
          { pause: { duration: '10m' } },
          {
            plugin: {
              name: 'argoproj-labs/sample-step',
              config: { message: 'hello' },
            },
          },
          { setMirrorRoute: { name: 'mirror-route' } },
          { setWeight: 50 },
        ],
      },
    },
  },
  status: {
    observedGeneration: '4',
    phase: 'Paused',
    currentStepIndex: 3,
    currentPodHash: '5b7d4f9c8',
    stableRS: '6c8f4d7b9',
    replicas: 6,
    updatedReplicas: 1,
    readyReplicas: 6,
    availableReplicas: 6,
    pauseConditions: [
      { reason: 'CanaryPauseStep', startTime: '2026-07-01T10:15:00Z' },
    ],
    canary: { weights: { canary: { weight: 10 }, stable: { weight: 90 } } },
  },
};

/** A Flagger canary with an Istio provider, metrics with ranges and webhooks. */
export const flaggerAnalysisCanary = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'test', generation: 2 },
  spec: {
    provider: 'istio',
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
    autoscalerRef: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      name: 'podinfo',
      primaryScalerReplicas: { minReplicas: 2, maxReplicas: 5 },
    },
    service: { port: 9898, targetPort: 'http' },
    analysis: {
      interval: '15s',
      threshold: 10,
      maxWeight: 50,
      stepWeight: 5,
      metrics: [
        {
          name: 'request-success-rate',
          thresholdRange: { min: 99 },
          interval: '1m',
        },
        { name: 'request-duration', thresholdRange: { max: 500 } },
        {
          name: 'error-rate',
          templateRef: { name: 'error-rate', namespace: 'istio-system' },
          thresholdRange: { max: 1 },
          interval: '30s',
        },
      ],
      webhooks: [
        {
          name: 'acceptance-test',
          type: 'pre-rollout',
          url: 'http://flagger-loadtester.test/',
          timeout: '30s',
        },
        { name: 'load-test', url: 'http://flagger-loadtester.test/' },
      ],
    },
  },
  status: {
    phase: 'Progressing',
    canaryWeight: 15,
    failedChecks: 1,
    conditions: [
      {
        type: 'Promoted',
        status: 'Unknown',
        reason: 'Progressing',
        message: 'New revision detected, progressing canary analysis.',
        lastTransitionTime: '2026-07-01T10:00:00Z',
      },
    ],
  },
};

/** A VirtualService shifting TCP 80/20 and routing TLS by SNI. */
export const istioL4VirtualService = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'mongo', namespace: 'db', generation: 1 },
  spec: {
    hosts: ['mongo.db.svc.cluster.local'],
    tcp: [
      {
        match: [{ port: 27017 }],
        route: [
          {
            destination: { host: 'mongo.db.svc.cluster.local', subset: 'v1' },
            weight: 80,
          },
          {
            destination: { host: 'mongo.db.svc.cluster.local', subset: 'v2' },
            weight: 20,
          },
        ],
      },
    ],
    tls: [
      {
        match: [{ port: 443, sniHosts: ['login.bookinfo.com'] }],
        route: [{ destination: { host: 'login.prod.svc.cluster.local' } }],
      },
    ],
  },
};

/** An Envoy Gateway policy with only health checks and load balancing. */
export const envoyHealthCheckPolicy = {
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'BackendTrafficPolicy',
  metadata: { name: 'backend-health', namespace: 'default', generation: 1 },
  spec: {
    targetRefs: [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'HTTPRoute',
        name: 'backend',
      },
    ],
    healthCheck: {
      active: {
        type: 'HTTP',
        timeout: '1s',
        interval: '3s',
        unhealthyThreshold: 3,
        healthyThreshold: 1,
        http: { path: '/healthz', expectedStatuses: [200, 300] },
      },
      passive: {
        baseEjectionTime: '10s',
        interval: '2s',
        maxEjectionPercent: 100,
        consecutive5XxErrors: 5,
      },
    },
    loadBalancer: {
      type: 'ConsistentHash',
      consistentHash: { type: 'Header', header: { name: 'Lb-Key' } },
      slowStart: { window: '60s' },
    },
  },
};

/**
 * Flagger's A/B-testing canary (docs: "Istio A/B Testing"): ten iterations, and requests with
 * an `x-canary` header containing "insider" or a `canary=always` cookie go to the canary.
 */
export const flaggerAbTestingCanary = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'abtest', namespace: 'test', generation: 1 },
  spec: {
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'abtest' },
    service: {
      port: 80,
      targetPort: 9898,
      gateways: ['public-gateway.istio-system.svc.cluster.local'],
      hosts: ['app.example.com'],
    },
    analysis: {
      interval: '1m',
      threshold: 10,
      iterations: 10,
      match: [
        { headers: { 'x-canary': { regex: '.*insider.*' } } },
        { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
      ],
      metrics: [
        {
          name: 'request-success-rate',
          thresholdRange: { min: 99 },
          interval: '1m',
        },
      ],
    },
  },
  status: {
    phase: 'Progressing',
    canaryWeight: 0,
    failedChecks: 0,
    iterations: 3,
  },
};

/**
 * An Argo Rollout routed by the Gateway API plugin over two HTTPRoutes and a GRPCRoute in
 * another namespace (rollouts-plugin-trafficrouter-gatewayapi's GatewayAPITrafficRouting).
 */
export const argoGatewayPluginRollout = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'shop-api', namespace: 'shop', generation: 2 },
  spec: {
    replicas: 3,
    strategy: {
      canary: {
        canaryService: 'shop-api-canary',
        stableService: 'shop-api-stable',
        trafficRouting: {
          plugins: {
            'argoproj-labs/gatewayAPI': {
              httpRoutes: [
                { name: 'shop-api-public', useHeaderRoutes: true },
                { name: 'shop-api-internal' },
              ],
              grpcRoute: 'shop-api-grpc',
              namespace: 'edge',
            },
          },
        },
        steps: [{ setWeight: 20 }, { pause: {} }],
      },
    },
  },
  status: { observedGeneration: '2', phase: 'Healthy' },
};

/**
 * A BackendTrafficPolicy with the settings KMOP names without reading them into health:
 * response overrides, admission control, bandwidth limit, compression, DNS, proxy protocol,
 * the client's protocol and tracing (envoyproxy/gateway api/v1alpha1 BackendTrafficPolicySpec
 * and ClusterSettings).
 */
export const envoyOtherSettingsPolicy = {
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'BackendTrafficPolicy',
  metadata: { name: 'backend-extras', namespace: 'default', generation: 1 },
  spec: {
    targetRefs: [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'HTTPRoute',
        name: 'backend',
      },
    ],
    responseOverride: [
      {
        match: { statusCodes: [{ type: 'Value', value: 404 }] },
        response: {
          contentType: 'text/plain',
          body: { type: 'Inline', inline: 'gone' },
        },
      },
      {
        match: {
          statusCodes: [{ type: 'Range', range: { start: 500, end: 503 } }],
        },
        response: { statusCode: 503 },
      },
    ],
    admissionControl: {
      samplingWindow: '30s',
      successRateThreshold: 0.95,
      aggression: 1.5,
    },
    bandwidthLimit: { request: { limit: '10Mi' } },
    compression: [{ type: 'Gzip' }, { type: 'Brotli' }],
    dns: { dnsRefreshRate: '5s', respectDnsTtl: true, lookupFamily: 'IPv4' },
    proxyProtocol: { version: 'V2' },
    useClientProtocol: true,
    telemetry: {
      tracing: { samplingFraction: { numerator: 1, denominator: 100 } },
    },
  },
};

/** All of the above, for the property tests. */
export const upstreamShapes = {
  argoWorkloadRefRollout,
  flaggerAnalysisCanary,
  istioL4VirtualService,
  envoyHealthCheckPolicy,
  flaggerAbTestingCanary,
  argoGatewayPluginRollout,
  envoyOtherSettingsPolicy,
};
