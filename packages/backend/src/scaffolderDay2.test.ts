import {
  dryRunFiles,
  startScaffolderBackend,
} from './__testUtils__/scaffolderBackend';
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
  let server: Awaited<ReturnType<typeof startScaffolderBackend>>;
  let sim: KubeSim;

  beforeAll(async () => {
    sim = await startKubeSim({
      seeds: [
        resolve(__dirname, '../../../plugins/kmop-common/crds'),
        resolve(__dirname, '../../../examples/cluster/namespaces.yaml'),
      ],
    });
    server = await startScaffolderBackend({
      clusterUrl: sim.url,
      entities: [search],
    });
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
      const written = [...dryRunFiles(response.body)];
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
