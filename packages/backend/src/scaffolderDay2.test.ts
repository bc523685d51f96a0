import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import kmopScaffolderModule from '@kmop/plugin-scaffolder-backend-module-kmop';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';

/*
 * The day-2 template (add one KMOP resource to a running service) through the real
 * scaffolder's dry-run API: it reads the Component from the catalog, writes only the
 * resource asked for, validates it and dry-runs the apply.
 */

const TEMPLATE_DIR = resolve(
  __dirname,
  '../../../examples/templates/kmop-day2',
);
const TIMEOUT = 60_000;

const search = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'search',
    namespace: 'default',
    annotations: { 'kmop.dev/service-name': 'search' },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/catalog-team',
  },
};

describe('the kmop-day2 template through the scaffolder', () => {
  const template = yaml.parse(
    readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let sim: KubeSim;

  beforeAll(async () => {
    sim = await startKubeSim({
      seeds: [
        resolve(__dirname, '../../../plugins/kmop-common/crds'),
        resolve(__dirname, '../../../examples/cluster/namespaces.yaml'),
      ],
    });
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        kmopScaffolderModule,
        catalogServiceMock.factory({ entities: [search] }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    { name: 'demo', url: sim.url, authProvider: 'none' },
                  ],
                },
              ],
            },
          },
        }),
      ],
    }));
  }, TIMEOUT);

  afterAll(async () => {
    await sim?.close();
  });

  it(
    'writes and dry-runs only the SLO of a service that runs, and leaves the cluster as it was',
    async () => {
      const response = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .send({
          template,
          values: {
            entityRef: 'component:default/search',
            resource: 'slo',
            namespace: 'catalog',
            cluster: 'demo',
            sloObjective: 99.5,
            sloWindow: '30d',
            resiliencePreset: 'standard',
          },
          secrets: {},
          directoryContents: [],
        });
      expect(response.status).toBe(200);
      const completed = (
        response.body.log as { body: { stepId?: string; status?: string } }[]
      )
        .filter(l => l.body.status === 'completed' && l.body.stepId)
        .map(l => l.body.stepId);
      expect(completed).toEqual(['entity', 'generate', 'validate', 'apply']);
      const written = (
        response.body.directoryContents as {
          path: string;
          base64Content: string;
        }[]
      ).map(
        f =>
          [
            f.path,
            Buffer.from(f.base64Content, 'base64').toString('utf8'),
          ] as const,
      );
      expect(written.map(([path]) => path)).toEqual([
        'kmop/servicelevelobjective-search-availability.yaml',
      ]);
      const slo = yaml.parse(written[0][1]);
      expect(slo).toMatchObject({
        kind: 'ServiceLevelObjective',
        metadata: {
          namespace: 'catalog',
          labels: { 'app.kubernetes.io/name': 'search' },
        },
        spec: { serviceRef: 'search', objective: 99.5 },
      });
      expect(
        sim.store.list('kmop.dev/v1alpha1', 'ServiceLevelObjective'),
      ).toEqual([]);
    },
    TIMEOUT,
  );
});
