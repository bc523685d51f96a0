import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { dirname, join, resolve } from 'node:path';
import request from 'supertest';

type BackendFeature = NonNullable<
  Parameters<typeof startTestBackend>[0]['features']
>[number];

/**
 * The plugin loads `@kubernetes/client-node` (ESM-only) with `await import()` on every
 * cluster request, which Jest's module sandbox cannot run without
 * --experimental-vm-modules. Loading the unmodified plugin with Node's own module loader
 * lets that `import()` work as it does in a real backend.
 */
function loadKubernetesPlugin(): BackendFeature {
  const nodeModule = process.getBuiltinModule('node:module');
  const nativeRequire = nodeModule.createRequire(__filename);
  return nativeRequire('@backstage/plugin-kubernetes-backend').default;
}

const TOKEN = 'backstage-sim-token';
/** Starting a test backend takes a few seconds; more on a loaded CI machine. */
const STARTUP_TIMEOUT = 60_000;
const SIM_PACKAGE = dirname(require.resolve('@kmop/kube-sim/package.json'));

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
  spec: { type: 'service', owner: 'team-shop', lifecycle: 'production' },
};

interface ObjectsResponse {
  items: Array<{
    cluster: { name: string };
    errors: unknown[];
    resources: Array<{
      type: string;
      resources: Array<{
        metadata: { name: string; labels?: Record<string, string> };
      }>;
    }>;
  }>;
}

describe("Backstage's kubernetes backend against kube-sim", () => {
  let sim: KubeSim;

  beforeAll(async () => {
    sim = await startKubeSim({
      token: TOKEN,
      seeds: [
        resolve(SIM_PACKAGE, '../../examples/cluster/crds'),
        join(SIM_PACKAGE, 'src/__fixtures__'),
      ],
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  it(
    "returns the entity's Deployments and Pods from the simulated cluster, without errors",
    async () => {
      const { server } = await startTestBackend({
        features: [
          loadKubernetesPlugin(),
          catalogServiceMock.factory({ entities: [entity] }),
          mockServices.rootConfig.factory({
            data: {
              kubernetes: {
                serviceLocatorMethod: { type: 'multiTenant' },
                clusterLocatorMethods: [
                  {
                    type: 'config',
                    clusters: [
                      {
                        name: 'sim',
                        url: sim.url,
                        authProvider: 'serviceAccount',
                        serviceAccountToken: TOKEN,
                        skipTLSVerify: true,
                        skipMetricsLookup: true,
                      },
                    ],
                  },
                ],
              },
            },
          }),
        ],
      });

      const response = await request(server)
        .post('/api/kubernetes/services/checkout')
        .send({ entity });

      expect(response.status).toBe(200);
      const body = response.body as ObjectsResponse;
      expect(body.items).toHaveLength(1);
      const [cluster] = body.items;
      expect(cluster.cluster.name).toBe('sim');
      expect(cluster.errors).toEqual([]);
      const namesOf = (type: string) =>
        cluster.resources
          .find(r => r.type === type)
          ?.resources.map(r => r.metadata.name);
      expect(namesOf('deployments')).toEqual(['checkout']);
      expect(namesOf('pods')).toEqual(['checkout-6b7f9c5d4-x2x7k']);
      expect(namesOf('services')).toEqual(['checkout']);
      for (const group of cluster.resources) {
        for (const object of group.resources) {
          expect(object.metadata.labels?.['backstage.io/kubernetes-id']).toBe(
            'checkout',
          );
        }
      }
    },
    STARTUP_TIMEOUT,
  );
});
