import { normalizeObject } from '../normalizers';
import { gatewayRoutes, httpRoutes } from '../normalizers/__fixtures__/routes';
import {
  allViewItems,
  nestRenderedObjects,
  KmopViewSections,
} from './nestRendered';

const CLUSTER = 'demo';

/** The HTTPRoute fixture as the KMOP operator renders it: a controller reference to its GatewayRoute. */
function rendered(route: object, owner: { name: string }, extra: object = {}) {
  const r = structuredClone(route) as { metadata: Record<string, unknown> };
  r.metadata = {
    ...r.metadata,
    ...extra,
    ownerReferences: [
      {
        apiVersion: 'kmop.dev/v1alpha1',
        kind: 'GatewayRoute',
        name: owner.name,
        uid: '6f1c3d2e-0000-4000-8000-000000000001',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  };
  return r;
}

function view(...objects: object[]): KmopViewSections {
  const v: KmopViewSections = {
    routes: [],
    slos: [],
    rollouts: [],
    resilience: [],
  };
  for (const o of objects) {
    const items = normalizeObject(o, { cluster: CLUSTER });
    v.routes.push(...items.routes);
    v.slos.push(...items.slos);
    v.rollouts.push(...items.rollouts);
    v.resilience.push(...items.resilience);
  }
  return v;
}

describe('nestRenderedObjects', () => {
  it('lists an object under the KMOP resource that controls it, once, and not as an item', () => {
    const child = rendered(httpRoutes.degraded, gatewayRoutes.healthy.metadata);
    const before = view(gatewayRoutes.healthy, child);
    // An HTTPRoute yields a route item and a timeouts item; both belong to the GatewayRoute.
    const childItems = [...before.routes, ...before.resilience].filter(
      i => i.source.kind === 'HTTPRoute',
    );
    expect(childItems.length).toBeGreaterThan(0);
    expect(childItems[0].controller).toEqual({
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'GatewayRoute',
      name: 'payments',
      uid: '6f1c3d2e-0000-4000-8000-000000000001',
    });

    const after = nestRenderedObjects(before);
    const all = [
      ...after.routes,
      ...after.slos,
      ...after.rollouts,
      ...after.resilience,
    ];
    expect(all.filter(i => i.source.kind === 'HTTPRoute')).toEqual([]);
    const owner = after.routes.find(i => i.source.kind === 'GatewayRoute')!;
    expect(owner.rendered).toEqual([
      expect.objectContaining({
        section: 'routes',
        health: 'degraded',
        source: {
          cluster: CLUSTER,
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          namespace: 'shop',
          name: 'payments',
        },
      }),
    ]);
    // Only the common fields travel: the route's own (rules, parents) stay out of it.
    expect(owner.rendered?.[0]).not.toHaveProperty('rules');
    // The source drawer still finds the rendered object by its id.
    expect(allViewItems(after).map(i => i.id)).toContain(
      owner.rendered?.[0].id,
    );
  });

  it('leaves alone objects without a KMOP owner in the view', () => {
    const orphan = rendered(httpRoutes.healthy, { name: 'gone' });
    const elsewhere = rendered(
      httpRoutes.healthy,
      gatewayRoutes.healthy.metadata,
      {
        namespace: 'other',
      },
    );
    const plain = httpRoutes.progressing;
    const before = view(gatewayRoutes.healthy, orphan);
    expect(nestRenderedObjects(before)).toBe(before);
    const mixed = view(gatewayRoutes.healthy, elsewhere, plain);
    const after = nestRenderedObjects(mixed);
    expect(after.routes.map(i => i.id)).toEqual(mixed.routes.map(i => i.id));
    expect(after.routes.some(i => i.rendered)).toBe(false);
  });
});
