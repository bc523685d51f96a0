import {
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  V1ConfigMap,
  V1ConfigMapList,
  Watch,
  makeInformer,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { KubeSim, startKubeSim } from './server';
import { kubeConfigFor, waitFor } from './__testUtils__/clients';

const TOKEN = 'client-node-token';
const NS = 'team-a';
const HISTORY = 20;
const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** A ConfigMap both the client (V1ConfigMap) and the store (KubeObject) accept. */
type ConfigMapObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
  };
  data: Record<string, string>;
};

function configMap(
  name: string,
  data: Record<string, string> = {},
  labels?: Record<string, string>,
): ConfigMapObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: NS, labels },
    data,
  };
}

describe('@kubernetes/client-node against kube-sim', () => {
  let sim: KubeSim;
  let kc: KubeConfig;
  let api: CoreV1Api;

  beforeEach(async () => {
    sim = await startKubeSim({ token: TOKEN, historySize: HISTORY });
    kc = kubeConfigFor(sim.url, TOKEN);
    api = kc.makeApiClient(CoreV1Api);
  });

  afterEach(async () => {
    await sim.close();
  });

  it('creates, lists with selectors, gets, replaces and deletes', async () => {
    await api.createNamespacedConfigMap({
      namespace: NS,
      body: configMap('b', { k: '1' }, { tier: 'web' }),
    });
    await api.createNamespacedConfigMap({
      namespace: NS,
      body: configMap('a', { k: '1' }, { tier: 'db' }),
    });
    await api.createNamespacedConfigMap({
      namespace: 'other',
      body: { ...configMap('c'), metadata: { name: 'c', namespace: 'other' } },
    });

    const all = await api.listNamespacedConfigMap({ namespace: NS });
    expect(all.kind).toBe('ConfigMapList');
    expect(all.items.map(i => i.metadata?.name)).toEqual(['a', 'b']);

    const web = await api.listNamespacedConfigMap({
      namespace: NS,
      labelSelector: 'tier in (web,cache)',
    });
    expect(web.items.map(i => i.metadata?.name)).toEqual(['b']);

    const everywhere = await api.listConfigMapForAllNamespaces({
      fieldSelector: 'metadata.name!=a',
    });
    expect(
      everywhere.items.map(i => `${i.metadata?.namespace}/${i.metadata?.name}`),
    ).toEqual(['other/c', `${NS}/b`]);

    const a = await api.readNamespacedConfigMap({ name: 'a', namespace: NS });
    expect(a.data).toEqual({ k: '1' });
    expect(a.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);

    const replaced = await api.replaceNamespacedConfigMap({
      name: 'a',
      namespace: NS,
      body: { ...a, data: { k: '2' } },
    });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(
      Number(a.metadata?.resourceVersion),
    );

    await expect(
      api.replaceNamespacedConfigMap({
        name: 'a',
        namespace: NS,
        body: { ...a, data: { k: '3' } },
      }),
    ).rejects.toMatchObject({ code: 409 });

    await api.deleteNamespacedConfigMap({ name: 'a', namespace: NS });
    await expect(
      api.readNamespacedConfigMap({ name: 'a', namespace: NS }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('rejects requests without the bearer token with 401', async () => {
    const anonymous = kubeConfigFor(sim.url).makeApiClient(CoreV1Api);
    await expect(
      anonymous.listNamespacedConfigMap({ namespace: NS }),
    ).rejects.toMatchObject({ code: 401 });
  });

  it('watches creates, updates and deletes in order from a list resourceVersion', async () => {
    await api.createNamespacedConfigMap({
      namespace: NS,
      body: configMap('before'),
    });
    const list = await api.listNamespacedConfigMap({ namespace: NS });
    const events: string[] = [];
    const versions: number[] = [];
    const controller = await new Watch(kc).watch(
      `/api/v1/namespaces/${NS}/configmaps`,
      { resourceVersion: list.metadata?.resourceVersion },
      (type, obj: V1ConfigMap) => {
        events.push(
          `${type} ${obj.metadata?.name} ${JSON.stringify(obj.data ?? {})}`,
        );
        versions.push(Number(obj.metadata?.resourceVersion));
      },
      () => undefined,
    );
    await api.createNamespacedConfigMap({
      namespace: NS,
      body: configMap('x', { v: '1' }),
    });
    await api.patchNamespacedConfigMap(
      { name: 'x', namespace: NS, body: { data: { v: '2' } } },
      MERGE_PATCH,
    );
    await api.deleteNamespacedConfigMap({ name: 'x', namespace: NS });
    await waitFor(() => events.length === 3, 'three watch events');
    controller.abort();
    expect(events).toEqual([
      'ADDED x {"v":"1"}',
      'MODIFIED x {"v":"2"}',
      'DELETED x {"v":"2"}',
    ]);
    expect([...versions].sort((p, q) => p - q)).toEqual(versions);
  });

  it('sends an ERROR event with 410 Expired to a watch from a compacted resourceVersion', async () => {
    const start = Number(sim.store.resourceVersion);
    for (let i = 0; i < HISTORY + 5; i++) {
      sim.store.create(configMap(`filler-${i}`));
    }
    const received: Array<{
      type: string;
      obj: { code?: number; reason?: string };
    }> = [];
    let done = false;
    await new Watch(kc).watch(
      `/api/v1/namespaces/${NS}/configmaps`,
      { resourceVersion: String(start) },
      (type, obj) => received.push({ type, obj }),
      () => {
        done = true;
      },
    );
    await waitFor(() => done, 'the watch to end');
    expect(received).toHaveLength(1);
    expect(received[0].type).toBe('ERROR');
    expect(received[0].obj).toMatchObject({
      kind: 'Status',
      code: 410,
      reason: 'Expired',
    });
  });

  it('keeps an informer in step, and it re-lists after 410 Gone', async () => {
    let lists = 0;
    const informer = makeInformer<V1ConfigMap>(
      kc,
      `/api/v1/namespaces/${NS}/configmaps`,
      () => {
        lists++;
        return api.listNamespacedConfigMap({
          namespace: NS,
        }) as Promise<V1ConfigMapList>;
      },
    );
    const seen: string[] = [];
    informer.on('add', o => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', o =>
      seen.push(`update ${o.metadata?.name} ${o.data?.v}`),
    );
    informer.on('delete', o => seen.push(`delete ${o.metadata?.name}`));
    await informer.start();

    await api.createNamespacedConfigMap({
      namespace: NS,
      body: configMap('one', { v: '1' }),
    });
    await api.patchNamespacedConfigMap(
      { name: 'one', namespace: NS, body: { data: { v: '2' } } },
      MERGE_PATCH,
    );
    await api.deleteNamespacedConfigMap({ name: 'one', namespace: NS });
    await waitFor(() => seen.length === 3, 'add, update and delete');
    expect(seen).toEqual(['add one', 'update one 2', 'delete one']);

    await informer.stop();
    for (let i = 0; i < HISTORY + 5; i++) {
      sim.store.create(configMap(`meanwhile-${i}`));
    }
    await informer.start();
    await waitFor(
      () => informer.list(NS).length === HISTORY + 5,
      'the informer to re-list',
    );
    expect(lists).toBe(2);
    expect(informer.get('meanwhile-0', NS)?.metadata?.name).toBe('meanwhile-0');

    sim.store.create(configMap('after-relist'));
    await waitFor(
      () => seen.includes('add after-relist'),
      'a watch event after the re-list',
    );
    await informer.stop();
  });
});
