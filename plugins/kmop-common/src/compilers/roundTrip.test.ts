import fc from 'fast-check';
import {
  GatewayRoute,
  gatewayRouteSchema,
  KmopResource,
  rolloutPolicySchema,
  resiliencePolicySchema,
  serviceLevelObjectiveSchema,
} from '../model';
import { normalizeObject, NormalizedItems } from '../normalizers';
import { pyrraAlerts } from '../slo';
import { parseDuration } from '../duration';
import type {
  KmopBurnRateAlert,
  KmopResilienceSetting,
  KmopResilienceView,
  KmopRolloutStep,
  KmopRouteView,
} from '../view';
import {
  canaryPolicy,
  gatewayRoute,
  gatewayRouteInput,
  latencySlo,
  merge,
  microservice,
  ratioSlo,
  resilienceInput,
  resiliencePolicy,
  canaryPolicyInput,
  ratioSloInput,
} from './__fixtures__/payments';
import { compileToNative } from './compileToNative';
import type { NativeTarget } from './targets';
import type { NativeObject } from './types';

/*
 * Compile KMOP resources, normalize both the KMOP resources and the native
 * objects into the view the entity page shows, and check the view says the
 * same thing either way.
 */

function view(
  objects: readonly (KmopResource | NativeObject)[],
): NormalizedItems {
  const out: NormalizedItems = {
    routes: [],
    slos: [],
    rollouts: [],
    resilience: [],
  };
  for (const o of objects) {
    const items = normalizeObject(o, { cluster: 'test' });
    out.routes.push(...items.routes);
    out.slos.push(...items.slos);
    out.rollouts.push(...items.rollouts);
    out.resilience.push(...items.resilience);
  }
  return out;
}

function compiledView(
  kmop: KmopResource[],
  targets: NativeTarget[],
): NormalizedItems {
  return view(compileToNative(kmop, { targets }).objects);
}

const seconds = (d: string | number | boolean | undefined) =>
  d === undefined ? undefined : parseDuration(String(d), 'prometheus');

/** A route view with durations as seconds, so `1d` and `24h` compare equal. */
function comparableRoute(route: KmopRouteView) {
  return {
    hostnames: route.hostnames,
    parents: route.parents.map(p => ({
      name: p.name,
      namespace: p.namespace,
      sectionName: p.sectionName,
    })),
    rules: route.rules.map(rule => ({
      matches: rule.matches,
      backends: rule.backends,
      timeouts: {
        request: seconds(rule.timeouts?.request),
        backendRequest: seconds(rule.timeouts?.backendRequest),
      },
    })),
  };
}

function comparableSteps(steps: KmopRolloutStep[]) {
  return steps.map(s => ({
    type: s.type,
    weight: s.weight,
    duration: seconds(s.duration),
    templates: s.templates,
  }));
}

function setting(
  views: KmopResilienceView[],
  type: KmopResilienceSetting['type'],
): Record<string, string | number | boolean> {
  const found = views.flatMap(v => v.settings).filter(s => s.type === type);
  expect(found).toHaveLength(1);
  return found[0].values;
}

describe('round trip: compile, normalize, compare with the KMOP view', () => {
  it('keeps a route: parents, hostnames, matches, weights and timeouts', () => {
    const route = gatewayRoute();
    const kmopView = view([route]).routes;
    const nativeView = compiledView([route], ['gateway-api']).routes;
    expect(kmopView).toHaveLength(1);
    expect(nativeView).toHaveLength(1);
    expect(comparableRoute(nativeView[0])).toEqual(
      comparableRoute(kmopView[0]),
    );
  });

  it('keeps an SLO through Sloth: objective, window, indicator and alerts', () => {
    const slo = ratioSlo();
    const [kmopSlo] = view([slo]).slos;
    const [slothSlo] = compiledView([slo], ['sloth']).slos;
    for (const key of [
      'name',
      'description',
      'objective',
      'window',
      'indicator',
      'errorBudget',
    ] as const) {
      expect(slothSlo[key]).toEqual(kmopSlo[key]);
    }
    // Sloth alerts its own way: the same page pair, plus its 1d/2h ticket tier beside the
    // 3d/6h one, each named and labelled as Sloth writes it.
    const tiers = (alerts: KmopBurnRateAlert[]) =>
      alerts.map(a => [a.severity, a.longWindow, a.shortWindow, a.threshold]);
    expect(tiers(slothSlo.alerts)).toEqual([
      ...tiers(kmopSlo.alerts).slice(0, 2),
      ['ticket', '1d', '2h', 3],
      ...tiers(kmopSlo.alerts).slice(2),
    ]);
    expect(slothSlo.alerts[0].labels).toEqual({ sloth_severity: 'page' });
    expect(slothSlo.alerts[0].name).toBe('PaymentsAvailabilityHighErrorRate');
  });

  it('keeps an SLO through Pyrra: objective, window, threshold and queries as selectors', () => {
    const slo = latencySlo({
      spec: { alerting: { ticketAlert: { disabled: false } } },
    });
    const [kmopSlo] = view([slo]).slos;
    const [pyrraSlo] = compiledView([slo], ['pyrra']).slos;
    expect(pyrraSlo.objective).toBe(kmopSlo.objective);
    expect(pyrraSlo.window).toBe(kmopSlo.window);
    expect(pyrraSlo.indicator.type).toBe('latency');
    expect(pyrraSlo.indicator.threshold).toBe(kmopSlo.indicator.threshold);
    expect(kmopSlo.indicator.errorQuery).toContain(
      pyrraSlo.indicator.goodQuery,
    );
    expect(kmopSlo.indicator.totalQuery).toContain(
      pyrraSlo.indicator.totalQuery,
    );
    // Pyrra alerts with its own tiers (factors 14, 7, 2, 1), not the KMOP spec's.
    expect(kmopSlo.alerts.map(a => a.threshold)).toEqual([
      13.44, 5.6, 0.933333333333,
    ]);
    expect(pyrraSlo.alerts).toEqual(
      pyrraAlerts(kmopSlo.window ?? '').map(a => ({
        ...a,
        name: 'ErrorBudgetBurn',
        labels: { ...a.labels, slo: pyrraSlo.source.name },
      })),
    );
  });

  it('keeps canary steps and services through Argo Rollouts, plus the promotion pause', () => {
    const policy = canaryPolicy();
    const [kmopRollout] = view([policy]).rollouts;
    const argo = compiledView(
      [microservice(), policy],
      ['argo-rollouts'],
    ).rollouts.find(r => r.source.kind === 'Rollout')!;
    expect(argo.strategy).toBe(kmopRollout.strategy);
    expect(argo.services).toEqual(kmopRollout.services);
    expect(comparableSteps(argo.steps)).toEqual([
      ...comparableSteps(kmopRollout.steps),
      {
        type: 'pause',
        weight: undefined,
        duration: undefined,
        templates: undefined,
      },
    ]);
    const auto = canaryPolicy({ spec: { autoPromote: true } });
    const argoAuto = compiledView([auto], ['argo-rollouts']).rollouts[0];
    expect(comparableSteps(argoAuto.steps)).toEqual(
      comparableSteps(view([auto]).rollouts[0].steps),
    );
  });

  it('keeps canary weights through Flagger', () => {
    const policy = canaryPolicy();
    const [kmopRollout] = view([policy]).rollouts;
    const flagger = compiledView(
      [microservice(), policy],
      ['flagger'],
    ).rollouts.find(r => r.source.kind === 'Canary')!;
    expect(flagger.steps.map(s => s.weight)).toEqual(
      kmopRollout.steps.filter(s => s.type === 'setWeight').map(s => s.weight),
    );
  });

  it('keeps resilience settings through Istio and the PodDisruptionBudget', () => {
    const policy = resiliencePolicy({
      spec: { retries: { backoff: undefined } },
    });
    const kmop = view([policy]).resilience;
    const native = compiledView([policy], ['istio']).resilience;
    const kTimeout = setting(kmop, 'timeout');
    const kRetry = setting(kmop, 'retry');
    const kBreaker = setting(kmop, 'circuitBreaker');
    const pool = setting(native, 'connectionPool');
    const outlier = setting(native, 'outlierDetection');
    const retry = setting(native, 'retry');
    expect(seconds(setting(native, 'timeout').request)).toBe(
      seconds(kTimeout.request),
    );
    expect(seconds(pool['tcp.connectTimeout'])).toBe(seconds(kTimeout.connect));
    expect(seconds(pool['http.idleTimeout'])).toBe(seconds(kTimeout.idle));
    expect(retry.attempts).toBe(kRetry.attempts);
    expect(retry.retryOn).toBe(kRetry.retryOn);
    expect(seconds(retry.perTryTimeout)).toBe(seconds(kRetry.perTryTimeout));
    expect(outlier.consecutive5xxErrors).toBe(kBreaker.consecutiveErrors);
    expect(seconds(outlier.interval)).toBe(seconds(kBreaker.interval));
    expect(seconds(outlier.baseEjectionTime)).toBe(
      seconds(kBreaker.baseEjectionTime),
    );
    expect(outlier.maxEjectionPercent).toBe(kBreaker.maxEjectionPercent);
    expect(pool['tcp.maxConnections']).toBe(kBreaker.maxConnections);
    expect(pool['http.http1MaxPendingRequests']).toBe(
      kBreaker.maxPendingRequests,
    );
    expect(pool['http.http2MaxRequests']).toBe(kBreaker.maxRequests);
    expect(setting(native, 'disruptionBudget')).toEqual(
      setting(kmop, 'disruptionBudget'),
    );
  });

  it('keeps resilience settings through Envoy Gateway', () => {
    const policy = resiliencePolicy();
    const kmop = view([policy]).resilience;
    const native = compiledView(
      [gatewayRoute(), policy],
      ['envoy-gateway'],
    ).resilience.filter(v => v.source.kind === 'BackendTrafficPolicy');
    const kRetry = setting(kmop, 'retry');
    const retry = setting(native, 'retry');
    expect(retry.numRetries).toBe(kRetry.attempts);
    expect(seconds(retry.perRetryTimeout)).toBe(seconds(kRetry.perTryTimeout));
    expect(seconds(retry.backoffBaseInterval)).toBe(
      seconds(kRetry.backoffBaseInterval),
    );
    expect(seconds(retry.backoffMaxInterval)).toBe(
      seconds(kRetry.backoffMaxInterval),
    );
    const timeout = setting(native, 'timeout');
    const kTimeout = setting(kmop, 'timeout');
    expect(seconds(timeout.requestTimeout)).toBe(seconds(kTimeout.request));
    expect(seconds(timeout.connectTimeout)).toBe(seconds(kTimeout.connect));
    expect(seconds(timeout.connectionIdleTimeout)).toBe(seconds(kTimeout.idle));
    const kRate = setting(kmop, 'rateLimit');
    expect(setting(native, 'rateLimit').local).toBe(
      `${kRate.requests}/${kRate.unit}`,
    );
  });
});

describe('round trip properties', () => {
  const duration = fc
    .tuple(
      fc.integer({ min: 1, max: 999 }),
      fc.constantFrom('ms', 's', 'm', 'h', 'd'),
    )
    .map(([n, unit]) => `${n}${unit}`);

  it('routes keep weights, matches and timeouts for any input', () => {
    const backend = fc.record({
      name: fc.constantFrom('payments', 'payments-canary', 'payments-blue'),
      weight: fc.integer({ min: 0, max: 100 }),
      port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(backend, {
          minLength: 1,
          maxLength: 3,
          selector: b => b.name,
        }),
        fc.array(
          fc.record({
            path: fc.record({
              type: fc.constantFrom('PathPrefix', 'Exact', 'RegularExpression'),
              value: fc.constantFrom('/', '/api', '/api/v1/items', '/healthz'),
            }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.tuple(duration, duration),
        (backends, matches, [a, b]) => {
          const [shorter, longer] =
            parseDuration(a, 'kmop') <= parseDuration(b, 'kmop')
              ? [a, b]
              : [b, a];
          const route: GatewayRoute = gatewayRouteSchema.parse(
            merge(gatewayRouteInput, {
              spec: {
                backends,
                matches,
                timeouts: { request: longer, backendRequest: shorter },
              },
            }),
          );
          const kmop = view([route]).routes[0];
          const native = compiledView([route], ['gateway-api']).routes[0];
          expect(comparableRoute(native)).toEqual(comparableRoute(kmop));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('canary steps survive Argo Rollouts for any steps', () => {
    const step = fc.oneof(
      fc.integer({ min: 0, max: 100 }).map(setWeight => ({ setWeight })),
      fc
        .option(duration, { nil: undefined })
        .map(d => ({ pause: d ? { duration: d } : {} })),
      fc
        .constantFrom('success-rate', 'latency')
        .map(t => ({ analysis: { templates: [t] } })),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), steps => {
        const policy = rolloutPolicySchema.parse(
          merge(canaryPolicyInput, {
            spec: { autoPromote: true, canary: { steps } },
          }),
        );
        const kmop = view([policy]).rollouts[0];
        const native = compiledView([policy], ['argo-rollouts']).rollouts[0];
        expect(comparableSteps(native.steps)).toEqual(
          comparableSteps(kmop.steps),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('SLO objectives and windows survive Pyrra for any objective', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 99.999, noNaN: true }),
        fc.constantFrom('7d', '28d', '30d', '4w', '90d'),
        (objective, window) => {
          const slo = serviceLevelObjectiveSchema.parse(
            merge(ratioSloInput, { spec: { objective, window } }),
          );
          const kmop = view([slo]).slos[0];
          const native = compiledView([slo], ['pyrra']).slos[0];
          expect(kmop.objective).toBeDefined();
          expect(native.objective).toBeCloseTo(kmop.objective ?? NaN, 12);
          expect(parseDuration(native.window ?? '', 'prometheus')).toBe(
            parseDuration(kmop.window ?? '', 'prometheus'),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('retries and timeouts survive Istio for any values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.subarray(
          ['5xx', 'reset', 'connect-failure', 'gateway-error', '503'],
          { minLength: 1 },
        ),
        duration,
        duration,
        (attempts, retryOn, perTryTimeout, request) => {
          const policy = resiliencePolicySchema.parse(
            merge(resilienceInput, {
              spec: {
                timeouts: { request },
                retries: {
                  attempts,
                  retryOn,
                  perTryTimeout,
                  backoff: undefined,
                },
              },
            }),
          );
          const kmop = view([policy]).resilience;
          const native = compiledView([policy], ['istio']).resilience;
          const kRetry = setting(kmop, 'retry');
          const retry = setting(native, 'retry');
          expect(retry.attempts).toBe(kRetry.attempts);
          expect(retry.retryOn).toBe(kRetry.retryOn);
          expect(seconds(retry.perTryTimeout)).toBe(
            seconds(kRetry.perTryTimeout),
          );
          expect(seconds(setting(native, 'timeout').request)).toBe(
            seconds(setting(kmop, 'timeout').request),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
