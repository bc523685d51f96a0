import { resiliencePolicy } from './__fixtures__/payments';
import { compileResilienceToEnvoyGateway } from './envoyGatewayResilience';
import { compileResilienceToIstio } from './istio';
import { compileDisruptionBudget } from './podDisruptionBudget';

describe('compileResilienceToIstio', () => {
  it('emits a DestinationRule and a VirtualService for the service host', () => {
    const { objects, warnings } = compileResilienceToIstio(resiliencePolicy(), {
      port: 8080,
    });
    expect(objects.map(o => `${o.apiVersion} ${o.kind}`)).toEqual([
      'networking.istio.io/v1 DestinationRule',
      'networking.istio.io/v1 VirtualService',
    ]);
    expect(objects[0].spec).toEqual({
      host: 'payments.payments.svc.cluster.local',
      trafficPolicy: {
        connectionPool: {
          tcp: { maxConnections: 100, connectTimeout: '2s' },
          http: {
            http1MaxPendingRequests: 50,
            http2MaxRequests: 200,
            idleTimeout: '1h',
          },
        },
        outlierDetection: {
          consecutive5xxErrors: 5,
          interval: '10s',
          baseEjectionTime: '30s',
          maxEjectionPercent: 50,
        },
      },
    });
    expect(objects[1].spec).toEqual({
      hosts: ['payments.payments.svc.cluster.local'],
      http: [
        {
          name: 'default',
          route: [
            {
              destination: {
                host: 'payments.payments.svc.cluster.local',
                port: { number: 8080 },
              },
            },
          ],
          timeout: '10s',
          retries: {
            attempts: 3,
            retryOn: '5xx,reset,503',
            perTryTimeout: '3s',
            backoff: '100ms',
          },
        },
      ],
    });
    expect(warnings).toEqual([
      expect.stringMatching(/maxInterval \(1s\) is not compiled/),
      expect.stringMatching(/Istio has no rate limit resource/),
    ]);
  });

  it('takes the tighter of circuit breaker and bulkhead limits', () => {
    const { objects, warnings } = compileResilienceToIstio(
      resiliencePolicy({
        spec: {
          timeouts: undefined,
          retries: undefined,
          rateLimit: undefined,
          bulkhead: { maxConcurrentRequests: 20, maxQueue: 0 },
        },
      }),
    );
    expect(objects.map(o => o.kind)).toEqual(['DestinationRule']);
    const pool = (
      objects[0].spec.trafficPolicy as Record<string, Record<string, unknown>>
    ).connectionPool;
    expect(pool.http).toEqual({
      http1MaxPendingRequests: 1,
      http2MaxRequests: 20,
    });
    expect(warnings).toEqual([
      expect.stringMatching(/maxQueue 0 becomes http1MaxPendingRequests 1/),
    ]);
  });

  it('emits nothing for a policy with only a disruption budget', () => {
    const policy = resiliencePolicy({
      spec: {
        timeouts: undefined,
        retries: undefined,
        circuitBreaker: undefined,
        rateLimit: undefined,
      },
    });
    expect(compileResilienceToIstio(policy)).toEqual({
      objects: [],
      warnings: [],
    });
  });
});

describe('compileResilienceToEnvoyGateway', () => {
  it('emits one BackendTrafficPolicy on the routes', () => {
    const { objects, warnings } = compileResilienceToEnvoyGateway(
      resiliencePolicy({
        spec: { retries: { retryOn: ['5xx', 'envoy-ratelimited', '503'] } },
      }),
      { httpRoutes: ['payments'] },
    );
    expect(objects).toHaveLength(1);
    expect(objects[0].kind).toBe('BackendTrafficPolicy');
    expect(objects[0].spec).toEqual({
      targetRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'HTTPRoute',
          name: 'payments',
        },
      ],
      timeout: {
        tcp: { connectTimeout: '2s' },
        http: { requestTimeout: '10s', connectionIdleTimeout: '1h' },
      },
      retry: {
        numRetries: 3,
        retryOn: {
          triggers: ['5xx', 'retriable-status-codes'],
          httpStatusCodes: [503],
        },
        perRetry: {
          timeout: '3s',
          backOff: { baseInterval: '100ms', maxInterval: '1s' },
        },
      },
      circuitBreaker: {
        maxConnections: 100,
        maxPendingRequests: 50,
        maxParallelRequests: 200,
      },
      healthCheck: {
        passive: {
          consecutive5XxErrors: 5,
          interval: '10s',
          baseEjectionTime: '30s',
          maxEjectionPercent: 50,
        },
      },
      rateLimit: {
        local: { rules: [{ limit: { requests: 100, unit: 'Second' } }] },
      },
    });
    expect(warnings).toEqual([
      expect.stringMatching(
        /does not take the retry conditions envoy-ratelimited/,
      ),
    ]);
  });

  it('carries the route rate limit and skips services without routes', () => {
    const policy = resiliencePolicy({ spec: { rateLimit: undefined } });
    const { objects } = compileResilienceToEnvoyGateway(policy, {
      httpRoutes: ['payments'],
      routeRateLimit: { requests: 5, unit: 'Minute' },
    });
    expect(objects[0].spec.rateLimit).toEqual({
      local: { rules: [{ limit: { requests: 5, unit: 'Minute' } }] },
    });
    const none = compileResilienceToEnvoyGateway(policy, { httpRoutes: [] });
    expect(none.objects).toEqual([]);
    expect(none.warnings[0]).toMatch(/has no GatewayRoute/);
  });
});

describe('compileDisruptionBudget', () => {
  it('emits a PodDisruptionBudget selecting the service pods', () => {
    const { objects } = compileDisruptionBudget(resiliencePolicy());
    expect(objects).toEqual([
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: expect.objectContaining({
          name: 'payments',
          namespace: 'payments',
        }),
        spec: {
          selector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
          minAvailable: 1,
        },
      },
    ]);
    const max = compileDisruptionBudget(
      resiliencePolicy({
        spec: {
          disruptionBudget: { minAvailable: undefined, maxUnavailable: '25%' },
        },
      }),
    );
    expect(max.objects[0].spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
      maxUnavailable: '25%',
    });
    expect(
      compileDisruptionBudget(
        resiliencePolicy({ spec: { disruptionBudget: undefined } }),
      ).objects,
    ).toEqual([]);
  });
});
