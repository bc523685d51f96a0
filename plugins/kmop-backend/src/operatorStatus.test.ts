import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { KmopEntityView } from '@kmop/plugin-kmop-common';
import { RunningOperator } from './__testUtils__/operator';
import {
  DEMO_SEEDS,
  readEntityView,
  startKmopBackend,
  waitFor,
} from './__testUtils__/testBackend';

// The demo as `yarn start` runs it: the simulator in demo mode (playing the controllers
// that report on rendered objects) and the KMOP operator computing the kmop.dev objects'
// status, which examples/cluster no longer carries.
jest.setTimeout(180_000);

const TOKEN = 'sim-secret-token-operator';

type Item = KmopEntityView['routes'][number];

describe('payments with the KMOP operator reconciling examples/cluster', () => {
  let sim: KubeSim;
  let operator: RunningOperator;
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;

  const view = () => readEntityView(backend, 'payments');

  const kmopItems = (v: KmopEntityView): Item[] =>
    [...v.routes, ...v.slos, ...v.rollouts, ...v.resilience].filter(
      i => i.source.apiVersion === 'kmop.dev/v1alpha1',
    ) as Item[];

  beforeAll(async () => {
    sim = await startKubeSim({ seeds: DEMO_SEEDS, token: TOKEN, demo: true });
    operator = new RunningOperator(sim, TOKEN);
    backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: sim.url, token: TOKEN }],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await operator?.stop();
    await sim?.close();
  });

  it('shows the status the operator computed and, under each KMOP item, what it rendered', async () => {
    let last: KmopEntityView | undefined;
    try {
      // The operator starts as a process of its own: a generous bound on a shared machine.
      await waitFor(
        'every KMOP item of payments to be reconciled and ready',
        async () => {
          last = await view();
          const items = kmopItems(last);
          return (
            items.length === 5 &&
            items.every(i => i.health === 'ok' && i.rendered?.length)
          );
        },
        120_000,
      );
    } catch (e) {
      throw new Error(
        `${(e as Error).message}; view: ${JSON.stringify(
          last &&
            kmopItems(last).map(i => [i.source.name, i.health, i.healthReason]),
        )}; operator: ${operator.log.join('').slice(-2000)}`,
      );
    }
    const v = last!;
    const rendered = Object.fromEntries(
      kmopItems(v).map(i => [
        `${i.source.kind} ${i.source.name}`,
        (i.rendered ?? []).map(r => `${r.source.kind} ${r.source.name}`).sort(),
      ]),
    );
    expect(rendered).toEqual({
      'GatewayRoute payments-public': ['HTTPRoute payments-public'],
      'ServiceLevelObjective payments-availability': [
        'PrometheusServiceLevel payments-availability',
      ],
      'ServiceLevelObjective payments-latency': [
        'PrometheusServiceLevel payments-latency',
      ],
      'RolloutPolicy payments': ['Rollout payments'],
      'ResiliencePolicy payments': expect.arrayContaining([
        'PodDisruptionBudget payments',
      ]),
    });
    // The health comes from the conditions the operator wrote, not from the seeds.
    const route = v.routes.find(r => r.source.kind === 'GatewayRoute')!;
    expect(route.healthReason).toBe(
      'Accepted by Gateway gateways/public (section https)',
    );
    // The URL the operator computed: scheme from the `https` listener (HTTPS) of
    // examples/cluster's Gateway gateways/public, the first hostname and path prefix.
    expect(route.url).toBe('https://pay.example.com/v1/payments');
    const live = sim.store.get({
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'GatewayRoute',
      namespace: 'payments',
      name: 'payments-public',
    })!;
    expect((live.status as { url?: string }).url).toBe(
      'https://pay.example.com/v1/payments',
    );
    expect(
      (live.status as { conditions: Array<{ type: string; reason: string }> })
        .conditions,
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Ready', reason: 'ChildrenReady' }),
        expect.objectContaining({ type: 'Accepted', reason: 'Accepted' }),
      ]),
    );
  });
});
