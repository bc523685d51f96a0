import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { kmopEntityReadPermission } from '@kmop/plugin-kmop-common';
import request from 'supertest';
import { parse } from 'yaml';
import { denyOne } from './__testUtils__/denyOne';
import {
  DEMO_SEEDS,
  OUTSIDER,
  readEntityView,
  startKmopBackend,
  userAuth,
  waitFor,
} from './__testUtils__/testBackend';

// GET /v1/entities/:kind/:namespace/:name/source?item=<id> against two
// simulated clusters: `demo` with the demo objects and `eu` with checkout's.
jest.setTimeout(30_000);

const TOKEN = 'sim-token-for-source-tests';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const HTTP_ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  namespace: 'checkout',
  name: 'checkout',
};

describe('the source object of a view item', () => {
  let demo: KubeSim;
  let eu: KubeSim;
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;

  function source(entity: string, item?: string, auth = userAuth()) {
    const req = request(backend.server)
      .get(`/api/kmop/v1/entities/component/default/${entity}/source`)
      .set('Authorization', auth);
    return item === undefined ? req : req.query({ item });
  }

  const view = (entity: string) => readEntityView(backend, entity);

  beforeAll(async () => {
    demo = await startKubeSim({ seeds: DEMO_SEEDS, token: TOKEN });
    eu = await startKubeSim({ seeds: DEMO_SEEDS });
    // What kubectl and server-side apply leave on an object.
    demo.store.patch(HTTP_ROUTE, {
      metadata: {
        annotations: { [LAST_APPLIED]: '{"kind":"HTTPRoute"}' },
        managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
      },
    });
    backend = await startKmopBackend({
      clusters: [
        { name: 'demo', url: demo.url, token: TOKEN },
        { name: 'eu', url: eu.url },
      ],
    });
    await waitFor('both clusters to sync', async () => {
      const { clusters } = await view('checkout');
      return clusters.every(c => c.state === 'ready');
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await demo?.close();
    await eu?.close();
  });

  it('answers the object as YAML, without managed fields or the last-applied copy', async () => {
    const stored = demo.store.get(HTTP_ROUTE)!;
    // The simulator keeps both, so leaving them out is this endpoint's doing.
    expect(stored.metadata.managedFields).toBeDefined();
    expect(stored.metadata.annotations?.[LAST_APPLIED]).toBeDefined();

    const route = (await view('checkout')).routes.find(
      r => r.source.cluster === 'demo' && r.source.kind === 'HTTPRoute',
    )!;
    const res = await source('checkout', route.id);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['yaml']);
    const object = parse(res.body.yaml);
    expect(object).toMatchObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'checkout', namespace: 'checkout' },
      spec: { hostnames: ['shop.example.com'] },
      status: {
        parents: [
          expect.objectContaining({ controllerName: expect.any(String) }),
        ],
      },
    });
    expect(object.metadata).not.toHaveProperty('managedFields');
    expect(object.metadata.annotations ?? {}).not.toHaveProperty(LAST_APPLIED);
    expect(res.body.yaml).not.toContain('managedFields');
  });

  it('reads the object now, not from the cache', async () => {
    const slo = (await view('checkout')).slos.find(
      s => s.source.cluster === 'demo',
    )!;
    const ref = {
      apiVersion: slo.source.apiVersion,
      kind: slo.source.kind,
      namespace: slo.source.namespace,
      name: slo.source.name,
    };
    demo.store.patch(ref, { metadata: { labels: { 'read-at': 'now' } } });
    const res = await source('checkout', slo.id);
    expect(res.status).toBe(200);
    expect(parse(res.body.yaml).metadata.labels['read-at']).toBe('now');
  });

  it('serves each section’s items, several items of one object included', async () => {
    const checkout = await view('checkout');
    const items = [
      ...checkout.routes,
      ...checkout.slos,
      ...checkout.rollouts,
      ...checkout.resilience,
    ].filter(i => i.source.cluster === 'demo');
    expect(items.length).toBeGreaterThan(4);
    for (const item of items) {
      const res = await source('checkout', item.id);
      expect(res.status).toBe(200);
      expect(parse(res.body.yaml)).toMatchObject({
        kind: item.source.kind,
        metadata: { name: item.source.name, namespace: item.source.namespace },
      });
    }
  });

  it('answers 400 for a missing or empty item', async () => {
    for (const item of [undefined, '']) {
      const res = await source('checkout', item);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain('item');
    }
    const bad = await request(backend.server)
      .get('/api/kmop/v1/entities/component/default/-bad-/source')
      .query({ item: 'x' })
      .set('Authorization', userAuth());
    expect(bad.status).toBe(400);
  });

  it('answers 404 for an object that is not in the entity’s view', async () => {
    const payments = await view('payments');
    const paymentsItem = payments.routes[0];
    const notHere = await source('checkout', paymentsItem.id);
    expect(notHere.status).toBe(404);
    expect(notHere.body).not.toHaveProperty('yaml');
    // A real Secret of the demo cluster, named the way item ids are.
    demo.store.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'checkout-db',
        namespace: 'checkout',
        labels: { 'app.kubernetes.io/name': 'checkout' },
      },
      data: { password: 'c2VjcmV0' },
    });
    const secret = await source(
      'checkout',
      'demo/v1/Secret/checkout/checkout-db',
    );
    expect(secret.status).toBe(404);
    expect(secret.text).not.toContain('c2VjcmV0');
  });

  it('answers 404 for an entity the caller may not see', async () => {
    const route = (await view('checkout')).routes[0];
    const res = await source('checkout', route.id, userAuth(OUTSIDER));
    expect(res.status).toBe(404);
    expect(res.body).not.toHaveProperty('yaml');
  });

  it('answers 503 naming the cluster when that cluster cannot be reached', async () => {
    const checkout = await view('checkout');
    const euRoute = checkout.routes.find(r => r.source.cluster === 'eu')!;
    const demoRoute = checkout.routes.find(r => r.source.cluster === 'demo')!;
    await eu.faults.down('refuse');
    try {
      const res = await source('checkout', euRoute.id);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain('cluster eu');
      expect(res.body.error.message).toContain('HTTPRoute checkout/checkout');
      // The other cluster still answers.
      expect((await source('checkout', demoRoute.id)).status).toBe(200);
    } finally {
      await eu.faults.up();
    }
  });
});

describe('the source object without kmop.entity.read', () => {
  it('answers 403 and no object', async () => {
    const sim = await startKubeSim({ seeds: DEMO_SEEDS });
    const backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: sim.url }],
      extraFeatures: [
        denyOne(kmopEntityReadPermission, 'component:default/checkout').factory,
      ],
    });
    try {
      const res = await request(backend.server)
        .get('/api/kmop/v1/entities/component/default/checkout/source')
        .query({
          item: 'demo/gateway.networking.k8s.io/v1/HTTPRoute/checkout/checkout',
        })
        .set('Authorization', userAuth());
      expect(res.status).toBe(403);
      expect(res.body).not.toHaveProperty('yaml');
    } finally {
      await backend.stop();
      await sim.close();
    }
  });
});
