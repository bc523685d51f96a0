import { grpcRoutes } from '../__fixtures__';
import { normalizeGrpcRoute } from './grpcRoute';

const ctx = { cluster: 'prod' };

describe('normalizeGrpcRoute', () => {
  it('reads method and header matches and weighted backends', () => {
    const [route] = normalizeGrpcRoute(grpcRoutes.healthy, ctx);
    expect(route.health).toBe('ok');
    expect(route.source.kind).toBe('GRPCRoute');
    expect(route.hostnames).toEqual(['ledger.internal']);
    expect(route.rules[0].matches).toEqual([
      {
        grpc: { service: 'ledger.v1.Ledger', method: 'Post', type: 'Exact' },
        headers: undefined,
      },
    ]);
    expect(route.rules[0].timeouts).toBeUndefined();
    expect(route.rules[1].matches[0].headers).toEqual([
      { name: 'x-tenant', value: 'acme', type: 'Exact' },
    ]);
    const shares = route.rules[1].backends.map(b => b.share);
    expect(shares[0]).toBeCloseTo(0.75);
    expect(shares[1]).toBeCloseTo(0.25);
  });

  it('is progressing while acceptance is Pending', () => {
    const [route] = normalizeGrpcRoute(grpcRoutes.progressing, ctx);
    expect(route.health).toBe('progressing');
    expect(route.healthReason).toBe(
      'Waiting for Gateway infra/internal: Accepted=False (Pending): Waiting for controller',
    );
  });

  it('is degraded when no listener allows it', () => {
    const [route] = normalizeGrpcRoute(grpcRoutes.degraded, ctx);
    expect(route.health).toBe('degraded');
    expect(route.healthReason).toContain('NotAllowedByListeners');
    expect(route.parents[0].accepted).toBe(false);
  });

  it('is unknown while a condition is Unknown', () => {
    const [route] = normalizeGrpcRoute(grpcRoutes.unknown, ctx);
    expect(route.health).toBe('unknown');
    expect(route.healthReason).toContain('Accepted=Unknown');
  });

  it('treats a rule without matches as matching every method', () => {
    const route = structuredClone(grpcRoutes.healthy);
    route.spec.rules[0].matches = [];
    expect(normalizeGrpcRoute(route, ctx)[0].rules[0].matches).toEqual([]);
  });
});
