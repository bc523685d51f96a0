import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KmopClusterStatus } from '@kmop/plugin-kmop-common';
import { CachedObject, ClusterCache } from '@kmop/plugin-kmop-node';
import { KmopEntityProvider } from './KmopEntityProvider';
import { microserviceToEntity } from './microserviceToEntity';

/*
 * What the provider does before the cache has read a cluster: the cases the
 * catalog test (module.test.ts) cannot reach without restarting a backend.
 */

function cacheWith(state: {
  clusters: KmopClusterStatus[];
  objects: CachedObject[];
  listed: string[];
}) {
  return {
    clusters: () => state.clusters,
    objects: () => state.objects,
    listedClusters: () => state.listed,
    subscribe: () => () => {},
    subscribeToItems: () => () => {},
    lookup: () => {
      throw new Error('not used');
    },
    readinessFacts: () => {
      throw new Error('not used');
    },
    start: () => {},
    stop: async () => {},
  } as ClusterCache;
}

const ledger: CachedObject = {
  cluster: 'one',
  object: {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'Microservice',
    metadata: { name: 'ledger', namespace: 'payments' },
    spec: { owner: 'group:default/payments-team' },
  },
};
const remote: CachedObject = {
  cluster: 'two',
  object: {
    ...ledger.object,
    metadata: { name: 'remote', namespace: 'default' },
  },
};
const entityOf = (o: CachedObject) =>
  (microserviceToEntity(o) as { entity: Entity }).entity;

function connection() {
  const mutations: Parameters<EntityProviderConnection['applyMutation']>[0][] =
    [];
  return {
    mutations,
    applyMutation: jest.fn(async (m: (typeof mutations)[number]) => {
      mutations.push(m);
    }),
    refresh: jest.fn(),
  };
}

/** Polls `condition`; the bound is generous, it measures nothing (2 shared cores). */
async function until(condition: () => boolean) {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 20));
  }
}

// Above until()'s bound: a wait that runs out fails with until's error, not Jest's timeout.
jest.setTimeout(60_000);

describe('KmopEntityProvider before a cluster has been read', () => {
  let provider: KmopEntityProvider | undefined;
  afterEach(async () => {
    await provider?.stop();
  });

  function create(cache: ClusterCache, entities: Entity[] = []) {
    provider = KmopEntityProvider.create({
      cache,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      config: { enabled: true, resyncIntervalMs: 60_000 },
      retryDelayMs: 20,
    });
    return provider;
  }

  it('writes nothing while a cluster is still being listed for the first time', async () => {
    const state = {
      clusters: [
        {
          name: 'one',
          state: 'ready' as const,
          lastSyncedAt: new Date().toISOString(),
        },
        { name: 'two', state: 'syncing' as const },
      ],
      objects: [ledger],
      listed: ['one'],
    };
    const conn = connection();
    const cache = cacheWith(state);
    // Each attempt at a full mutation asks which clusters were listed: a second ask means
    // the first attempt gave up (and retried) rather than writing.
    const asked = jest.spyOn(cache, 'listedClusters');
    await create(cache).connect(conn);
    await until(
      () => asked.mock.calls.length >= 2 || conn.mutations.length > 0,
    );
    expect(conn.mutations).toEqual([]);
    state.clusters[1] = {
      name: 'two',
      state: 'ready',
      lastSyncedAt: new Date().toISOString(),
    };
    state.objects = [ledger, remote];
    state.listed = ['one', 'two'];
    await until(() => conn.mutations.length > 0);
    expect(conn.mutations[0]).toEqual({
      type: 'full',
      entities: [{ entity: entityOf(ledger) }, { entity: entityOf(remote) }],
    });
  });

  it('keeps the entities of a cluster unreachable since the start, as the catalog has them', async () => {
    // After a restart, cluster two does not answer: its entity must survive the full mutation.
    const stored = {
      ...entityOf(remote),
      metadata: { ...entityOf(remote).metadata, uid: 'abc', etag: 'x' },
      relations: [],
    } as Entity;
    const elsewhere: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'other',
        namespace: 'default',
        annotations: { 'backstage.io/kubernetes-cluster': 'two' },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'x' },
    };
    // Deleted from cluster one while the backend was down: one's Microservices
    // were listed (another kind of one is forbidden), so it must go.
    const deleted = entityOf({
      cluster: 'one',
      object: {
        ...ledger.object,
        metadata: { name: 'gone', namespace: 'payments' },
      },
    });
    const cache = cacheWith({
      clusters: [
        {
          name: 'one',
          state: 'error',
          error: { kind: 'forbidden', message: 'horizontalpodautoscalers' },
        },
        {
          name: 'two',
          state: 'error',
          error: { kind: 'unreachable', message: 'ECONNREFUSED' },
        },
      ],
      objects: [ledger],
      listed: ['one'],
    });
    const conn = connection();
    await create(cache, [stored, elsewhere, deleted]).connect(conn);
    await until(() => conn.mutations.length > 0);
    expect(conn.mutations[0]).toEqual({
      type: 'full',
      entities: [{ entity: entityOf(ledger) }, { entity: entityOf(remote) }],
    });
  });
});
