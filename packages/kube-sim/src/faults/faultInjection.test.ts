import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  Watch,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { KubeSim, startKubeSim } from '../server';
import { kubeConfigFor, waitFor, withTimeout } from '../__testUtils__/clients';

const TOKEN = 'fault-token';
const NS = 'faults';

describe('fault injection, as a real client sees it', () => {
  let sim: KubeSim;
  let kc: KubeConfig;
  let core: CoreV1Api;

  beforeEach(async () => {
    sim = await startKubeSim({ token: TOKEN });
    kc = kubeConfigFor(sim.url, TOKEN);
    core = kc.makeApiClient(CoreV1Api);
    sim.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: NS },
    });
  });

  afterEach(async () => {
    await sim.close();
  });

  it('injected latency trips a client-side timeout, and clearing it restores service', async () => {
    sim.faults.setLatency(400);
    await expect(
      core.listNamespacedConfigMap({ namespace: NS }, withTimeout(100)),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    const started = Date.now();
    await core.listNamespacedConfigMap({ namespace: NS }, withTimeout(2000));
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    sim.faults.clearLatency();
    const list = await core.listNamespacedConfigMap(
      { namespace: NS },
      withTimeout(100),
    );
    expect(list.items).toHaveLength(1);
  });

  it('answers 500 InternalError for the chosen resource only', async () => {
    sim.faults.addError({
      status: 500,
      rate: 1,
      target: { group: '', resource: 'configmaps' },
    });
    const failure = await core
      .listNamespacedConfigMap({ namespace: NS })
      .catch(e => e);
    expect(failure.code).toBe(500);
    expect(JSON.parse(failure.body)).toMatchObject({
      kind: 'Status',
      reason: 'InternalError',
      code: 500,
    });
    await expect(
      core.listNamespacedSecret({ namespace: NS }),
    ).resolves.toMatchObject({ kind: 'SecretList' });
    sim.faults.clearErrors();
    await expect(
      core.listNamespacedConfigMap({ namespace: NS }),
    ).resolves.toMatchObject({ kind: 'ConfigMapList' });
  });

  it('answers 403 Forbidden for a resource chosen by group and plural', async () => {
    sim.faults.forbid({ group: 'apps', resource: 'deployments' });
    const apps = kc.makeApiClient(AppsV1Api);
    const failure = await apps
      .listNamespacedDeployment({ namespace: NS })
      .catch(e => e);
    expect(failure.code).toBe(403);
    expect(JSON.parse(failure.body)).toMatchObject({
      reason: 'Forbidden',
      code: 403,
    });
    await expect(
      apps.listNamespacedReplicaSet({ namespace: NS }),
    ).resolves.toMatchObject({ kind: 'ReplicaSetList' });
  });

  it('serves malformed JSON for a chosen resource', async () => {
    sim.faults.malform({ group: '', resource: 'configmaps' });
    await expect(
      core.listNamespacedConfigMap({ namespace: NS }),
    ).rejects.toThrow(/JSON/);
    sim.faults.clearMalformed();
    await expect(
      core.listNamespacedConfigMap({ namespace: NS }),
    ).resolves.toMatchObject({ kind: 'ConfigMapList' });
  });

  it('ends open watches now, and new ones after a set time', async () => {
    const watch = new Watch(kc);
    let endedNow: unknown = 'open';
    await watch.watch(
      `/api/v1/namespaces/${NS}/configmaps`,
      {},
      () => undefined,
      err => {
        endedNow = err;
      },
    );
    sim.faults.dropWatches();
    await waitFor(() => endedNow !== 'open', 'the open watch to end');
    expect(endedNow).toBeNull();

    sim.faults.dropWatches({ afterMs: 150 });
    const started = Date.now();
    let endedLater = false;
    await watch.watch(
      `/api/v1/namespaces/${NS}/configmaps`,
      {},
      () => undefined,
      () => {
        endedLater = true;
      },
    );
    await waitFor(() => endedLater, 'the new watch to end by itself');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('delivers watch events late and in order, while replies come at once', async () => {
    sim.faults.setWatchLatency(1000);
    const seen: string[] = [];
    await new Watch(kc).watch(
      `/api/v1/namespaces/${NS}/configmaps`,
      { resourceVersion: sim.store.resourceVersion },
      (type, obj) => seen.push(`${type} ${obj.metadata.name} ${obj.data?.n}`),
      () => undefined,
    );
    const written = Date.now();
    const seenAtReplies: number[] = [];
    for (const n of ['1', '2', '3']) {
      await core.patchNamespacedConfigMap(
        { name: 'cm', namespace: NS, body: { data: { n } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      seenAtReplies.push(seen.length);
    }
    // The first reply came before its event.
    expect(seenAtReplies[0]).toBe(0);
    await waitFor(() => seen.length === 3, 'the three events');
    expect(Date.now() - written).toBeGreaterThanOrEqual(990);
    expect(seen).toEqual(['MODIFIED cm 1', 'MODIFIED cm 2', 'MODIFIED cm 3']);
  });

  it('refuses connections while the cluster is down, then comes back on the same port', async () => {
    await sim.faults.down('refuse');
    await expect(
      core.listNamespacedConfigMap({ namespace: NS }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await sim.faults.up();
    await expect(
      core.listNamespacedConfigMap({ namespace: NS }),
    ).resolves.toMatchObject({ kind: 'ConfigMapList' });
  });

  it('resets connections in reset mode, including open watches', async () => {
    let watchError: unknown;
    await new Watch(kc).watch(
      `/api/v1/namespaces/${NS}/configmaps`,
      {},
      () => undefined,
      err => {
        watchError = err ?? 'ended without error';
      },
    );
    await sim.faults.down('reset');
    await expect(
      core.listNamespacedConfigMap({ namespace: NS }),
    ).rejects.toMatchObject({ code: 'ECONNRESET' });
    await waitFor(() => watchError !== undefined, 'the watch to be cut');
    await sim.faults.clear();
    await expect(
      core.listNamespacedConfigMap({ namespace: NS }),
    ).resolves.toMatchObject({ kind: 'ConfigMapList' });
  });
});
