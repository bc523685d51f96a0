import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { KmopClusterStatus, KmopEntityView } from '@kmop/plugin-kmop-common';
import {
  DEMO_SEEDS,
  readEntityView,
  startKmopBackend,
  waitFor,
} from './__testUtils__/testBackend';

// Two clusters serve the same demo objects: `good` stays healthy while faults are
// injected into `bad`. Every view must answer 200 with good's items and an error
// entry for bad, and bad must come back once the fault ends.
jest.setTimeout(30_000);

describe('one faulty cluster of two', () => {
  let good: KubeSim;
  let bad: KubeSim;
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;

  const checkout = () => readEntityView(backend, 'checkout');

  function statusOf(view: KmopEntityView, name: string): KmopClusterStatus {
    return view.clusters.find(c => c.name === name)!;
  }

  async function expectDegradedThenRecovered(
    expected: { kind: string; status?: number },
    clear: () => void | Promise<void>,
  ) {
    await waitFor(`bad to report ${expected.kind}`, async () => {
      const status = statusOf(await checkout(), 'bad');
      return status.state === 'error' && status.error?.kind === expected.kind;
    });
    const view = await checkout();
    expect(statusOf(view, 'bad').error).toMatchObject(expected);
    expect(statusOf(view, 'good').state).toBe('ready');
    expect(view.routes.some(r => r.source.cluster === 'good')).toBe(true);
    expect(view.rollouts.some(r => r.source.cluster === 'good')).toBe(true);
    await clear();
    await waitFor(
      'bad to recover',
      async () => statusOf(await checkout(), 'bad').state === 'ready',
    );
  }

  beforeAll(async () => {
    good = await startKubeSim({ seeds: DEMO_SEEDS });
    bad = await startKubeSim({ seeds: DEMO_SEEDS, historySize: 20 });
    backend = await startKmopBackend({
      clusters: [
        { name: 'good', url: good.url },
        { name: 'bad', url: bad.url },
      ],
      // Below the 3 s latency of the slow-cluster case, so that case times out.
      kmop: { cache: { requestTimeout: '2s' } },
    });
    await waitFor('both clusters to sync', async () =>
      (await checkout()).clusters.every(c => c.state === 'ready'),
    );
  }, 30_000);

  afterAll(async () => {
    await backend?.stop();
    await good?.close();
    await bad?.close();
  });

  it('survives the cluster going down, marking its data stale meanwhile', async () => {
    const downAt = Date.now();
    await bad.faults.down('refuse');
    await expectDegradedThenRecovered({ kind: 'unreachable' }, async () => {
      const status = statusOf(await checkout(), 'bad');
      expect(Date.parse(status.staleSince!)).toBeGreaterThanOrEqual(
        downAt - 1000,
      );
      await bad.faults.up();
    });
    expect(statusOf(await checkout(), 'bad').staleSince).toBeUndefined();
  });

  it('survives a cluster slower than the request timeout', async () => {
    bad.faults.setLatency(3000);
    bad.faults.dropWatches();
    await expectDegradedThenRecovered({ kind: 'timeout' }, () => {
      bad.faults.clearLatency();
      bad.faults.clearWatchDrops();
    });
  });

  it.each([
    [401, 'unauthorized'],
    [500, 'server'],
  ])('survives %i answers', async (status, kind) => {
    bad.faults.addError({ status, rate: 1 });
    bad.faults.dropWatches();
    await expectDegradedThenRecovered({ kind, status }, () => {
      bad.faults.clearErrors();
      bad.faults.clearWatchDrops();
    });
  });

  it('survives 403 on one resource and keeps serving the others from that cluster', async () => {
    bad.faults.forbid({ group: 'argoproj.io', resource: 'rollouts' });
    bad.faults.dropWatches();
    await waitFor('the forbidden resource to show', async () => {
      const status = statusOf(await checkout(), 'bad');
      return status.error?.kind === 'forbidden';
    });
    const view = await checkout();
    expect(statusOf(view, 'bad').error).toMatchObject({
      kind: 'forbidden',
      status: 403,
      resource: 'argoproj.io/v1alpha1/rollouts',
    });
    expect(view.routes.some(r => r.source.cluster === 'bad')).toBe(true);
    bad.faults.clearForbidden();
    bad.faults.clearWatchDrops();
    await waitFor(
      'bad to recover',
      async () => statusOf(await checkout(), 'bad').state === 'ready',
    );
  });

  it('survives malformed JSON', async () => {
    bad.faults.malform({
      group: 'gateway.networking.k8s.io',
      resource: 'httproutes',
    });
    // Watches opened from now on garble their events; the route's next one shows it.
    bad.faults.dropWatches();
    bad.store.patch(
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        namespace: 'checkout',
        name: 'checkout',
      },
      { metadata: { labels: { touched: 'yes' } } },
    );
    await expectDegradedThenRecovered({ kind: 'malformed' }, () =>
      bad.faults.clearMalformed(),
    );
  });

  it('reopens dropped watches and still sees changes', async () => {
    bad.faults.dropWatches();
    bad.faults.clearWatchDrops();
    bad.store.patch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        namespace: 'checkout',
        name: 'checkout',
      },
      {
        metadata: { labels: { dropped: 'yes' } },
        status: { currentStepIndex: 3 },
      },
    );
    await waitFor('the change after the drop', async () => {
      const rollout = (await checkout()).rollouts.find(
        r => r.source.cluster === 'bad' && r.source.kind === 'Rollout',
      );
      return rollout?.currentStepIndex === 3;
    });
  });

  it('lists again after 410 Gone and sees what changed meanwhile', async () => {
    await bad.faults.down('refuse');
    // More writes than the simulator's history keeps, so the watch's resourceVersion expires.
    for (let i = 0; i < 30; i++) {
      bad.store.upsert({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: `filler-${i}`, namespace: 'checkout' },
        spec: { maxUnavailable: 1 },
      });
    }
    bad.store.upsert({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: {
        name: 'checkout-late',
        namespace: 'checkout',
        labels: {
          'app.kubernetes.io/name': 'checkout',
          'backstage.io/kubernetes-id': 'checkout',
        },
      },
      spec: { minAvailable: 1 },
    });
    await bad.faults.up();
    await waitFor('the object created while the watch was away', async () =>
      (
        await checkout()
      ).resilience.some(
        r => r.source.cluster === 'bad' && r.source.name === 'checkout-late',
      ),
    );
  });
});
