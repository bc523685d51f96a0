import { virtualServices } from '../__fixtures__';
import { normalizeIstioVirtualServiceRoutes } from './istioVirtualService';

const ctx = { cluster: 'mesh-1' };

describe('normalizeIstioVirtualServiceRoutes', () => {
  it('reads hosts, gateways and HTTP routes with relative weights', () => {
    const [route] = normalizeIstioVirtualServiceRoutes(
      virtualServices.healthy,
      ctx,
    );
    expect(route.health).toBe('ok');
    expect(route.healthReason).toBe('Reconciled by istiod');
    expect(route.badges).toEqual([
      'warning: IST0131 VirtualServiceIneffectiveMatch',
    ]);
    expect(route.hostnames).toEqual(['reviews.shop.svc.cluster.local']);
    expect(route.parents).toEqual([
      { name: 'public', namespace: 'infra', kind: 'Gateway' },
      { name: 'mesh', kind: 'mesh' },
    ]);
    const [canary, fallback, chaos] = route.rules;
    expect(canary.name).toBe('canary');
    expect(canary.matches).toEqual([
      {
        path: { type: 'PathPrefix', value: '/reviews' },
        method: undefined,
        headers: [{ name: 'end-user', value: 'jason', type: 'Exact' }],
      },
    ]);
    expect(canary.backends).toEqual([
      { name: 'reviews', subset: 'v2', port: 9080, weight: 20, share: 0.2 },
      { name: 'reviews', subset: 'v1', port: 9080, weight: 80, share: 0.8 },
    ]);
    expect(canary.timeouts).toEqual({ request: '5s' });
    // A single destination takes all traffic.
    expect(fallback.backends[0]).toMatchObject({ subset: 'v1', share: 1 });
    expect(chaos.matches[0].path).toEqual({
      type: 'Exact',
      value: '/reviews/chaos',
    });
  });

  it('is progressing while istiod has not observed the generation', () => {
    const [route] = normalizeIstioVirtualServiceRoutes(
      virtualServices.progressing,
      ctx,
    );
    expect(route.health).toBe('progressing');
    expect(route.healthReason).toBe(
      'Not yet reconciled: istiod last reported on generation 4, the object is at generation 5; the status shown is for the older spec',
    );
  });

  it('is degraded when analysis reports an error', () => {
    const [route] = normalizeIstioVirtualServiceRoutes(
      virtualServices.degraded,
      ctx,
    );
    expect(route.health).toBe('degraded');
    expect(route.healthReason).toBe(
      'Istio analysis found an error: IST0101 ReferencedResourceNotFound',
    );
  });

  it('is unknown without a status, which istiod need not write', () => {
    const [route] = normalizeIstioVirtualServiceRoutes(
      virtualServices.unknown,
      ctx,
    );
    expect(route.health).toBe('unknown');
    expect(route.healthReason).toContain('Istio wrote no status');
  });

  it('reads the proto-JSON status istiod writes: string generations, numbered levels', () => {
    const vs = {
      ...virtualServices.healthy,
      status: {
        conditions: [
          {
            type: 'Reconciled',
            status: 'True',
            message: '4/4 proxies up to date.',
            observedGeneration: '5',
          },
        ],
        observedGeneration: '5',
        validationMessages: [
          { level: 3, type: { code: 'IST0101' } },
          { level: 8, type: { code: 'IST0132' } },
        ],
      },
    };
    const [route] = normalizeIstioVirtualServiceRoutes(vs, ctx);
    expect(route.health).toBe('degraded');
    expect(route.healthReason).toBe('Istio analysis found an error: IST0101');
    expect(route.badges).toEqual(['warning: IST0132']);
    const stale = { ...vs, metadata: { ...vs.metadata, generation: 6 } };
    expect(normalizeIstioVirtualServiceRoutes(stale, ctx)[0].healthReason).toBe(
      'Not yet reconciled: istiod last reported on generation 5, the object is at generation 6; the status shown is for the older spec',
    );
  });

  it('applies to the mesh when no gateways are listed', () => {
    const vs = structuredClone(virtualServices.healthy);
    vs.spec.gateways = [];
    expect(normalizeIstioVirtualServiceRoutes(vs, ctx)[0].parents).toEqual([
      { name: 'mesh', kind: 'mesh' },
    ]);
  });

  it('gives an unweighted destination among several no traffic', () => {
    const vs = structuredClone(virtualServices.healthy);
    vs.spec.http[0].route = [
      {
        destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } },
        weight: 100,
      },
      { destination: { host: 'reviews', subset: 'v1' } } as never,
    ];
    const shares = normalizeIstioVirtualServiceRoutes(
      vs,
      ctx,
    )[0].rules[0].backends.map(b => b.share);
    expect(shares).toEqual([1, 0]);
  });
});
