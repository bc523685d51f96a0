import { KubeObject } from '../../types';
import { GATEWAY_CONTROLLER, RouteWorld, httpRouteParents } from './httpRoutes';

const NOW = '2026-12-06T10:00:00.000Z';

const gateway: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'public', namespace: 'gateways' },
  spec: {
    gatewayClassName: 'eg',
    listeners: [
      {
        name: 'https',
        protocol: 'HTTPS',
        hostname: '*.example.com',
        allowedRoutes: { namespaces: { from: 'All' } },
      },
      { name: 'http', protocol: 'HTTP', hostname: '*.example.com' },
      {
        name: 'teams',
        protocol: 'HTTP',
        allowedRoutes: {
          namespaces: {
            from: 'Selector',
            selector: { matchLabels: { team: 'pay' } },
          },
        },
      },
    ],
  },
};

function route(extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'pay', namespace: 'shop', generation: 4 },
    spec: {
      parentRefs: [
        { name: 'public', namespace: 'gateways', sectionName: 'https' },
      ],
      hostnames: ['pay.example.com'],
      rules: [{ backendRefs: [{ name: 'pay', port: 8080 }] }],
      ...extra,
    },
  };
}

function world(services = ['shop/pay'], labels = {}): RouteWorld {
  return {
    gateway: (ns, name) =>
      ns === 'gateways' && name === 'public' ? gateway : undefined,
    service: (ns, name) =>
      services.includes(`${ns}/${name}`)
        ? ({ apiVersion: 'v1', kind: 'Service', metadata: { name } } as never)
        : undefined,
    namespaceLabels: () => labels,
  };
}

const conditions = (status: Record<string, any> | undefined) =>
  status?.parents.map((p: any) =>
    p.conditions.map((c: any) => `${c.type}=${c.status}/${c.reason}`),
  );

describe('httpRouteParents, as Envoy Gateway', () => {
  it('accepts a route a listener admits and resolves its Services', () => {
    const status = httpRouteParents(route(), world(), NOW)!;
    expect(status.parents).toEqual([
      {
        parentRef: {
          name: 'public',
          namespace: 'gateways',
          sectionName: 'https',
        },
        controllerName: GATEWAY_CONTROLLER,
        conditions: [
          expect.objectContaining({
            type: 'Accepted',
            status: 'True',
            observedGeneration: 4,
            lastTransitionTime: NOW,
          }),
          expect.objectContaining({ type: 'ResolvedRefs', status: 'True' }),
        ],
      },
    ]);
  });

  it('writes nothing once the status says it, and keeps transition times', () => {
    const first = httpRouteParents(route(), world(), NOW)!;
    const written = { ...route(), status: first };
    expect(httpRouteParents(written, world(), 'later')).toBeUndefined();
    const changed = {
      ...written,
      metadata: { ...written.metadata, generation: 5 },
    };
    const next = httpRouteParents(changed, world(), 'later')!;
    expect((next.parents as any)[0].conditions[0]).toMatchObject({
      observedGeneration: 5,
      lastTransitionTime: NOW,
    });
  });

  it('names a missing backend Service', () => {
    const status = httpRouteParents(route(), world([]), NOW);
    expect(conditions(status)).toEqual([
      ['Accepted=True/Accepted', 'ResolvedRefs=False/BackendNotFound'],
    ]);
    expect((status!.parents as any)[0].conditions[1].message).toBe(
      'Service shop/pay not found',
    );
  });

  it('refuses a route no listener admits, by namespace or by hostname', () => {
    const same = route({
      parentRefs: [
        { name: 'public', namespace: 'gateways', sectionName: 'http' },
      ],
    });
    expect(conditions(httpRouteParents(same, world(), NOW))).toEqual([
      [
        'Accepted=False/NotAllowedByListeners',
        'ResolvedRefs=True/ResolvedRefs',
      ],
    ]);
    const elsewhere = route({ hostnames: ['pay.example.org'] });
    expect(conditions(httpRouteParents(elsewhere, world(), NOW))[0][0]).toBe(
      'Accepted=False/NoMatchingListenerHostname',
    );
    const noSection = route({
      parentRefs: [
        { name: 'public', namespace: 'gateways', sectionName: 'grpc' },
      ],
    });
    expect(conditions(httpRouteParents(noSection, world(), NOW))[0][0]).toBe(
      'Accepted=False/NoMatchingParent',
    );
  });

  it('admits by namespace selector', () => {
    const teams = route({
      parentRefs: [
        { name: 'public', namespace: 'gateways', sectionName: 'teams' },
      ],
    });
    expect(conditions(httpRouteParents(teams, world(), NOW))[0][0]).toBe(
      'Accepted=False/NotAllowedByListeners',
    );
    expect(
      conditions(
        httpRouteParents(teams, world(['shop/pay'], { team: 'pay' }), NOW),
      )[0][0],
    ).toBe('Accepted=True/Accepted');
  });

  it('writes nothing for a Gateway that does not exist, and keeps other controllers’ parents', () => {
    const other = {
      parentRef: { name: 'mesh' },
      controllerName: 'istio.io/gateway-controller',
      conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }],
    };
    const r = {
      ...route({ parentRefs: [{ name: 'missing', namespace: 'gateways' }] }),
      status: { parents: [other] },
    };
    expect(httpRouteParents(r, world(), NOW)).toBeUndefined();
  });
});
