import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import type { KmopReadiness } from '@kmop/plugin-kmop-common';
// The module is tested against the real KMOP backend it reads readiness from.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import kmopPlugin from '@kmop/plugin-kmop-backend';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { techInsightsModuleKmop } from './module';
import { KMOP_READINESS_FACT_RETRIEVER_ID } from './KmopReadinessFactRetriever';

jest.setTimeout(60_000);

const REPO_ROOT = join(__dirname, '../../..');
const ID = KMOP_READINESS_FACT_RETRIEVER_ID;

/** The demo Components (`yarn start`'s catalog), and one KMOP knows nothing of. */
function entities(): Entity[] {
  const demo = parseAllDocuments(
    readFileSync(join(REPO_ROOT, 'examples/entities/components.yaml'), 'utf8'),
  ).map(d => d.toJSON() as Entity);
  return [
    ...demo,
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'not-on-kubernetes' },
      spec: { type: 'website', lifecycle: 'production', owner: 'team-a' },
    },
  ];
}

async function waitFor(what: string, check: () => Promise<boolean>) {
  // Bounds the wait for the first sync of the simulated cluster; it measures nothing.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('techInsightsModuleKmop', () => {
  let sim: KubeSim;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & {
    factory(options: { skipTaskRunOnStartup: boolean }): never;
    triggerTask(id: string): Promise<void>;
  };

  beforeAll(async () => {
    sim = await startKubeSim({
      seeds: [
        join(REPO_ROOT, 'examples/cluster/crds'),
        join(REPO_ROOT, 'plugins/kmop-common/crds'),
        join(REPO_ROOT, 'examples/cluster'),
      ],
    });
    backend = await startTestBackend({
      features: [
        kmopPlugin,
        techInsightsPlugin,
        techInsightsModuleKmop,
        catalogServiceMock.factory({ entities: entities() }),
        // The retriever runs when the test triggers it, after the cluster is synced.
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
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
            techInsights: {
              factRetrievers: {
                [ID]: { cadence: '0 * * * *' },
              },
            },
          },
        }),
      ],
    });
    await waitFor('the demo cluster to be synced', async () => {
      const res = await request(backend.server)
        .get('/api/kmop/v1/readiness/entities/component/default/payments')
        .set('Authorization', mockCredentials.user.header());
      return (
        res.status === 200 &&
        res.body.clusters.every((c: { state: string }) => c.state === 'ready')
      );
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.close();
  });

  async function readinessOf(name: string): Promise<KmopReadiness> {
    const res = await request(backend.server)
      .get(`/api/kmop/v1/readiness/entities/component/default/${name}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body.readiness;
  }

  async function factsOf(
    name: string,
  ): Promise<Record<string, unknown> | undefined> {
    const res = await request(backend.server)
      .get('/api/tech-insights/facts/latest')
      .query({ entity: `component:default/${name}`, 'ids[]': ID })
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body[ID]?.facts;
  }

  it('stores the readiness of every KMOP service as facts, and their schema', async () => {
    await scheduler.triggerTask(ID);

    for (const name of ['payments', 'checkout', 'catalog-api', 'search']) {
      const readiness = await readinessOf(name);
      const facts = await factsOf(name);
      expect(facts).toBeDefined();
      for (const check of readiness.checks) {
        expect(facts![check.id.replace('.', '_')]).toBe(check.status);
      }
      expect(facts).toMatchObject({
        passed: readiness.counts.pass,
        warnings: readiness.counts.warn,
        failures: readiness.counts.fail,
        notApplicable: readiness.counts.notApplicable,
        workloads: readiness.workloads,
        failingChecks: readiness.checks
          .filter(c => c.status === 'fail')
          .map(c => c.id),
      });
    }

    // The demo's services score differently, and the facts say so.
    const search = await factsOf('search');
    expect(search).toMatchObject({
      workloads: 0,
      discovery_service: 'fail',
      component_discovery: 'fail',
    });
    const checkout = await factsOf('checkout');
    expect(checkout!.resilience_disruptionBudget).toBe('fail');
    expect(checkout!.component_resilience).toBe('fail');
    const payments = await factsOf('payments');
    expect(payments!.workloads).toBeGreaterThan(0);
    expect(payments!.score).toBe((await readinessOf('payments')).score);

    // A Component KMOP knows nothing of gets no facts at all, not failing ones.
    expect(await factsOf('not-on-kubernetes')).toBeUndefined();

    const schemas = await request(backend.server)
      .get('/api/tech-insights/fact-schemas')
      .query({ 'ids[]': ID })
      .set('Authorization', mockCredentials.user.header());
    expect(schemas.status).toBe(200);
    // The store answers each schema's facts beside its id, version and entity filter.
    expect(schemas.body).toEqual([
      expect.objectContaining({
        id: ID,
        entityFilter: [{ kind: 'component' }],
        monitoring_slo: expect.objectContaining({ type: 'string' }),
        component_monitoring: expect.objectContaining({ type: 'string' }),
        score: expect.objectContaining({ type: 'float' }),
        failingChecks: expect.objectContaining({ type: 'set' }),
      }),
    ]);
  });
});
