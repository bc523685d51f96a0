import { httpRoutes } from '../__fixtures__';
import { normalizeHttpRoute } from './httpRoute';

const ctx = { cluster: 'prod-eu' };

describe('normalizeHttpRoute', () => {
  it('reads an accepted route with its parents, matches, weighted backends and timeouts', () => {
    const [route] = normalizeHttpRoute(httpRoutes.healthy, ctx);
    expect(route.id).toBe(
      'prod-eu/gateway.networking.k8s.io/v1/HTTPRoute/shop/payments',
    );
    expect(route.source).toEqual({
      cluster: 'prod-eu',
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      namespace: 'shop',
      name: 'payments',
    });
    expect(route.health).toBe('ok');
    expect(route.healthReason).toBe(
      'Accepted by Gateway infra/public (section https); all references resolved',
    );
    expect(route.badges).toEqual(['filter: URLRewrite']);
    expect(route.hostnames).toEqual(['pay.example.com']);
    expect(route.parents).toEqual([
      expect.objectContaining({
        name: 'public',
        namespace: 'infra',
        sectionName: 'https',
        accepted: true,
        resolvedRefs: true,
      }),
    ]);
    const [api, fallback] = route.rules;
    expect(api.name).toBe('api');
    expect(api.matches).toEqual([
      { path: { type: 'PathPrefix', value: '/api' }, method: 'POST' },
      {
        path: { type: 'Exact', value: '/health' },
        headers: [{ name: 'x-canary', value: 'true', type: 'Exact' }],
      },
    ]);
    expect(api.backends.map(b => [b.name, b.port, b.weight])).toEqual([
      ['payments', 8080, 90],
      ['payments-canary', 8080, 10],
    ]);
    expect(api.backends[0].share).toBeCloseTo(0.9);
    expect(api.backends[1].share).toBeCloseTo(0.1);
    expect(api.timeouts).toEqual({ request: '10s', backendRequest: '2s' });
    // No matches means PathPrefix /, and an unweighted backend has weight 1.
    expect(fallback.matches).toEqual([
      { path: { type: 'PathPrefix', value: '/' } },
    ]);
    expect(fallback.backends).toEqual([
      expect.objectContaining({ name: 'payments-static', weight: 1, share: 1 }),
    ]);
  });

  it('is progressing while the gateway has not processed the current generation', () => {
    const [route] = normalizeHttpRoute(httpRoutes.progressing, ctx);
    expect(route.health).toBe('progressing');
    expect(route.healthReason).toContain(
      'Not yet reconciled: Gateway infra/public (section https) last reported on generation 3, the object is at generation 4',
    );
    expect(route.generation).toBe(4);
    expect(route.observedGeneration).toBe(3);
  });

  it('is unknown while no gateway has reported (one rule for all kinds)', () => {
    const [route] = normalizeHttpRoute(httpRoutes.pending, ctx);
    expect(route.health).toBe('unknown');
    expect(route.healthReason).toBe(
      'No gateway has reported on this route yet',
    );
  });

  it('is degraded when a backend reference does not resolve', () => {
    const [route] = normalizeHttpRoute(httpRoutes.degraded, ctx);
    expect(route.health).toBe('degraded');
    expect(route.healthReason).toContain(
      'ResolvedRefs=False (BackendNotFound)',
    );
    expect(route.parents[0]).toMatchObject({
      accepted: true,
      resolvedRefs: false,
      message: expect.stringContaining('payments-canary not found'),
    });
  });

  it('is degraded when PartiallyInvalid is True', () => {
    const route = structuredClone(httpRoutes.healthy);
    route.status.parents[0].conditions.push({
      type: 'PartiallyInvalid',
      status: 'True',
      reason: 'UnsupportedValue',
      message: 'Dropped Rule(s) 1: unsupported filter',
      observedGeneration: 4,
    });
    const [item] = normalizeHttpRoute(route, ctx);
    expect(item.health).toBe('degraded');
    expect(item.healthReason).toContain('Partially invalid');
  });

  it('is degraded if any of several parents rejects it', () => {
    const route = structuredClone(httpRoutes.healthy);
    route.status.parents.push({
      parentRef: { name: 'internal', namespace: 'infra', sectionName: 'http' },
      controllerName: 'istio.io/gateway-controller',
      conditions: [
        {
          type: 'Accepted',
          status: 'False',
          reason: 'NoMatchingListenerHostname',
          message: 'no hostname matches',
          observedGeneration: 4,
        },
      ],
    });
    const [item] = normalizeHttpRoute(route, ctx);
    expect(item.health).toBe('degraded');
    expect(item.healthReason).toContain(
      'Not accepted by Gateway infra/internal',
    );
  });

  it('is unknown when a parent reports no conditions', () => {
    const [route] = normalizeHttpRoute(httpRoutes.unknown, ctx);
    expect(route.health).toBe('unknown');
    expect(route.healthReason).toContain('reported no Accepted condition');
  });

  it('gives every backend a share of 0 when all weights are 0', () => {
    const route = structuredClone(httpRoutes.healthy);
    route.spec.rules[0].backendRefs = [
      { name: 'a', port: 80, weight: 0 },
      { name: 'b', port: 80, weight: 0 },
    ];
    const [item] = normalizeHttpRoute(route, ctx);
    expect(item.rules[0].backends.map(b => b.share)).toEqual([0, 0]);
  });

  it('turns a malformed route into one unknown item naming the bad fields', () => {
    const [item] = normalizeHttpRoute(
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'broken', namespace: 'shop' },
        spec: {
          hostnames: 'pay.example.com',
          rules: [{ backendRefs: [{ name: 'x', weight: -5 }] }],
        },
      },
      ctx,
    );
    expect(item.health).toBe('unknown');
    expect(item.healthReason).toBe(
      'Malformed HTTPRoute: spec.rules[0].backendRefs[0].weight is -5, expected 0 to 1000000; spec.hostnames is a string, expected an array',
    );
  });

  it('turns null and missing metadata into an unknown item', () => {
    expect(normalizeHttpRoute(null, ctx)).toEqual([
      expect.objectContaining({
        health: 'unknown',
        healthReason:
          'Malformed HTTPRoute: the object is null, expected an object',
        hostnames: [],
        rules: [],
      }),
    ]);
    const [item] = normalizeHttpRoute({ kind: 'HTTPRoute', spec: {} }, ctx);
    expect(item.healthReason).toBe(
      'Malformed HTTPRoute: metadata.name is missing',
    );
  });
});
