import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { kmopEntityViewChannel } from '@kmop/plugin-kmop-common';
import request from 'supertest';
import {
  DEMO_SEEDS,
  setCheckoutCanaryWeight,
  startKmopBackend,
  userAuth,
  waitFor,
} from './__testUtils__/testBackend';

// The live page's backend half: one signal per changed entity, ETag/304 on the
// view, and authorization before either.
jest.setTimeout(30_000);

const PATH = '/api/kmop/v1/entities/component/default';
const ref = (name: string) => `component:default/${name}`;

describe('live entity views', () => {
  let sim: KubeSim;
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;
  const published: SignalPayload[] = [];
  let decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY =
    AuthorizeResult.ALLOW;

  const signalsOf = (name: string) =>
    published.filter(s => s.channel === kmopEntityViewChannel(ref(name)));

  beforeAll(async () => {
    sim = await startKubeSim({ seeds: DEMO_SEEDS });
    const permissions = mockServices.permissions.mock({
      authorize: async requests => requests.map(() => ({ result: decision })),
    });
    backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: sim.url }],
      // Every request asks the permission framework, so a revocation shows at once.
      kmop: { authorization: { cacheTtl: '0ms' } },
      extraFeatures: [
        permissions.factory,
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async signal => {
              published.push(signal as SignalPayload);
            },
          }),
        }),
      ],
    });
    await waitFor('the cluster cache', async () => {
      const res = await request(backend.server)
        .get('/api/kmop/v1/clusters')
        .set('Authorization', userAuth());
      return res.body.items?.[0]?.state === 'ready';
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.close();
  });

  afterEach(() => {
    decision = AuthorizeResult.ALLOW;
  });

  const get = (name: string, etag?: string) => {
    const req = request(backend.server)
      .get(`${PATH}/${name}`)
      .set('Authorization', userAuth());
    return etag ? req.set('If-None-Match', etag) : req;
  };

  it('signals exactly the entities whose objects changed, once per change, with no data', async () => {
    // Pages are open on three entities.
    for (const name of ['checkout', 'payments', 'search']) {
      expect((await get(name)).status).toBe(200);
    }
    published.length = 0;

    setCheckoutCanaryWeight(sim, 40);
    // A later change to another entity: once its signal is out, the
    // checkout change's window has long closed.
    sim.store.patch(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'payments',
        name: 'payments',
      },
      { metadata: { annotations: { 'kmop.dev/test': 'changed' } } },
    );
    await waitFor(
      'the payments signal',
      async () => signalsOf('payments').length > 0,
    );

    expect(signalsOf('checkout')).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'kmop:entity-view:component:default/checkout',
        message: { entityRef: 'component:default/checkout' },
      },
    ]);
    expect(signalsOf('payments')).toHaveLength(1);
    expect(signalsOf('search')).toEqual([]);
  });

  it('answers If-None-Match with 304 until the view changes, then 200 with a new ETag', async () => {
    const first = await get('checkout');
    const etag = first.headers.etag;
    // Weak: supertest accepts gzip, as browsers do, and gets that representation.
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.body.entityRef).toBe('component:default/checkout');

    const same = await get('checkout', etag);
    expect(same.status).toBe(304);
    expect(same.text).toBe('');

    setCheckoutCanaryWeight(sim, 70);
    let changed: request.Response | undefined;
    await waitFor('the changed view', async () => {
      changed = await get('checkout', etag);
      return changed.status === 200;
    });
    expect(changed!.headers.etag).not.toBe(etag);
    const canary = changed!.body.routes
      .find((r: { source: { kind: string } }) => r.source.kind === 'HTTPRoute')
      .rules[0].backends.find(
        (b: { name: string }) => b.name === 'checkout-canary',
      );
    expect(canary.weight).toBe(70);
  });

  it('gives a caller who lost access the refusal, never a 304', async () => {
    const { headers } = await get('payments');
    expect((await get('payments', headers.etag)).status).toBe(304);
    decision = AuthorizeResult.DENY;
    const refused = await get('payments', headers.etag);
    expect(refused.status).toBe(403);
    expect(refused.headers.etag).not.toBe(headers.etag);
  });
});

describe('a view before the first list', () => {
  it('says "syncing" for the cluster, never an empty "ready"', async () => {
    const sim = await startKubeSim({ seeds: DEMO_SEEDS });
    // Every request waits: discovery and the first lists take seconds, not ms.
    sim.faults.setLatency(800);
    const backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: sim.url }],
      kmop: { cache: { requestTimeout: '5s' } },
    });
    try {
      const early = await request(backend.server)
        .get(`${PATH}/payments`)
        .set('Authorization', userAuth());
      expect(early.status).toBe(200);
      expect(early.body.clusters).toEqual([
        expect.objectContaining({ name: 'demo', state: 'syncing' }),
      ]);
      expect(early.body.routes).toEqual([]);

      sim.faults.clearLatency();
      await waitFor('the first lists', async () => {
        const res = await request(backend.server)
          .get(`${PATH}/payments`)
          .set('Authorization', userAuth());
        return res.body.clusters[0].state === 'ready';
      });
      const ready = await request(backend.server)
        .get(`${PATH}/payments`)
        .set('Authorization', userAuth());
      expect(ready.body.routes.length).toBeGreaterThan(0);
    } finally {
      await backend.stop();
      await sim.close();
    }
  });
});
