import { gatewayRoutes } from '../__fixtures__';
import { normalizeKmopGatewayRoute } from './kmopGatewayRoute';

const ctx = { cluster: 'prod' };

describe('normalizeKmopGatewayRoute', () => {
  it('reads the gateway, matches, weighted backends, URL and policies', () => {
    const [route] = normalizeKmopGatewayRoute(gatewayRoutes.healthy, ctx);
    expect(route.health).toBe('ok');
    expect(route.healthReason).toBe(
      'Accepted by Gateway infra/public (section https)',
    );
    expect(route.badges).toEqual(['auth: jwt', 'rate limit: 100/Minute']);
    // The unit is required: without it none is made up.
    const noUnit = structuredClone(gatewayRoutes.healthy) as Record<
      string,
      any
    >;
    delete noUnit.spec.rateLimit.unit;
    expect(normalizeKmopGatewayRoute(noUnit, ctx)[0].badges).toContain(
      'rate limit: 100/unit not set',
    );
    expect(route.url).toBe('https://pay.example.com/api');
    expect(route.parents).toEqual([
      expect.objectContaining({
        name: 'public',
        namespace: 'infra',
        accepted: true,
        resolvedRefs: true,
      }),
    ]);
    expect(route.rules).toEqual([
      {
        protocol: 'http',
        matches: [
          { path: { type: 'PathPrefix', value: '/api' }, method: 'GET' },
        ],
        backends: [
          { name: 'payments', port: 8080, weight: 80, share: 0.8 },
          { name: 'payments-canary', port: 8081, weight: 20, share: 0.2 },
        ],
        timeouts: { request: '15s', backendRequest: undefined },
      },
    ]);
  });

  it('defaults matches to PathPrefix / and the backend to the service itself', () => {
    const [route] = normalizeKmopGatewayRoute(gatewayRoutes.minimal, ctx);
    expect(route.rules[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/' } },
    ]);
    expect(route.rules[0].backends).toEqual([
      { name: 'orders', port: 8080, weight: 100, share: 1 },
    ]);
    expect(route.health).toBe('unknown');
    expect(route.healthReason).toContain('no KMOP operator has reported');
  });

  it('is progressing while the operator has not observed the generation', () => {
    const [route] = normalizeKmopGatewayRoute(gatewayRoutes.progressing, ctx);
    expect(route.health).toBe('progressing');
    expect(route.healthReason).toContain(
      'last reported on generation 1, the object is at generation 2',
    );
  });

  it('is degraded when the gateway does not accept it', () => {
    const [route] = normalizeKmopGatewayRoute(gatewayRoutes.degraded, ctx);
    expect(route.health).toBe('degraded');
    expect(route.healthReason).toContain(
      'Accepted=False (NotAllowedByListeners)',
    );
    expect(route.parents[0]).toMatchObject({
      accepted: false,
      message: 'listener https does not allow routes from namespace shop',
    });
  });

  it('is unknown without a status', () => {
    expect(
      normalizeKmopGatewayRoute(gatewayRoutes.unknown, ctx)[0].health,
    ).toBe('unknown');
  });

  it('records a weight above 100 as malformed', () => {
    const route = structuredClone(gatewayRoutes.healthy);
    route.spec.backends[0].weight = 150;
    const [item] = normalizeKmopGatewayRoute(route, ctx);
    expect(item.health).toBe('unknown');
    expect(item.healthReason).toBe(
      'Malformed GatewayRoute: spec.backends[0].weight is 150, expected 0 to 100',
    );
  });
});
