/**
 * Issue #8, class by class, on fixed fixtures: what the view must say, and what it must
 * never make up.
 */
import {
  argoRollouts,
  argoWorkloadRefRollout,
  backendTrafficPolicies,
  deployments,
  envoyHealthCheckPolicy,
  flaggerAnalysisCanary,
  flaggerCanaries,
  grpcRoutes,
  httpRoutes,
  istioL4VirtualService,
  kmopSlos,
  pyrraSlos,
  slothServiceLevels,
  virtualServices,
} from './__fixtures__';
import { normalizeObject } from './registry';
import { normalizeArgoRollout } from './rollouts/argoRollout';
import { normalizeDeployment } from './rollouts/deployment';
import { normalizeFlaggerCanary } from './rollouts/flaggerCanary';
import { normalizeEnvoyBackendTrafficPolicy } from './resilience/envoyBackendTrafficPolicy';
import { normalizeHttpRouteTimeouts } from './resilience/httpRouteTimeouts';
import { normalizeIstioVirtualServiceResilience } from './resilience/istioVirtualService';
import { normalizeGrpcRoute } from './routes/grpcRoute';
import { normalizeHttpRoute } from './routes/httpRoute';
import { normalizeIstioVirtualServiceRoutes } from './routes/istioVirtualService';
import { normalizeKmopSlo } from './slos/kmopSlo';
import { normalizePyrraSlo } from './slos/pyrraSlo';
import { normalizeSlothPrometheusServiceLevel } from './slos/slothPrometheusServiceLevel';

const ctx = { cluster: 'prod' };

function withSpec<T extends { spec: object }>(obj: T, spec: object): T {
  const copy = structuredClone(obj);
  Object.assign(copy.spec, spec);
  return copy;
}

describe('§1 a malformed field never becomes a value', () => {
  it('gives a Rollout with replicas "three" no desired count', () => {
    const [ro] = normalizeArgoRollout(
      withSpec(argoRollouts.healthy, { replicas: 'three' }),
      ctx,
    );
    expect(ro.health).toBe('unknown');
    expect(ro.healthReason).toBe(
      'Malformed Rollout: spec.replicas is a string, expected an integer',
    );
    expect(ro.replicas?.desired).toBeUndefined();
    // The status counts do not depend on it and stay.
    expect(ro.replicas?.ready).toBe(6);
  });

  it('does not make paused: false from pauseConditions that are not a list', () => {
    const ro = structuredClone(argoRollouts.progressing) as Record<string, any>;
    ro.status.pauseConditions = { reason: 'CanaryPauseStep' };
    const [view] = normalizeArgoRollout(ro, ctx);
    expect(view.health).toBe('unknown');
    expect(view.paused).toBeUndefined();
    expect(view.healthReason).toContain(
      'status.pauseConditions is an object, expected an array',
    );
  });

  it('gives a BackendTrafficPolicy with a badly typed timeout block no timeout setting', () => {
    const btp = withSpec(backendTrafficPolicies.healthy, {
      timeout: {
        tcp: { connectTimeout: 10 },
        http: { requestTimeout: ['30s'] },
      },
    });
    const [p] = normalizeEnvoyBackendTrafficPolicy(btp, ctx);
    expect(p.health).toBe('unknown');
    // The other blocks are well formed and stay.
    expect(p.settings.map(s => s.type)).toEqual([
      'retry',
      'circuitBreaker',
      'rateLimit',
    ]);
    expect(p.settings.some(s => s.summary.includes('defaults'))).toBe(false);
    // Every bad field named, none hidden behind "(and N more)".
    expect(p.healthReason).toBe(
      'Malformed BackendTrafficPolicy: spec.timeout.tcp.connectTimeout is a number, expected a string; spec.timeout.http.requestTimeout is an array, expected a string',
    );
  });

  it('names every bad field, however many', () => {
    const d = withSpec(deployments.healthy, {
      replicas: '4',
      paused: 'no',
      strategy: {
        type: 7,
        rollingUpdate: { maxSurge: 'lots', maxUnavailable: [1] },
      },
    });
    const [view] = normalizeDeployment(d, ctx);
    expect(view.healthReason).toBe(
      'Malformed Deployment: spec.strategy.type is a number, expected a string; spec.replicas is a string, expected an integer; spec.paused is a string, expected a boolean; spec.strategy.rollingUpdate.maxSurge is "lots", expected an integer or a percentage; spec.strategy.rollingUpdate.maxUnavailable is an array, expected an integer or a string',
    );
    expect(view.replicas?.desired).toBeUndefined();
    expect(view.paused).toBeUndefined();
    expect(view.rolling).toBeUndefined();
  });

  it('gives an SLO whose objective cannot be parsed no objective, budget, burn rate or alerts', () => {
    const [slo] = normalizeKmopSlo(
      withSpec(kmopSlos.degraded, { objective: 'ninety-nine' }),
      ctx,
    );
    expect(slo.health).toBe('unknown');
    expect(slo.objective).toBeUndefined();
    expect(slo.errorBudget).toBeUndefined();
    expect(slo.errorBudgetRemaining).toBeUndefined();
    expect(slo.burnRates).toEqual([]);
    expect(slo.alerts).toEqual([]);
    const [pyrra] = normalizePyrraSlo(
      withSpec(pyrraSlos.ratio, { target: 'high' }),
      ctx,
    );
    expect(pyrra.objective).toBeUndefined();
    expect(pyrra.alerts).toEqual([]);
  });

  it('gives a route with one malformed weight no shares at all', () => {
    const route = structuredClone(httpRoutes.healthy) as Record<string, any>;
    route.spec.rules[0].backendRefs[1].weight = '20';
    const [view] = normalizeHttpRoute(route, ctx);
    expect(view.health).toBe('unknown');
    const backends = view.rules[0].backends;
    expect(backends.map(b => b.share)).toEqual([undefined, undefined]);
    expect(backends[1].weight).toBeUndefined();
  });
});

describe('§2 defaults only where the tool applies them, labelled', () => {
  it('shows "none (fault injection)" for timeout and retries on a route with a fault', () => {
    const [vs] = normalizeIstioVirtualServiceResilience(
      virtualServices.healthy,
      ctx,
    );
    const chaos = vs.settings.filter(s => s.summary.startsWith('route chaos'));
    expect(chaos.map(s => [s.type, s.summary])).toEqual([
      ['timeout', 'route chaos: none (fault injection)'],
      ['retry', 'route chaos: none (fault injection)'],
      [
        'fault',
        'route chaos: delay 7s for 10% of requests, abort with 503 for 1% of requests',
      ],
    ]);
    expect(chaos.some(s => s.values.attempts !== undefined)).toBe(false);
  });

  it('keeps a value the object sets and labels the ones it does not', () => {
    const [ro] = normalizeArgoRollout(
      withSpec(argoRollouts.healthy, { replicas: undefined }),
      ctx,
    );
    expect(ro.replicas?.desired).toBe(1);
    expect(ro.defaults).toEqual(['replicas.desired']);
    const [written] = normalizeArgoRollout(argoRollouts.healthy, ctx);
    expect(written.replicas?.desired).toBe(5);
    expect(written.defaults).toBeUndefined();
    const [d] = normalizeDeployment(
      withSpec(deployments.healthy, { strategy: { type: 'RollingUpdate' } }),
      ctx,
    );
    expect(d.rolling).toEqual({ maxSurge: '25%', maxUnavailable: '25%' });
    expect(d.defaults).toEqual(['rolling.maxSurge', 'rolling.maxUnavailable']);
  });

  it('labels the GRPCRoute match type default and the Gateway API weight default', () => {
    const [written] = normalizeGrpcRoute(grpcRoutes.healthy, ctx);
    expect(written.rules[0].matches[0].grpc?.type).toBe('Exact');
    expect(written.defaults).toEqual(['rules[0].backends[0].weight']);
    const grpc = structuredClone(grpcRoutes.healthy) as Record<string, any>;
    delete grpc.spec.rules[0].matches[0].method.type;
    const [route] = normalizeGrpcRoute(grpc, ctx);
    expect(route.rules[0].matches[0].grpc?.type).toBe('Exact');
    expect(route.defaults).toEqual([
      'rules[0].matches[0].grpc.type',
      'rules[0].backends[0].weight',
    ]);
  });

  it('says "not yet reconciled" with both generations for a status of an older spec', () => {
    const [ro] = normalizeArgoRollout(argoRollouts.stale, ctx);
    expect(ro.health).toBe('progressing');
    expect(ro.healthReason).toMatch(/^Not yet reconciled/);
    expect([ro.generation, ro.observedGeneration]).toEqual([13, 12]);
    const [route] = normalizeHttpRoute(httpRoutes.progressing, ctx);
    expect(route.health).toBe('progressing');
    expect([route.generation, route.observedGeneration]).toEqual([4, 3]);
  });
});

describe('§3 each SLO tool alerts its own way', () => {
  it('gives Sloth its four alerts with the name, labels and annotations', () => {
    const sl = structuredClone(slothServiceLevels.healthy) as Record<
      string,
      any
    >;
    sl.spec.slos[0].alerting = {
      name: 'PaymentsHighErrorRate',
      labels: { category: 'availability' },
      annotations: { runbook: 'https://runbooks.example.com/payments' },
      pageAlert: { labels: { severity: 'pageteam', routing_key: 'payments' } },
      ticketAlert: { labels: { severity: 'slack' } },
    };
    const [slo] = normalizeSlothPrometheusServiceLevel(sl, ctx);
    expect(
      slo.alerts.map(a => [
        a.severity,
        a.threshold,
        a.longWindow,
        a.shortWindow,
      ]),
    ).toEqual([
      ['page', 14.4, '1h', '5m'],
      ['page', 6, '6h', '30m'],
      ['ticket', 3, '1d', '2h'],
      ['ticket', 1, '3d', '6h'],
    ]);
    expect(slo.alerts[0]).toMatchObject({
      name: 'PaymentsHighErrorRate',
      labels: {
        category: 'availability',
        severity: 'pageteam',
        routing_key: 'payments',
        sloth_severity: 'page',
      },
      annotations: { runbook: 'https://runbooks.example.com/payments' },
    });
    expect(slo.alerts[3].labels).toEqual({
      category: 'availability',
      severity: 'slack',
      sloth_severity: 'ticket',
    });
  });

  it('gives Pyrra its own factors, never Sloth thresholds scaled by 28/30', () => {
    const [slo] = normalizePyrraSlo(pyrraSlos.ratio, ctx);
    expect(slo.alerts.map(a => a.threshold)).toEqual([14, 7, 2, 1]);
    expect(slo.alerts.map(a => a.threshold)).not.toContain(13.44);
  });

  it('carries the error budget as a ratio and as time, objectives as written', () => {
    const [slo] = normalizeKmopSlo(kmopSlos.healthy, ctx);
    expect(slo.objective).toBe(0.999);
    expect(slo.errorBudget).toEqual({
      ratio: 0.001,
      percent: 0.1,
      seconds: 2592,
      text: '43.2 minutes',
    });
  });
});

describe('§4 facts the view used to leave out', () => {
  it('reads Argo traffic routing, workloadRef, header/mirror/plugin steps, revision, pause start and counts', () => {
    const [ro] = normalizeArgoRollout(argoWorkloadRefRollout, ctx);
    expect(ro.health).toBe('progressing');
    expect(ro.target).toEqual({ kind: 'Deployment', name: 'rollouts-demo' });
    expect(ro.trafficRouting).toEqual([
      {
        provider: 'istio',
        resource: { kind: 'VirtualService', name: 'rollouts-demo-vsvc' },
        routes: ['primary'],
      },
      {
        provider: 'plugin:argoproj-labs/gatewayAPI',
        resource: {
          kind: 'HTTPRoute',
          name: 'rollouts-demo-http-route',
          namespace: 'shop',
        },
      },
    ]);
    expect(ro.steps.map(s => [s.type, s.routeName ?? s.plugin])).toEqual([
      ['setWeight', undefined],
      ['setHeaderRoute', 'header-route'],
      ['setMirrorRoute', 'mirror-route'],
      ['pause', undefined],
      ['plugin', 'argoproj-labs/sample-step'],
      ['setMirrorRoute', 'mirror-route'],
      ['setWeight', undefined],
    ]);
    expect(ro.steps[2].mirrorPercent).toBe(35);
    expect(ro.revision).toBe('3');
    expect(ro.pauseStartedAt).toBe('2026-07-01T10:15:00Z');
    expect(ro.replicas).toEqual({
      desired: 5,
      total: 6,
      updated: 1,
      ready: 6,
      available: 6,
    });
  });

  it('reads a Flagger analysis: provider, port, interval, threshold, weights, metrics, webhooks, Promoted', () => {
    const [c] = normalizeFlaggerCanary(flaggerAnalysisCanary, ctx);
    expect(c.trafficRouting).toEqual([{ provider: 'istio' }]);
    expect(c.servicePort).toBe(9898);
    expect(c.failureThreshold).toBe(10);
    expect(c.analysisPlan).toEqual({
      interval: '15s',
      threshold: 10,
      stepWeight: 5,
      maxWeight: 50,
      iterations: undefined,
      metrics: [
        {
          name: 'request-success-rate',
          thresholdRange: { min: 99, max: undefined },
          interval: '1m',
          templateRef: undefined,
        },
        {
          name: 'request-duration',
          thresholdRange: { min: undefined, max: 500 },
          interval: '1m',
          templateRef: undefined,
        },
        {
          name: 'error-rate',
          thresholdRange: { min: undefined, max: 1 },
          interval: '30s',
          templateRef: 'istio-system/error-rate',
        },
      ],
      webhooks: [
        {
          name: 'acceptance-test',
          type: 'pre-rollout',
          url: 'http://flagger-loadtester.test/',
          timeout: '30s',
        },
        {
          name: 'load-test',
          type: undefined,
          url: 'http://flagger-loadtester.test/',
          timeout: undefined,
        },
      ],
    });
    // Flagger's metric interval default (1m), labelled.
    expect(c.defaults).toEqual(['analysisPlan.metrics[1].interval']);
    expect(c.promoted).toMatchObject({
      status: 'Unknown',
      reason: 'Progressing',
    });
    expect(c.steps.map(s => s.weight)).toEqual([
      5, 10, 15, 20, 25, 30, 35, 40, 45, 50,
    ]);
  });

  it('labels Flagger threshold and interval defaults when the analysis leaves them out', () => {
    const c = structuredClone(flaggerCanaries.healthy) as Record<string, any>;
    delete c.spec.analysis.threshold;
    delete c.spec.analysis.interval;
    const [view] = normalizeFlaggerCanary(c, ctx);
    expect(view.failureThreshold).toBe(1);
    expect(view.analysisPlan?.interval).toBe('60s');
    expect(view.defaults).toEqual(
      expect.arrayContaining([
        'failureThreshold',
        'analysisPlan.threshold',
        'analysisPlan.interval',
      ]),
    );
  });

  it('reads Envoy Gateway health checks and load balancing', () => {
    const [p] = normalizeEnvoyBackendTrafficPolicy(envoyHealthCheckPolicy, ctx);
    expect(p.settings.map(s => [s.type, s.summary])).toEqual([
      [
        'healthCheck',
        'HTTP probe of /healthz, every 3s, timeout 1s, unhealthy after 3 failures, healthy after 1 success, passive: eject after 5 consecutive 5xx, for 10s, checked every 2s, at most 100% ejected',
      ],
      [
        'loadBalancer',
        'ConsistentHash, hash on header Lb-Key, slow start over 60s',
      ],
    ]);
  });

  it('reads VirtualService tcp and tls routes: an 80/20 TCP shift shows', () => {
    const [route] = normalizeIstioVirtualServiceRoutes(
      istioL4VirtualService,
      ctx,
    );
    expect(route.rules).toEqual([
      {
        protocol: 'tcp',
        matches: [{ port: 27017 }],
        backends: [
          {
            name: 'mongo.db.svc.cluster.local',
            subset: 'v1',
            port: undefined,
            weight: 80,
            share: 0.8,
          },
          {
            name: 'mongo.db.svc.cluster.local',
            subset: 'v2',
            port: undefined,
            weight: 20,
            share: 0.2,
          },
        ],
      },
      {
        protocol: 'tls',
        matches: [{ port: 443, sniHosts: ['login.bookinfo.com'] }],
        backends: [
          {
            name: 'login.prod.svc.cluster.local',
            subset: undefined,
            port: undefined,
            weight: 100,
            share: 1,
          },
        ],
      },
    ]);
    // A lone destination's weight of 100 is Istio's, not the object's.
    expect(route.defaults).toEqual(['rules[1].backends[0].weight']);
  });
});

describe('§5 one rule for objects no controller has reported on', () => {
  it('is unknown for routes, Ingresses and Envoy policies as for every other kind', () => {
    const unreported = [
      { ...httpRoutes.healthy, status: undefined },
      { ...grpcRoutes.healthy, status: undefined },
      { ...virtualServices.healthy, status: undefined },
      { ...backendTrafficPolicies.healthy, status: undefined },
      { ...argoRollouts.healthy, status: undefined },
      { ...flaggerCanaries.healthy, status: undefined },
      { ...deployments.healthy, status: undefined },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'shop', namespace: 'shop' },
        spec: { rules: [{ host: 'shop.example.com' }] },
      },
    ];
    for (const obj of unreported) {
      const items = Object.values(normalizeObject(obj, ctx)).flat();
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect([obj.kind, item.health]).toEqual([obj.kind, 'unknown']);
      }
    }
  });

  it('shows an HTTPRoute timeout of 0s as disabled, as Gateway API defines it', () => {
    const route = structuredClone(httpRoutes.healthy) as Record<string, any>;
    route.spec.rules[0].timeouts = { request: '0s', backendRequest: '0ms' };
    const [view] = normalizeHttpRoute(route, ctx);
    expect(view.rules[0].timeouts).toEqual({
      request: 'disabled',
      backendRequest: 'disabled',
    });
    const [policy] = normalizeHttpRouteTimeouts(route, ctx);
    expect(policy.settings[0].summary).toContain(
      'no request timeout (0s disables it)',
    );
  });
});
