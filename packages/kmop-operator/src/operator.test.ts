import { KMOP_EXAMPLE_MANIFESTS } from '@kmop/plugin-kmop-common/testUtils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  ECOSYSTEM_CRDS,
  Obj,
  OperatorHarness,
  condition,
  waitUntil,
} from './__testUtils__/harness';

// Generous: the operator is a real process, and CI machines are shared.
jest.setTimeout(180_000);

const NS = 'payments';
const example = (kind: keyof typeof KMOP_EXAMPLE_MANIFESTS): Obj =>
  parse(KMOP_EXAMPLE_MANIFESTS[kind]);

const ref = (apiVersion: string, kind: string, name: string) => ({
  apiVersion,
  kind,
  namespace: NS,
  name,
});

describe('the operator against kube-sim', () => {
  let harness: OperatorHarness;

  beforeEach(async () => {
    harness = await OperatorHarness.start();
  });

  afterEach(async () => {
    await harness.close();
  });

  const get = (apiVersion: string, kind: string, name: string) =>
    harness.sim.store.get(ref(apiVersion, kind, name)) as Obj | undefined;
  const ms = () => get('kmop.dev/v1alpha1', 'Microservice', 'payments-api');
  const deployment = () => get('apps/v1', 'Deployment', 'payments-api');

  it('renders children with owner references, keeps them as declared and reports status', async () => {
    harness.sim.store.create(example('Microservice') as never);
    harness.sim.store.create(example('GatewayRoute') as never);
    const operator = harness.startOperator(['--no-leader-elect']);

    const d = await waitUntil(deployment, 'the Deployment');
    const owner = ms()!;
    expect(d.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'kmop.dev/v1alpha1',
        kind: 'Microservice',
        name: 'payments-api',
        uid: owner.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(d.metadata.labels['app.kubernetes.io/managed-by']).toBe(
      'kmop-operator',
    );
    // Written by server-side apply under the operator's field manager, which owns the fields
    // it renders (a hand edit of one of them is the operator's to put back).
    const managers = (o: Obj) =>
      (o.metadata.managedFields ?? []).map((e: Record<string, unknown>) => ({
        manager: e.manager,
        operation: e.operation,
        subresource: e.subresource,
      }));
    expect(managers(d)).toEqual([
      { manager: 'kmop-operator', operation: 'Apply', subresource: undefined },
    ]);
    expect(
      d.metadata.managedFields[0].fieldsV1['f:spec']['f:template']['f:spec'][
        'f:containers'
      ],
    ).toHaveProperty(['k:{"name":"payments-api"}', 'f:image']);
    const route = await waitUntil(
      () => get('gateway.networking.k8s.io/v1', 'HTTPRoute', 'payments-api'),
      'the HTTPRoute',
    );
    expect(route.metadata.ownerReferences[0].kind).toBe('GatewayRoute');
    expect(managers(route)).toEqual([
      { manager: 'kmop-operator', operation: 'Apply', subresource: undefined },
    ]);

    // Status: the Deployment has no ready replicas (no controller in kube-sim yet).
    const notReady = await waitUntil(
      () => condition(ms(), 'Ready')?.reason === 'ChildNotReady' && ms(),
      'Ready=False ChildNotReady',
    );
    expect(condition(notReady, 'Reconciled')).toMatchObject({
      status: 'True',
      reason: 'Applied',
    });
    expect(notReady.status.observedGeneration).toBe(1);
    // The status is the operator's too: a merge patch of the status subresource.
    expect(managers(notReady)).toContainEqual({
      manager: 'kmop-operator',
      operation: 'Update',
      subresource: 'status',
    });
    expect(notReady.status.children).toEqual(
      expect.arrayContaining([
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'payments-api' },
        { apiVersion: 'v1', kind: 'Service', name: 'payments-api' },
      ]),
    );
    // The Deployment controller reports 2 ready replicas: the Microservice becomes Ready.
    harness.sim.store.updateStatus(
      ref('apps/v1', 'Deployment', 'payments-api'),
      {
        observedGeneration: d.metadata.generation,
        replicas: 2,
        readyReplicas: 2,
      },
    );
    const ready = await waitUntil(
      () => condition(ms(), 'Ready')?.status === 'True' && ms(),
      'Ready=True',
    );
    expect(ready.status.readyReplicas).toBe(2);

    // A spec change changes the children.
    harness.sim.store.patch(
      ref('kmop.dev/v1alpha1', 'Microservice', 'payments-api'),
      {
        spec: { image: 'ghcr.io/acme/payments-api:1.5.0' },
      },
    );
    await waitUntil(
      () =>
        deployment()?.spec.template.spec.containers[0].image ===
        'ghcr.io/acme/payments-api:1.5.0',
      'the new image in the Deployment',
    );
    await waitUntil(
      () => ms()?.status.observedGeneration === 2,
      'observedGeneration 2',
    );

    // A hand edit is put back; a hand delete is recreated.
    harness.sim.store.patch(ref('apps/v1', 'Deployment', 'payments-api'), {
      spec: {
        template: {
          spec: { containers: [{ name: 'payments-api', image: 'evil:1' }] },
        },
      },
    });
    await waitUntil(
      () =>
        deployment()?.spec.template.spec.containers[0].image ===
        'ghcr.io/acme/payments-api:1.5.0',
      'the hand edit put back',
    );
    harness.sim.store.delete(ref('v1', 'Service', 'payments-api'));
    await waitUntil(
      () => get('v1', 'Service', 'payments-api'),
      'the Service recreated',
    );

    // Invalid spec (the CRD lets it through, the compiler refuses it): InvalidSpec with the
    // field, and the children rendered before are left as they were.
    harness.sim.store.create(example('ServiceLevelObjective') as never);
    harness.sim.store.create(example('RolloutPolicy') as never);
    const policy = () =>
      get('kmop.dev/v1alpha1', 'RolloutPolicy', 'payments-api');
    const rollout = () =>
      get('argoproj.io/v1alpha1', 'Rollout', 'payments-api');
    await waitUntil(
      () => rollout() && condition(policy(), 'Reconciled')?.status === 'True',
      'the Rollout',
    );
    const before = rollout()!;
    harness.sim.store.patch(
      ref('kmop.dev/v1alpha1', 'RolloutPolicy', 'payments-api'),
      {
        spec: { sloGate: { sloRef: 'no-such-slo' } },
      },
    );
    const invalid = await waitUntil(
      () => condition(policy(), 'Ready')?.reason === 'InvalidSpec' && policy(),
      'InvalidSpec',
    );
    expect(condition(invalid, 'Ready').message).toContain(
      'spec.sloGate.sloRef',
    );
    expect(rollout()!.metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
    expect(invalid.status.children).toContainEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      name: 'payments-api',
    });

    // Metrics and probes.
    expect((await operator.get('/healthz')).status).toBe(200);
    expect((await operator.get('/readyz')).status).toBe(200);
    const metrics = (await operator.get('/metrics')).text;
    expect(metrics).toContain(
      'kmop_operator_reconciles_total{kind="RolloutPolicy",result="invalid"}',
    );
    expect(metrics).toContain('kmop_operator_queue_depth');
  });

  it("computes a GatewayRoute's URL from its Gateway's listener, and again when the Gateway changes", async () => {
    // The example route names no sectionName: every listener admitting its hostname counts.
    harness.sim.store.create(example('GatewayRoute') as never);
    harness.startOperator(['--no-leader-elect']);
    const route = () =>
      get('kmop.dev/v1alpha1', 'GatewayRoute', 'payments-api');
    const gatewayRef = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      namespace: 'gateways',
      name: 'public',
    };
    const listener = (protocol: string) => ({
      spec: {
        gatewayClassName: 'eg',
        listeners: [
          {
            name: 'web',
            protocol,
            port: protocol === 'HTTP' ? 80 : 443,
            hostname: '*.example.com',
          },
        ],
      },
    });

    // No Gateway: no URL, and the reason in the Reconciled condition.
    const none = await waitUntil(
      () =>
        condition(route(), 'Reconciled')?.message?.includes('no URL') &&
        route(),
      'the reason for no URL',
    );
    expect(condition(none, 'Reconciled').message).toContain(
      'no URL: Gateway gateways/public is not in the cluster',
    );
    expect(none.status.url).toBeUndefined();

    // An HTTPS listener: https. The Gateway's arrival requeues the route.
    harness.sim.store.create({
      apiVersion: gatewayRef.apiVersion,
      kind: gatewayRef.kind,
      metadata: { name: 'public', namespace: 'gateways' },
      ...listener('HTTPS'),
    } as never);
    const https = await waitUntil(
      () => route()?.status?.url && route(),
      'status.url from the HTTPS listener',
    );
    expect(https.status.url).toBe('https://payments.example.com/api');
    expect(condition(https, 'Reconciled').message).not.toContain('no URL');

    // The listener becomes HTTP: http.
    harness.sim.store.patch(gatewayRef, listener('HTTP'));
    await waitUntil(
      () => route()?.status?.url === 'http://payments.example.com/api',
      'status.url from the HTTP listener',
    );
  });

  it('reports a missing target CRD and renders once it is installed', async () => {
    await harness.close();
    harness = await OperatorHarness.start({
      without: ['rollouts.', 'analysistemplates.'],
    });
    harness.sim.store.create(example('Microservice') as never);
    harness.sim.store.create(example('ServiceLevelObjective') as never);
    harness.sim.store.create(example('RolloutPolicy') as never);
    harness.startOperator(['--no-leader-elect']);
    const policy = () =>
      get('kmop.dev/v1alpha1', 'RolloutPolicy', 'payments-api');
    const missing = await waitUntil(
      () =>
        condition(policy(), 'Ready')?.reason === 'TargetCRDMissing' && policy(),
      'TargetCRDMissing',
    );
    expect(condition(missing, 'Ready').message).toContain(
      'rollouts.argoproj.io',
    );
    expect(condition(missing, 'Ready').message).toContain('argo-rollouts');
    // The SLO renders regardless.
    await waitUntil(
      () =>
        get(
          'sloth.slok.dev/v1',
          'PrometheusServiceLevel',
          'payments-api-availability',
        ),
      'the Sloth object',
    );
    // Installing the CRDs brings the kinds in without a restart.
    for (const file of [
      'rollouts.argoproj.io.yaml',
      'analysistemplates.argoproj.io.yaml',
    ]) {
      harness.sim.store.create(
        parse(readFileSync(join(ECOSYSTEM_CRDS, file), 'utf8')),
      );
    }
    const rollout = await waitUntil(
      () => get('argoproj.io/v1alpha1', 'Rollout', 'payments-api'),
      'the Rollout once its CRD is installed',
    );
    expect(rollout.metadata.ownerReferences[0].kind).toBe('RolloutPolicy');
    await waitUntil(
      () => condition(policy(), 'Reconciled')?.status === 'True',
      'Reconciled=True',
    );
  });

  it('restarts without redoing work and keeps the status', async () => {
    harness.sim.store.create(example('Microservice') as never);
    harness.sim.store.create(example('GatewayRoute') as never);
    let operator = harness.startOperator(['--no-leader-elect']);
    await waitUntil(
      () => condition(ms(), 'Reconciled')?.status === 'True' && deployment(),
      'the first reconcile',
    );
    expect(await operator.stop()).toBe(0);
    const before = harness.sim.store.resourceVersion;
    const status = ms()!.status;
    operator = harness.startOperator(['--no-leader-elect']);
    await waitUntil(async () => {
      const m = (await operator.get('/metrics')).text;
      return (
        /kmop_operator_reconciles_total\{kind="GatewayRoute",result="unchanged"\} [1-9]/.test(
          m,
        ) &&
        /kmop_operator_reconciles_total\{kind="Microservice",result="unchanged"\} [1-9]/.test(
          m,
        ) &&
        m
      );
    }, 'both objects reconciled unchanged');
    const metrics = (await operator.get('/metrics')).text;
    expect(metrics).not.toMatch(
      /kmop_operator_api_writes_total\{[^}]*\} [1-9]/,
    );
    expect(harness.sim.store.resourceVersion).toBe(before);
    expect(ms()!.status).toEqual(status);
  });

  it('lets the garbage collector delete the children of a deleted object', async () => {
    harness.sim.store.create(example('Microservice') as never);
    harness.startOperator(['--no-leader-elect']);
    await waitUntil(deployment, 'the Deployment');
    const events = await waitUntil(() => {
      const found = harness.sim.store
        .list('v1', 'Event', { namespace: NS })
        .filter(
          (e: any) =>
            e.involvedObject?.name === 'payments-api' &&
            e.reason === 'Reconciled',
        );
      return found.length > 0 && found;
    }, 'a Reconciled event');
    expect(events[0]).toMatchObject({
      type: 'Normal',
      source: { component: 'kmop-operator' },
    });
    harness.sim.store.delete(
      ref('kmop.dev/v1alpha1', 'Microservice', 'payments-api'),
    );
    await waitUntil(
      () => !deployment() && !get('v1', 'Service', 'payments-api'),
      'the children garbage-collected',
    );
  });

  it('runs one leader of two replicas and fails over when the leader is killed', async () => {
    harness.sim.store.create(example('Microservice') as never);
    const args = [
      '--lease-namespace',
      'kmop-system',
      '--lease-duration',
      '3s',
      '--renew-deadline',
      '2s',
      '--retry-period',
      '250ms',
    ];
    const a = harness.startOperator([...args, '--identity', 'replica-a']);
    const b = harness.startOperator([...args, '--identity', 'replica-b']);
    const lease = () =>
      harness.sim.store.get({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        namespace: 'kmop-system',
        name: 'kmop-operator',
      }) as Obj | undefined;
    try {
      const first = await waitUntil(
        () => lease()?.spec.holderIdentity,
        'a leader',
      );
      const [leader, standby] = first === 'replica-a' ? [a, b] : [b, a];
      await waitUntil(deployment, 'the Deployment from the leader');
      expect(leader.logged('became leader')).toHaveLength(1);
      expect(standby.logged('became leader')).toHaveLength(0);
      // The standby says so once it has asked the API server for the Lease; on a busy
      // machine that can come after the leader's first reconcile.
      await waitUntil(
        async () => (await standby.get('/readyz')).text.includes('standing by'),
        'the standby to report standing by',
      );
      expect((await leader.get('/metrics')).text).toMatch(
        /kmop_operator_leader 1/,
      );

      await leader.stop('SIGKILL');
      await waitUntil(
        () =>
          lease()?.spec.holderIdentity ===
          (first === 'replica-a' ? 'replica-b' : 'replica-a'),
        'the standby to take the lease',
        30_000,
      );
      // The new leader reconciles: a hand delete is put back.
      harness.sim.store.delete(ref('apps/v1', 'Deployment', 'payments-api'));
      await waitUntil(deployment, 'the Deployment recreated by the new leader');

      // SIGTERM releases the lease.
      expect(await standby.stop('SIGTERM')).toBe(0);
      expect(lease()?.spec.holderIdentity ?? '').toBe('');
    } finally {
      await a.stop('SIGKILL');
      await b.stop('SIGKILL');
    }
  });
});
