import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { kmopClusterSupplierExtensionPoint } from '@kmop/plugin-kmop-node';
import request from 'supertest';
import { DEMO_SEEDS, userAuth, waitFor } from './__testUtils__/testBackend';
import { kmopPlugin } from './plugin';

describe('kmopClusterSupplierExtensionPoint', () => {
  let sim: KubeSim;
  afterAll(() => sim?.close());

  it('lets a module add a Backstage cluster supplier and an auth strategy', async () => {
    sim = await startKubeSim({ seeds: DEMO_SEEDS, token: 'vault-issued' });
    const module = createBackendModule({
      pluginId: 'kmop',
      moduleId: 'vault-clusters',
      register(env) {
        env.registerInit({
          deps: { kmop: kmopClusterSupplierExtensionPoint },
          async init({ kmop }) {
            kmop.addClusterSupplier({
              getClusters: async () => [
                {
                  name: 'from-vault',
                  url: sim.url,
                  authMetadata: { 'kubernetes.io/auth-provider': 'vault' },
                },
              ],
            });
            kmop.addAuthStrategy('vault', {
              getCredential: async () => ({
                type: 'bearer token',
                token: 'vault-issued',
              }),
              validateCluster: () => [],
              presentAuthMetadata: () => ({}),
            });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        kmopPlugin,
        module,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { kubernetes: { clusterLocatorMethods: [] } },
        }),
      ],
    });
    try {
      await waitFor('the supplied cluster to sync', async () => {
        const res = await request(backend.server)
          .get('/api/kmop/v1/clusters')
          .set('Authorization', userAuth());
        return res.body.items?.[0]?.state === 'ready';
      });
      const res = await request(backend.server)
        .get('/api/kmop/v1/clusters')
        .set('Authorization', userAuth());
      expect(res.body.items).toEqual([
        expect.objectContaining({ name: 'from-vault', state: 'ready' }),
      ]);
    } finally {
      await backend.stop();
    }
  });
});
