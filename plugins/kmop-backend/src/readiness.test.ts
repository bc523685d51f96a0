import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  KmopOrgPage,
  ReadinessCheckResult,
} from '@kmop/plugin-kmop-common';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import request from 'supertest';
import {
  DEMO_SEEDS,
  startKmopBackend,
  userAuth,
  waitFor,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

describe('readiness', () => {
  let sim: KubeSim;
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;

  beforeAll(async () => {
    sim = await startKubeSim({ seeds: DEMO_SEEDS });
    const permissions = mockServices.permissions.mock({
      // Bob may see payments in the catalog but not read its KMOP view.
      authorize: async (requests, options) =>
        requests.map(r => ({
          result:
            (options?.credentials.principal as { userEntityRef?: string })
              ?.userEntityRef === BOB &&
            'resourceRef' in r &&
            r.resourceRef === 'component:default/payments'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })) as never,
    });
    backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: sim.url }],
      // Alice may not see checkout in the catalog.
      canSee: (user, ref) =>
        !(user === ALICE && ref === 'component:default/checkout'),
      extraFeatures: [permissions.factory, actionsRegistryServiceFactory],
    });
    await waitFor('the demo cluster to be synced', async () => {
      const res = await request(backend.server)
        .get('/api/kmop/v1/readiness/entities/component/default/payments')
        .set('Authorization', userAuth());
      return (
        res.status === 200 &&
        res.body.clusters.every(
          (c: { state: string }) => c.state === 'ready',
        ) &&
        res.body.readiness.workloads > 0
      );
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.close();
  });

  async function checks(
    name: string,
  ): Promise<Map<string, ReadinessCheckResult>> {
    const res = await request(backend.server)
      .get(`/api/kmop/v1/readiness/entities/component/default/${name}`)
      .set('Authorization', userAuth());
    expect(res.status).toBe(200);
    return new Map(
      (res.body.readiness.checks as ReadinessCheckResult[]).map(c => [c.id, c]),
    );
  }

  async function org(query: string, user?: string): Promise<KmopOrgPage> {
    const res = await request(backend.server)
      .get(`/api/kmop/v1/readiness/services${query}`)
      .set('Authorization', userAuth(user));
    expect(res.status).toBe(200);
    return res.body;
  }

  it('scores the demo services differently, and says why', async () => {
    const checkout = await checks('checkout');
    expect(checkout.get('resilience.disruptionBudget')!.status).toBe('fail');
    expect(checkout.get('resilience.disruptionBudget')!.remedy?.template).toBe(
      'resilience',
    );
    expect(checkout.get('delivery.progressive')!.status).toBe('pass');
    expect(checkout.get('discovery.service')!.status).toBe('pass');

    const payments = await checks('payments');
    expect(payments.get('resilience.disruptionBudget')!.status).toBe('pass');
    expect(
      payments.get('resilience.disruptionBudget')!.evidence,
    ).toContainEqual(
      expect.objectContaining({ cluster: 'demo', kind: 'PodDisruptionBudget' }),
    );

    const search = await checks('search');
    expect(search.get('discovery.service')).toMatchObject({
      status: 'fail',
      evidence: [
        {
          note: expect.stringMatching(
            /Looked for a Deployment.*of service search/,
          ),
        },
      ],
    });
    expect(search.get('monitoring.slo')!.status).toBe('fail');
  });

  it('lists, filters, sorts and pages the organisation on the server', async () => {
    const all = await org('');
    expect(all.items.map(s => s.entityRef)).toEqual([
      'component:default/catalog-api',
      'component:default/checkout',
      'component:default/payments',
      'component:default/search',
    ]);
    expect(all.facets.owners).toEqual([
      'group:default/catalog-team',
      'group:default/payments-team',
    ]);
    expect(all.facets.clusters).toEqual(['demo']);

    const noPdb = await org('?failingCheck=resilience.disruptionBudget');
    expect(noPdb.items.map(s => s.title)).toContain('checkout');
    expect(noPdb.items.map(s => s.title)).not.toContain('payments');

    const byReadiness = await org('?sort=readiness&order=desc&limit=2');
    expect(byReadiness.totalItems).toBe(4);
    expect(byReadiness.items).toHaveLength(2);
    const scores = byReadiness.items.map(s => s.readiness.score!);
    expect(scores[0]).toBeGreaterThanOrEqual(scores[1]);
    expect(byReadiness.items.map(s => s.title)).not.toContain('search');

    const team = await org('?owner=group:default/catalog-team');
    expect(team.items.map(s => s.title)).toEqual(['catalog-api', 'search']);
  });

  it('rejects an unknown sort or page size with a 400 naming the parameter', async () => {
    const res = await request(backend.server)
      .get('/api/kmop/v1/readiness/services?sort=colour')
      .set('Authorization', userAuth());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid query parameter sort/);
    const big = await request(backend.server)
      .get('/api/kmop/v1/readiness/services?limit=100000')
      .set('Authorization', userAuth());
    expect(big.status).toBe(400);
  });

  it('leaves out of a caller’s rollups what they may not see or read', async () => {
    const alice = await org('?system=system:default/storefront', ALICE);
    expect(alice.items.map(s => s.title)).toEqual([
      'catalog-api',
      'payments',
      'search',
    ]);
    expect(alice.rolloutsInProgress.map(r => r.entityRef)).not.toContain(
      'component:default/checkout',
    );
    expect(alice.slosBurning.map(r => r.entityRef)).not.toContain(
      'component:default/checkout',
    );
    const bob = await org('', BOB);
    expect(bob.items.map(s => s.title)).toEqual([
      'catalog-api',
      'checkout',
      'search',
    ]);
    expect(bob.totalItems).toBe(3);

    const hidden = await request(backend.server)
      .get('/api/kmop/v1/readiness/entities/component/default/checkout')
      .set('Authorization', userAuth(ALICE));
    expect(hidden.status).toBe(404);
    const denied = await request(backend.server)
      .get('/api/kmop/v1/readiness/entities/component/default/payments')
      .set('Authorization', userAuth(BOB));
    expect(denied.status).toBe(403);
  });

  it('answers the organisation view without calling a cluster', async () => {
    await org('');
    const before = sim.requestCount;
    await org('?sort=budget');
    await org('?failingCheck=monitoring.slo');
    expect(sim.requestCount).toBe(before);
  });

  it('gives the same checks through the get-readiness action, as the caller', async () => {
    const invoke = (user?: string) =>
      request(backend.server)
        .post(
          '/api/kmop/.backstage/actions/v1/actions/kmop:get-readiness/invoke',
        )
        .set('Authorization', userAuth(user))
        .send({ entityRef: 'checkout' });
    const res = await invoke();
    expect(res.status).toBe(200);
    expect(res.body.output.entityRef).toBe('component:default/checkout');
    const pdb = res.body.output.checks.find(
      (c: ReadinessCheckResult) => c.id === 'resilience.disruptionBudget',
    );
    expect(pdb.status).toBe('fail');
    expect((await invoke(ALICE)).status).toBe(404);
  });
});
