import { keepRolloutWeights, weightedRoutes } from './rolloutWeights';
import { KubeObject } from './types';

const NS = 'shop';

const rollout = (trafficRouting: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'cart', namespace: NS },
  spec: {
    strategy: {
      canary: {
        canaryService: 'cart-canary',
        stableService: 'cart-stable',
        trafficRouting,
        steps: [{ setWeight: 20 }, { pause: {} }],
      },
    },
  },
});

const gatewayApi = rollout({
  plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'cart', namespace: NS } },
});

const httpRoute = (
  name: string,
  weights: { stable?: number; canary: number },
  hostnames = ['cart.example.com'],
): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: NS },
  spec: {
    hostnames,
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [
          {
            name: 'cart-stable',
            port: 8080,
            ...(weights.stable === undefined ? {} : { weight: weights.stable }),
          },
          { name: 'cart-canary', port: 8080, weight: weights.canary },
          { name: 'legacy', port: 8080, weight: 5 },
        ],
      },
    ],
  },
});

const host = (service: string) => `${service}.${NS}.svc.cluster.local`;
const virtualService = (
  weights: { stable: number; canary: number },
  other = 100,
): KubeObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'cart-canary', namespace: NS },
  spec: {
    hosts: [host('cart')],
    http: [
      {
        name: 'primary',
        route: [
          {
            destination: { host: host('cart-stable'), port: { number: 8080 } },
            weight: weights.stable,
          },
          {
            destination: { host: host('cart-canary'), port: { number: 8080 } },
            weight: weights.canary,
          },
        ],
      },
      {
        name: 'admin',
        route: [{ destination: { host: host('cart-stable') }, weight: other }],
      },
    ],
  },
});

const backends = (o: KubeObject) =>
  (o.spec as any).rules[0].backendRefs.map(
    (b: { name: string; weight?: number }) => [b.name, b.weight],
  );

describe('weightedRoutes', () => {
  it("names the Gateway API plugin's HTTPRoutes and the Istio VirtualServices", () => {
    expect(weightedRoutes([gatewayApi])).toEqual([
      {
        kind: 'HTTPRoute',
        name: 'cart',
        namespace: NS,
        services: ['cart-canary', 'cart-stable'],
      },
    ]);
    const many = rollout({
      plugins: {
        'argoproj-labs/gatewayAPI': {
          httpRoutes: [{ name: 'a' }, { name: 'b' }],
        },
      },
      istio: {
        virtualService: { name: 'cart-canary', routes: ['primary'] },
        virtualServices: [{ name: 'mesh' }],
      },
    });
    expect(weightedRoutes([many]).map(r => [r.kind, r.name, r.routes])).toEqual(
      [
        ['HTTPRoute', 'a', undefined],
        ['HTTPRoute', 'b', undefined],
        ['VirtualService', 'cart-canary', ['primary']],
        ['VirtualService', 'mesh', undefined],
      ],
    );
  });

  it('names nothing for a Rollout without traffic routing', () => {
    expect(weightedRoutes([rollout({})])).toEqual([]);
    expect(
      weightedRoutes([
        { metadata: { namespace: NS }, spec: { strategy: { canary: {} } } },
      ]),
    ).toEqual([]);
  });
});

describe('keepRolloutWeights', () => {
  const routes = weightedRoutes([gatewayApi]);

  it("keeps the live weights of the Rollout's backends and nothing else", () => {
    const desired = httpRoute('cart', { canary: 0 }, [
      'cart.example.com',
      'new.example.com',
    ]);
    const live = httpRoute('cart', { stable: 80, canary: 20 });
    (live.spec as any).rules[0].backendRefs[2].weight = 50;
    const kept = keepRolloutWeights(desired, live, routes);
    expect(backends(kept)).toEqual([
      ['cart-stable', 80],
      ['cart-canary', 20],
      ['legacy', 5],
    ]);
    expect((kept.spec as any).hostnames).toEqual([
      'cart.example.com',
      'new.example.com',
    ]);
    // The rendering itself is left as it was.
    expect(backends(desired)).toEqual([
      ['cart-stable', undefined],
      ['cart-canary', 0],
      ['legacy', 5],
    ]);
  });

  it('keeps the rendered weights of a new route and of routes the Rollout does not name', () => {
    const desired = httpRoute('cart', { canary: 0 });
    expect(keepRolloutWeights(desired, undefined, routes)).toBe(desired);
    const other = httpRoute('other', { canary: 0 });
    expect(
      keepRolloutWeights(
        other,
        httpRoute('other', { stable: 80, canary: 20 }),
        routes,
      ),
    ).toBe(other);
    const elsewhere = {
      ...desired,
      metadata: { ...desired.metadata, namespace: 'elsewhere' },
    };
    expect(
      keepRolloutWeights(
        elsewhere,
        httpRoute('cart', { stable: 80, canary: 20 }),
        routes,
      ),
    ).toBe(elsewhere);
  });

  it('keeps a rendered weight the live backend lacks', () => {
    const live = httpRoute('cart', { canary: 20 });
    delete (live.spec as any).rules[0].backendRefs[1].weight;
    expect(
      backends(
        keepRolloutWeights(httpRoute('cart', { canary: 0 }), live, routes),
      ),
    ).toEqual([
      ['cart-stable', undefined],
      ['cart-canary', 0],
      ['legacy', 5],
    ]);
  });

  it('keeps the live weights of the VirtualService routes the Rollout names', () => {
    const istio = weightedRoutes([
      rollout({
        istio: { virtualService: { name: 'cart-canary', routes: ['primary'] } },
      }),
    ]);
    const kept = keepRolloutWeights(
      virtualService({ stable: 100, canary: 0 }),
      virtualService({ stable: 70, canary: 30 }, 60),
      istio,
    );
    const http = (kept.spec as any).http;
    expect(http[0].route.map((r: { weight: number }) => r.weight)).toEqual([
      70, 30,
    ]);
    // Not among the routes the Rollout names: the operator's.
    expect(http[1].route[0].weight).toBe(100);
  });
});
