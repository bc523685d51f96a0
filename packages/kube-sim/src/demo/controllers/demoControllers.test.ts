import { resolve } from 'node:path';
import { KubeSim, startKubeSim } from '../../server';
import { waitFor } from '../../__testUtils__/clients';

const CRDS = resolve(__dirname, '../../../../../examples/cluster/crds');

describe('the demo controllers in a demo-mode simulator', () => {
  let sim: KubeSim;

  beforeEach(async () => {
    sim = await startKubeSim({ seeds: [CRDS], demo: true });
  });
  afterEach(() => sim.close());

  it('make a new Deployment ready and accept a new HTTPRoute once its Service exists', async () => {
    sim.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 2 },
    });
    sim.store.create({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'public', namespace: 'shop' },
      spec: {
        gatewayClassName: 'eg',
        listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
      },
    });
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      namespace: 'shop',
      name: 'web',
    };
    sim.store.create({
      apiVersion: route.apiVersion,
      kind: route.kind,
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        parentRefs: [{ name: 'public' }],
        rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
      },
    });
    await waitFor(
      () =>
        (
          sim.store.get({
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: 'shop',
            name: 'web',
          })?.status as { readyReplicas?: number } | undefined
        )?.readyReplicas === 2,
      'the Deployment to be ready',
      30_000,
    );
    const resolved = () =>
      (sim.store.get(route)?.status as any)?.parents?.[0]?.conditions?.find(
        (c: { type: string }) => c.type === 'ResolvedRefs',
      )?.status;
    await waitFor(() => resolved() === 'False', 'BackendNotFound', 30_000);
    sim.store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { ports: [{ port: 80 }] },
    });
    await waitFor(() => resolved() === 'True', 'ResolvedRefs', 30_000);
    expect(resolved()).toBe('True');
  });

  it('report the rules of a new PrometheusServiceLevel generated', async () => {
    const ref = {
      apiVersion: 'sloth.slok.dev/v1',
      kind: 'PrometheusServiceLevel',
      namespace: 'shop',
      name: 'web',
    };
    sim.store.create({
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        service: 'web',
        slos: [
          {
            name: 'availability',
            objective: 99.9,
            sli: { events: { errorQuery: 'e', totalQuery: 't' } },
          },
        ],
      },
    });
    const generated = () =>
      (sim.store.get(ref)?.status as { promOpRulesGenerated?: boolean })
        ?.promOpRulesGenerated;
    await waitFor(() => generated() === true, 'Sloth’s status', 30_000);
    expect(generated()).toBe(true);
  });
});
