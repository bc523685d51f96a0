import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { KmopEntityView } from '@kmop/plugin-kmop-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  DEMO_SEEDS,
  LogRecorder,
  OUTSIDER,
  setCheckoutCanaryWeight,
  startKmopBackend,
  userAuth,
  waitFor,
} from './__testUtils__/testBackend';

const TOKEN = 'sim-secret-token-1234';

describe('kmop backend against the simulator seeded with examples/cluster', () => {
  let sim: KubeSim;
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;
  const logs = new LogRecorder();
  const responses: string[] = [];

  async function view(name: string): Promise<KmopEntityView> {
    const res = await request(backend.server)
      .get(`/api/kmop/v1/entities/component/default/${name}`)
      .set('Authorization', userAuth());
    expect(res.status).toBe(200);
    responses.push(res.text);
    return res.body;
  }

  beforeAll(async () => {
    sim = await startKubeSim({ seeds: DEMO_SEEDS, token: TOKEN });
    backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: sim.url, token: TOKEN }],
      logs,
    });
    await waitFor('the cache to sync', async () => {
      const res = await request(backend.server)
        .get('/api/kmop/v1/clusters')
        .set('Authorization', userAuth());
      return res.body.items?.[0]?.state === 'ready';
    });
  }, 30_000);

  afterAll(async () => {
    await backend?.stop();
    await sim?.close();
  });

  it('serves payments from its KMOP resources and the native objects behind them', async () => {
    const payments = await view('payments');
    expect(payments.target).toMatchObject({
      serviceName: 'payments',
      namespace: 'payments',
    });
    expect(payments.clusters).toEqual([
      expect.objectContaining({ name: 'demo', state: 'ready' }),
    ]);
    const route = payments.routes.find(r => r.source.kind === 'GatewayRoute')!;
    expect(route).toMatchObject({
      source: {
        cluster: 'demo',
        apiVersion: 'kmop.dev/v1alpha1',
        namespace: 'payments',
        name: 'payments-public',
      },
      hostnames: ['pay.example.com'],
    });
    // examples/cluster carries no status for kmop.dev objects and no operator runs here
    // (operatorStatus.test.ts runs one): each KMOP item says so rather than guessing.
    const kmopItems = [
      ...payments.routes,
      ...payments.slos,
      ...payments.rollouts,
      ...payments.resilience,
    ].filter(i => i.source.apiVersion === 'kmop.dev/v1alpha1');
    expect(kmopItems.map(i => [i.source.kind, i.health])).toEqual(
      expect.arrayContaining([
        ['GatewayRoute', 'unknown'],
        ['ServiceLevelObjective', 'unknown'],
        ['RolloutPolicy', 'unknown'],
        ['ResiliencePolicy', 'unknown'],
      ]),
    );
    expect(new Set(kmopItems.map(i => i.healthReason))).toEqual(
      new Set(['No status yet: no KMOP operator has reported on this object']),
    );
    expect(route.url).toBeUndefined();
    // The Gateway it names, with no acceptance reported.
    expect(route.parents[0]).toMatchObject({
      name: 'public',
      namespace: 'gateways',
    });
    expect(route.parents[0].accepted).not.toBe(true);
    const slos = payments.slos.map(s => [
      s.name,
      s.window,
      s.errorBudgetRemaining,
    ]);
    expect(slos).toEqual(
      expect.arrayContaining([
        ['payments-availability', '30d', undefined],
        ['payments-latency', '30d', undefined],
      ]),
    );
    expect(
      payments.slos.find(s => s.name === 'payments-availability')!.objective,
    ).toBeCloseTo(0.999, 12);
    const policy = payments.rollouts.find(
      r => r.source.kind === 'RolloutPolicy',
    )!;
    expect(policy.strategy).toBe('canary');
    expect(policy.steps.map(s => s.type)).toEqual([
      'setWeight',
      'pause',
      'analysis',
      'setWeight',
      'pause',
      'setWeight',
    ]);
    expect(payments.rollouts.map(r => r.source.kind).sort()).toEqual([
      'Deployment',
      'RolloutPolicy',
    ]);
    expect(payments.resilience.map(r => r.source.kind).sort()).toEqual([
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'ResiliencePolicy',
    ]);
    const resilience = payments.resilience.find(
      r => r.source.kind === 'ResiliencePolicy',
    )!;
    expect(resilience.settings.map(s => s.type)).toEqual(
      expect.arrayContaining([
        'timeout',
        'retry',
        'circuitBreaker',
        'rateLimit',
        'disruptionBudget',
      ]),
    );
  });

  it('serves checkout from Gateway API, Argo Rollouts, Istio and Sloth objects', async () => {
    const checkout = await view('checkout');
    const route = checkout.routes.find(r => r.source.kind === 'HTTPRoute')!;
    expect(route.health).toBe('ok');
    expect(
      route.rules[0].backends.map(b => [b.name, b.weight, b.share]),
    ).toEqual([
      ['checkout-stable', 80, 0.8],
      ['checkout-canary', 20, 0.2],
    ]);
    const rollout = checkout.rollouts.find(r => r.source.kind === 'Rollout')!;
    expect(rollout).toMatchObject({
      strategy: 'canary',
      phase: 'Paused',
      health: 'progressing',
      currentStepIndex: 1,
      canaryWeight: 20,
      stableRevision: '5c7b9d8f2',
      canaryRevision: '6f8d7c9b4',
      paused: true,
    });
    expect(rollout.steps.map(s => s.state)).toEqual([
      'done',
      'current',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(
      checkout.slos.map(s => [s.source.kind, s.name, s.objective]),
    ).toEqual(
      expect.arrayContaining([
        ['PrometheusServiceLevel', 'requests-availability', 0.995],
        ['PrometheusServiceLevel', 'payment-step-latency', 0.99],
      ]),
    );
    expect(checkout.resilience.map(r => r.source.kind)).toEqual(
      expect.arrayContaining([
        'DestinationRule',
        'VirtualService',
        'HTTPRoute',
      ]),
    );
  });

  it('finds catalog-api through the kubernetes-id annotation alone', async () => {
    const api = await view('catalog-api');
    expect(api.target).toEqual({
      labelSelector: 'backstage.io/kubernetes-id=catalog-api',
    });
    expect(api.routes.map(r => [r.source.kind, r.health]).sort()).toEqual([
      ['GRPCRoute', 'degraded'],
      ['Ingress', 'ok'],
    ]);
    const canary = api.rollouts.find(r => r.source.kind === 'Canary')!;
    expect(canary).toMatchObject({
      health: 'progressing',
      canaryWeight: 30,
      failedChecks: 2,
      failureThreshold: 5,
    });
    const pyrra = api.slos.find(
      s => s.source.apiVersion === 'pyrra.dev/v1alpha1',
    )!;
    expect(pyrra).toMatchObject({ objective: 0.995, window: '28d' });
    expect(api.resilience.map(r => r.source.kind).sort()).toEqual([
      'BackendTrafficPolicy',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
    ]);
  });

  it('answers an annotated entity with nothing deployed with empty sections', async () => {
    const search = await view('search');
    expect([
      search.routes,
      search.slos,
      search.rollouts,
      search.resilience,
    ]).toEqual([[], [], [], []]);
    expect(search.clusters[0].state).toBe('ready');
  });

  it('shows a change in the simulator through the watch, without asking the cluster on lookup', async () => {
    setCheckoutCanaryWeight(sim, 50);
    // How fast the watch delivers is measured by `yarn bench`, not bounded here: a wall-clock
    // bound flakes on a busy machine. The claim is that the change arrives by the watch, with
    // no further request to the API server.
    await waitFor('the new weights in the view', async () => {
      const route = (await view('checkout')).routes.find(
        r => r.source.kind === 'HTTPRoute',
      );
      return route?.rules[0].backends[0].weight === 50;
    });

    const before = sim.requestCount;
    for (let i = 0; i < 20; i++) await view('checkout');
    expect(sim.requestCount).toBe(before);
  });

  it('answers 404 for an unknown entity and for one the caller may not see', async () => {
    const unknown = await request(backend.server)
      .get('/api/kmop/v1/entities/component/default/nope')
      .set('Authorization', userAuth());
    expect(unknown.status).toBe(404);
    const hidden = await request(backend.server)
      .get('/api/kmop/v1/entities/component/default/payments')
      .set('Authorization', userAuth(OUTSIDER));
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain('pay.example.com');
    expect(hidden.body.error.name).toBe('NotFoundError');
  });

  it('answers 400 with InputError for bad parameters', async () => {
    const res = await request(backend.server)
      .get('/api/kmop/v1/entities/component/default/bad%20name!')
      .set('Authorization', userAuth());
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError' });
    expect(res.body.error.message).toContain('name');
  });

  it('requires a caller, except for /health', async () => {
    const anonymous = mockCredentials.none.header();
    for (const path of [
      '/api/kmop/v1/clusters',
      '/api/kmop/v1/entities/component/default/checkout',
    ]) {
      const res = await request(backend.server)
        .get(path)
        .set('Authorization', anonymous);
      expect(res.status).toBe(401);
    }
    const health = await request(backend.server)
      .get('/api/kmop/health')
      .set('Authorization', anonymous);
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
  });

  it('never puts the cluster token in a response or a log line', () => {
    expect(responses.length).toBeGreaterThan(0);
    for (const text of [...responses, ...logs.lines]) {
      expect(text).not.toContain(TOKEN);
    }
  });
});
