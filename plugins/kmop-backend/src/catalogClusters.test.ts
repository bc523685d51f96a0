import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KmopClusterStatus } from '@kmop/plugin-kmop-common';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import request from 'supertest';
import {
  DEMO_SEEDS,
  demoEntities,
  readEntityView,
  userAuth,
  waitFor,
} from './__testUtils__/testBackend';
import { kmopPlugin } from './plugin';

/** A `kubernetes-cluster` Resource as Backstage's catalog locator reads it. */
function clusterEntity(name: string, sim: KubeSim): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'kubernetes.io/api-server': sim.url,
        'kubernetes.io/api-server-certificate-authority': Buffer.from(
          sim.ca!,
        ).toString('base64'),
        'kubernetes.io/auth-provider': 'none',
        'kubernetes.io/dashboard-url': `https://dashboard.example.com/${name}`,
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'platform' },
  };
}

describe('the catalog cluster locator', () => {
  let sims: KubeSim[];
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const clusterEntities: Entity[] = [];
  const filters: unknown[] = [];

  beforeAll(async () => {
    sims = await Promise.all(
      [1, 2].map(() => startKubeSim({ seeds: DEMO_SEEDS, tls: true })),
    );
    const components = demoEntities();
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async ref =>
        components.find(
          e =>
            `component:default/${e.metadata.name}` ===
            String(ref).toLowerCase(),
        ),
      getEntities: async req => {
        filters.push(req?.filter);
        return { items: [...clusterEntities] };
      },
    });
    backend = await startTestBackend({
      features: [
        kmopPlugin,
        catalog.factory,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
              ],
            },
            kmop: {
              cache: {
                clusterRefreshInterval: '100ms',
                initialBackoff: '50ms',
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await Promise.all(sims.map(s => s.close()));
  });

  async function clusters(): Promise<KmopClusterStatus[]> {
    const res = await request(backend.server)
      .get('/api/kmop/v1/clusters')
      .set('Authorization', userAuth());
    expect(res.status).toBe(200);
    return res.body.items;
  }

  const view = (name: string) => readEntityView(backend, name);

  it('asks the catalog for kubernetes-cluster Resources as Backstage does', async () => {
    await waitFor('a catalog query', async () => filters.length > 0);
    expect(filters[0]).toEqual([
      {
        kind: 'Resource',
        'spec.type': 'kubernetes-cluster',
        'metadata.annotations.kubernetes.io/api-server': expect.anything(),
        'metadata.annotations.kubernetes.io/api-server-certificate-authority':
          expect.anything(),
        'metadata.annotations.kubernetes.io/auth-provider': expect.anything(),
      },
    ]);
    expect(await clusters()).toEqual([]);
  });

  it('picks up a cluster added to the catalog without a restart, with its dashboard link', async () => {
    clusterEntities.push(clusterEntity('catalog-east', sims[0]));
    await waitFor('the new cluster to sync', async () =>
      (
        await clusters()
      ).some(c => c.name === 'catalog-east' && c.state === 'ready'),
    );
    expect(await clusters()).toEqual([
      expect.objectContaining({
        name: 'catalog-east',
        state: 'ready',
        dashboardUrl: 'https://dashboard.example.com/catalog-east',
      }),
    ]);
    const payments = await view('payments');
    expect(payments.routes.map(r => r.source.cluster)).toEqual([
      'catalog-east',
    ]);

    clusterEntities.push(clusterEntity('catalog-west', sims[1]));
    await waitFor(
      'the second cluster to sync',
      async () =>
        (await clusters()).filter(c => c.state === 'ready').length === 2,
    );
    expect(
      (await view('payments')).routes.map(r => r.source.cluster).sort(),
    ).toEqual(['catalog-east', 'catalog-west']);
  });

  it('drops a cluster removed from the catalog, and its data', async () => {
    clusterEntities.splice(0, 1);
    await waitFor('the removed cluster to go', async () =>
      (await clusters()).every(c => c.name !== 'catalog-east'),
    );
    expect((await clusters()).map(c => c.name)).toEqual(['catalog-west']);
    const payments = await view('payments');
    expect(payments.routes.map(r => r.source.cluster)).toEqual([
      'catalog-west',
    ]);
    expect(payments.clusters.map(c => c.name)).toEqual(['catalog-west']);
  });

  it('reports a catalog cluster it must refuse, without breaking the others', async () => {
    const plain = clusterEntity('catalog-plain', sims[0]);
    plain.metadata.annotations!['kubernetes.io/auth-provider'] =
      'serviceAccount';
    clusterEntities.push(plain);
    await waitFor('the refusal', async () =>
      (await clusters()).some(c => c.name === 'catalog-plain'),
    );
    expect(await clusters()).toEqual([
      expect.objectContaining({ name: 'catalog-west', state: 'ready' }),
      expect.objectContaining({
        name: 'catalog-plain',
        state: 'error',
        error: {
          kind: 'config',
          message: expect.stringContaining(
            'does not support the serviceAccount auth provider',
          ),
        },
      }),
    ]);
  });
});
