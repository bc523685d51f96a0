import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { KmopReadiness, ReadinessCheckResult } from '@kmop/plugin-kmop-common';
import { join } from 'node:path';
import request from 'supertest';
import { RunningOperator } from './__testUtils__/operator';
import {
  DEMO_SEEDS,
  REPO_ROOT,
  startKmopBackend,
  userAuth,
  waitFor,
} from './__testUtils__/testBackend';

// payments' readiness as `yarn start` shows it: both demo clusters, each with the KMOP
// operator rendering its kmop.dev objects over the seeds. The seeds once held natives the
// operator replaced (and a Deployment without the ConfigMap its Microservice references),
// so the demo scored checks of objects that no longer ran.
jest.setTimeout(240_000);

const TOKEN = 'sim-secret-token-operator-readiness';

const EU_SEEDS = [
  join(REPO_ROOT, 'examples/cluster/crds'),
  join(REPO_ROOT, 'plugins/kmop-common/crds'),
  join(REPO_ROOT, 'examples/cluster-eu'),
];

describe('payments readiness with the KMOP operator reconciling the demo', () => {
  let sims: KubeSim[] = [];
  let operators: RunningOperator[] = [];
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;

  beforeAll(async () => {
    sims = [
      await startKubeSim({ seeds: DEMO_SEEDS, token: TOKEN, demo: true }),
      await startKubeSim({ seeds: EU_SEEDS, token: TOKEN, demo: true }),
    ];
    operators = sims.map(sim => new RunningOperator(sim, TOKEN));
    backend = await startKmopBackend({
      clusters: [
        { name: 'demo', url: sims[0].url, token: TOKEN },
        { name: 'demo-eu', url: sims[1].url, token: TOKEN },
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    for (const operator of operators) await operator.stop();
    for (const sim of sims) await sim.close();
  });

  async function readiness(): Promise<KmopReadiness> {
    const res = await request(backend.server)
      .get('/api/kmop/v1/readiness/entities/component/default/payments')
      .set('Authorization', userAuth());
    expect(res.status).toBe(200);
    return res.body.readiness;
  }

  it('scores what the operator runs, and fails only on what payments lacks', async () => {
    let last: KmopReadiness | undefined;
    const byId = (r: KmopReadiness) =>
      new Map<string, ReadinessCheckResult>(r.checks.map(c => [c.id, c]));
    try {
      // Rendered: the operator's Deployment takes payments-config with envFrom (the
      // seeds' hand-written one referenced no ConfigMap), and its RolloutPolicy's Rollout
      // and the GatewayRoutes' HTTPRoutes are there.
      await waitFor(
        "payments' readiness to read the operator's objects",
        async () => {
          last = await readiness();
          const checks = byId(last);
          const rollout = await fetch(
            `${sims[0].url}/apis/argoproj.io/v1alpha1/namespaces/payments/rollouts/payments`,
            { headers: { authorization: `Bearer ${TOKEN}` } },
          );
          // Both GatewayRoutes attach to HTTPS listeners (examples/cluster*/gateways.yaml):
          // once the operator's status.url of each is read, TLS is seen on both.
          const tlsSeen = checks
            .get('security.routeAuth')
            ?.evidence.every(e => !e.note?.includes('no TLS seen'));
          return (
            checks.get('configuration.configMaps')?.status === 'pass' &&
            checks.get('gateway.route')?.status === 'pass' &&
            tlsSeen === true &&
            rollout.status === 200
          );
        },
        150_000,
      );
    } catch (e) {
      throw new Error(
        `${(e as Error).message}; readiness: ${JSON.stringify(
          last?.checks.map(c => [c.id, c.status, c.summary]),
        )}; operator: ${operators.map(o => o.log.join('').slice(-1500))}`,
      );
    }
    const r = last!;
    // The operator's Rollout (workloadRef) runs the Deployment's pods: one workload.
    expect(r.workloads).toBe(1);
    const statuses = Object.fromEntries(r.checks.map(c => [c.id, c.status]));
    expect(statuses).toEqual({
      'discovery.service': 'pass',
      'gateway.route': 'pass',
      'loadBalancing.policy': 'pass',
      'configuration.secrets': 'pass',
      'configuration.configMaps': 'pass',
      'communication.mesh': 'warn',
      'monitoring.scrape': 'pass',
      'monitoring.slo': 'pass',
      'containerization.image': 'pass',
      // The Microservice sets no resources, and its CRD has no probes to render.
      'containerization.resources': 'fail',
      'containerization.nonRoot': 'warn',
      'delivery.progressive': 'pass',
      'security.networkPolicy': 'warn',
      // demo-eu's payments-eu route is served over TLS but asks for no authentication.
      'security.routeAuth': 'warn',
      'data.volumes': 'notApplicable',
      'resilience.probes': 'fail',
      'resilience.disruptionBudget': 'pass',
      'resilience.autoscaling': 'pass',
      'resilience.traffic': 'pass',
      'orchestration.replicas': 'pass',
      'orchestration.spread': 'warn',
    });
    // 13 pass, 5 warn (half each), 2 fail; not applicable does not count: 15.5 / 20.
    expect(r.score).toBeCloseTo(15.5 / 20, 6);
    const checks = byId(r);
    expect(checks.get('configuration.configMaps')!.evidence).toEqual([
      {
        cluster: 'demo',
        kind: 'ConfigMap',
        namespace: 'payments',
        name: 'payments-config',
        note: 'Referenced by Deployment payments; exists.',
      },
    ]);
    expect(checks.get('discovery.service')!.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'Service',
        name: 'payments',
        note: 'Selects the pods of Deployment payments.',
      }),
    );
    expect(
      checks.get('containerization.resources')!.evidence.map(e => e.note),
    ).toEqual(['No resource requests: payments.']);
    expect(checks.get('resilience.probes')!.evidence.map(e => e.note)).toEqual([
      'No readiness probe: payments.',
    ]);
  });
});
