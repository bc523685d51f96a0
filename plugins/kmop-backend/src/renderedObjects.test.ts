import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import request from 'supertest';
import { parse } from 'yaml';
import {
  DEMO_SEEDS,
  readEntityView,
  startKmopBackend,
  userAuth,
  waitFor,
} from './__testUtils__/testBackend';

// A KMOP resource and what an operator rendered from it are one item of the view.
jest.setTimeout(30_000);

const GATEWAY_ROUTE = {
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'GatewayRoute',
  namespace: 'payments',
  name: 'payments-public',
};

describe('objects rendered from a KMOP resource', () => {
  let sim: KubeSim;
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;

  const view = () => readEntityView(backend, 'payments');

  beforeAll(async () => {
    sim = await startKubeSim({ seeds: DEMO_SEEDS });
    backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: sim.url }],
    });
    await waitFor('the cluster to sync', async () =>
      (await view()).clusters.every(c => c.state === 'ready'),
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.close();
  });

  it('lists the rendered HTTPRoute under its GatewayRoute, counted once, with its own source', async () => {
    const before = await view();
    const owner = sim.store.get(GATEWAY_ROUTE)!;
    // What the operator writes: the compiled HTTPRoute with a controller reference.
    sim.store.create({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: {
        name: 'payments-public',
        namespace: 'payments',
        labels: {
          'app.kubernetes.io/name': 'payments',
          'app.kubernetes.io/managed-by': 'kmop-operator',
          'backstage.io/kubernetes-id': 'payments',
        },
        ownerReferences: [
          {
            apiVersion: 'kmop.dev/v1alpha1',
            kind: 'GatewayRoute',
            name: 'payments-public',
            uid: owner.metadata.uid as string,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        parentRefs: [{ name: 'public', namespace: 'gateways' }],
        hostnames: ['pay.example.com'],
        rules: [{ backendRefs: [{ name: 'payments', port: 8080 }] }],
      },
    });
    let after = before;
    await waitFor('the rendered route to reach the view', async () => {
      after = await view();
      return after.routes.some(r => r.rendered?.length);
    });

    // Summary counts come from the section lists: the same number of routes as before.
    expect(after.routes).toHaveLength(before.routes.length);
    expect(
      after.routes.filter(
        r =>
          r.source.kind === 'HTTPRoute' && r.source.name === 'payments-public',
      ),
    ).toEqual([]);
    const gatewayRoute = after.routes.find(
      r => r.source.kind === 'GatewayRoute',
    )!;
    expect(gatewayRoute.rendered).toEqual([
      expect.objectContaining({
        section: 'routes',
        source: {
          cluster: 'demo',
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          namespace: 'payments',
          name: 'payments-public',
        },
        controller: expect.objectContaining({ kind: 'GatewayRoute' }),
        health: expect.any(String),
      }),
    ]);
    // A native object written by hand is still an item of its own.
    expect(
      after.routes.filter(r => r.source.kind !== 'GatewayRoute').map(r => r.id),
    ).toEqual(
      before.routes
        .filter(r => r.source.kind !== 'GatewayRoute')
        .map(r => r.id),
    );

    const res = await request(backend.server)
      .get('/api/kmop/v1/entities/component/default/payments/source')
      .query({ item: gatewayRoute.rendered![0].id })
      .set('Authorization', userAuth());
    expect(res.status).toBe(200);
    expect(parse(res.body.yaml)).toMatchObject({
      kind: 'HTTPRoute',
      metadata: { name: 'payments-public' },
    });

    // Deleting the GatewayRoute takes the rendered route with it (garbage collection).
    sim.store.delete(GATEWAY_ROUTE);
    await sim.garbageCollected();
    await waitFor('the owner and its route to leave the view', async () => {
      const v = await view();
      return !v.routes.some(r => r.source.name === 'payments-public');
    });
  });
});
