import { Obj, OperatorHarness, waitUntil } from './__testUtils__/harness';

// The real operator process: generous.
jest.setTimeout(180_000);

type BackendRef = { name: string; weight?: number };

const NS = 'default';
const API = 'kmop.dev/v1alpha1';
const HTTP_ROUTE = 'gateway.networking.k8s.io/v1';
const meta = { name: 'shop', namespace: NS };

const objects: Obj[] = [
  {
    apiVersion: API,
    kind: 'Microservice',
    metadata: meta,
    spec: {
      owner: 'group:default/payments',
      image: 'ghcr.io/example/shop:0.1.0',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    },
  },
  {
    apiVersion: API,
    kind: 'GatewayRoute',
    metadata: meta,
    spec: {
      serviceRef: 'shop',
      gateway: { name: 'public', namespace: 'gateways' },
      hostnames: ['shop.example.com', 'www.shop.example.com'],
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
      port: 8080,
    },
  },
  {
    apiVersion: API,
    kind: 'RolloutPolicy',
    metadata: meta,
    spec: {
      serviceRef: 'shop',
      strategy: 'canary',
      canary: { steps: [{ setWeight: 20 }, { pause: {} }] },
    },
  },
];

const ref = (apiVersion: string, kind: string) => ({
  apiVersion,
  kind,
  namespace: NS,
  name: 'shop',
});

/**
 * Without Argo Rollouts' simulation (kube-sim's demo mode rewrites the weights itself on every
 * change, which would hide a reset): the test writes the weights as the Gateway API plugin does.
 */
describe('the weights Argo Rollouts sets on a canary route', () => {
  let harness: OperatorHarness | undefined;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it("stay the Rollout's while the operator keeps the rest of the HTTPRoute as declared", async () => {
    harness = await OperatorHarness.start();
    const sim = harness.sim;
    for (const o of objects) sim.store.create(o as never);
    harness.startOperator([
      '--no-leader-elect',
      // Longer than the test: only watches drive the reconciles.
      '--resync',
      '24h',
    ]);
    const httpRoute = () =>
      sim.store.get(ref(HTTP_ROUTE, 'HTTPRoute')) as Obj | undefined;
    const gatewayRoute = () =>
      sim.store.get(ref(API, 'GatewayRoute')) as Obj | undefined;
    const backends = (): BackendRef[] =>
      httpRoute()?.spec.rules[0].backendRefs ?? [];
    const weightOf = (name: string) =>
      backends().find(b => b.name === name)?.weight;

    await waitUntil(
      () =>
        weightOf('shop-canary') === 0 &&
        gatewayRoute()?.status?.observedGeneration === 1,
      'the HTTPRoute split between shop-stable and shop-canary',
    );

    // The Gateway API plugin's step `setWeight: 20`, as another client.
    const route = httpRoute()!;
    const rules = route.spec.rules.map(
      (rule: { backendRefs: BackendRef[] }) => ({
        ...rule,
        backendRefs: rule.backendRefs.map(b => {
          if (b.name === 'shop-canary') return { ...b, weight: 20 };
          if (b.name === 'shop-stable') return { ...b, weight: 80 };
          return b;
        }),
      }),
    );
    sim.store.patch(ref(HTTP_ROUTE, 'HTTPRoute'), { spec: { rules } });

    // A sync point: the operator applies the GatewayRoute's new hostname.
    const updated = sim.store.patch(ref(API, 'GatewayRoute'), {
      spec: {
        hostnames: [
          'shop.example.com',
          'www.shop.example.com',
          'new.shop.example.com',
        ],
      },
    });
    await waitUntil(
      () =>
        gatewayRoute()?.status?.observedGeneration ===
          updated.metadata.generation &&
        httpRoute()?.spec.hostnames.includes('new.shop.example.com'),
      'the new hostname applied',
    );
    expect(weightOf('shop-canary')).toBe(20);
    expect(weightOf('shop-stable')).toBe(80);

    // A field the operator owns is still put back.
    sim.store.patch(ref(HTTP_ROUTE, 'HTTPRoute'), {
      spec: { hostnames: ['shop.example.com'] },
    });
    await waitUntil(
      () => httpRoute()?.spec.hostnames.length === 3,
      'the removed hostnames put back',
    );
    expect(httpRoute()!.spec.hostnames).toEqual([
      'shop.example.com',
      'www.shop.example.com',
      'new.shop.example.com',
    ]);
    expect(weightOf('shop-canary')).toBe(20);
    expect(weightOf('shop-stable')).toBe(80);
  });
});
