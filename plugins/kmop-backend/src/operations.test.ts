import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { KmopRolloutView } from '@kmop/plugin-kmop-common';
import { operationObjects as fixtures } from '@kmop/plugin-kmop-common/testUtils';
import request from 'supertest';
import { AuditRecorder } from './__testUtils__/auditRecorder';
import {
  RecordingProxy,
  startRecordingProxy,
} from './__testUtils__/recordingProxy';
import {
  DEMO_SEEDS,
  readEntityView,
  startKmopBackend,
  userAuth,
  waitFor,
} from './__testUtils__/testBackend';

// POST /v1/entities/:kind/:namespace/:name/operations against a simulated cluster behind a
// proxy that records every request the cluster receives.
jest.setTimeout(60_000);

const OWNER = 'user:default/guest';
const VIEWER = 'user:default/viewer';
const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** Everyone reads; VIEWER may not operate. */
const policy = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    ({
      async authorize(
        requests: { permission: { name: string } }[],
        options: { credentials: { principal: { userEntityRef?: string } } },
      ) {
        const user = options.credentials.principal.userEntityRef;
        return requests.map(r => ({
          result:
            r.permission.name === 'kmop.rollout.operate' && user === VIEWER
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      },
      async authorizeConditional(requests: unknown[]) {
        return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
    } as never),
});

type Obj = Record<string, any>;

/** A fixture object placed in checkout's namespace under its own name, in checkout's view. */
function place(
  obj: Obj,
  name: string,
  where = { namespace: 'checkout', id: 'checkout' },
): Obj {
  const copy = structuredClone(obj);
  const { resourceVersion: _rv, ...metadata } = copy.metadata;
  copy.metadata = {
    ...metadata,
    name,
    namespace: where.namespace,
    labels: {
      ...metadata.labels,
      'app.kubernetes.io/name': where.id,
      'backstage.io/kubernetes-id': where.id,
    },
  };
  return copy;
}

describe('rollout operations', () => {
  let sim: KubeSim;
  let proxy: RecordingProxy;
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;
  const audit = new AuditRecorder();

  const view = (entity = 'checkout') => readEntityView(backend, entity, OWNER);

  /** Writes the object and waits until the view shows this version of it. */
  async function seed(obj: Obj, entity = 'checkout'): Promise<KmopRolloutView> {
    const stored = sim.store.upsert(obj as never);
    const rv = stored.metadata.resourceVersion;
    let found: KmopRolloutView | undefined;
    await waitFor(`${obj.kind} ${obj.metadata.name} in the view`, async () => {
      found = (await view(entity)).rollouts.find(
        r =>
          r.source.kind === obj.kind &&
          r.source.name === obj.metadata.name &&
          r.resourceVersion === rv,
      );
      return found !== undefined;
    });
    proxy.clear();
    return found!;
  }

  function operate(
    body: Record<string, unknown>,
    options: { entity?: string; user?: string } = {},
  ) {
    return request(backend.server)
      .post(
        `/api/kmop/v1/entities/component/default/${
          options.entity ?? 'checkout'
        }/operations`,
      )
      .set('Authorization', userAuth(options.user ?? OWNER))
      .send(body);
  }

  const lastAudit = () => audit.events[audit.events.length - 1];

  beforeAll(async () => {
    sim = await startKubeSim({ seeds: DEMO_SEEDS });
    proxy = await startRecordingProxy(sim.url);
    backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: proxy.url }],
      kmop: { operations: { enabled: true } },
      extraFeatures: [policy, audit.factory()],
    });
    await waitFor('the cluster to sync', async () => {
      const { clusters } = await view();
      return clusters.every(c => c.state === 'ready');
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await proxy?.close();
    await sim?.close();
  });

  describe('sends what each tool’s client sends, with the resourceVersion seen', () => {
    const rollouts = '/apis/argoproj.io/v1alpha1/namespaces/checkout/rollouts';
    const cases: Array<{
      title: string;
      object: Obj;
      name: string;
      operation: string;
      expected: (rv: string) => Obj[];
      after?: (item: KmopRolloutView) => void;
    }> = [
      {
        title:
          'Argo promote at a pause step: pause conditions cleared through status',
        object: fixtures.argoPausedAtStep,
        name: 'op-promote',
        operation: 'promote',
        expected: rv => [
          {
            method: 'PATCH',
            path: `${rollouts}/op-promote/status`,
            contentType: MERGE,
            body: {
              status: { pauseConditions: null },
              metadata: { resourceVersion: rv },
            },
          },
        ],
        after: item => expect(item.control?.pauseConditions).toBe(0),
      },
      {
        title:
          'Argo promote of a rollout paused by hand: status, then spec on the new version',
        object: fixtures.argoPausedByHand,
        name: 'op-promote-hand',
        operation: 'promote',
        expected: rv => [
          {
            method: 'PATCH',
            path: `${rollouts}/op-promote-hand/status`,
            contentType: MERGE,
            body: {
              status: { pauseConditions: null, currentStepIndex: 1 },
              metadata: { resourceVersion: rv },
            },
          },
          {
            method: 'PATCH',
            path: `${rollouts}/op-promote-hand`,
            contentType: MERGE,
            body: {
              spec: { paused: false },
              metadata: {
                resourceVersion: expect.not.stringMatching(`^${rv}$`),
              },
            },
          },
        ],
        after: item => expect(item.control?.specPaused).toBe(false),
      },
      {
        title: 'Argo promote-full',
        object: fixtures.argoPausedAtStep,
        name: 'op-promote-full',
        operation: 'promote-full',
        expected: rv => [
          {
            method: 'PATCH',
            path: `${rollouts}/op-promote-full/status`,
            contentType: MERGE,
            body: {
              status: { promoteFull: true },
              metadata: { resourceVersion: rv },
            },
          },
        ],
        after: item => expect(item.badges).toContain('full promotion'),
      },
      {
        title: 'Argo abort',
        object: fixtures.argoPausedAtStep,
        name: 'op-abort',
        operation: 'abort',
        expected: rv => [
          {
            method: 'PATCH',
            path: `${rollouts}/op-abort/status`,
            contentType: MERGE,
            body: {
              status: { abort: true },
              metadata: { resourceVersion: rv },
            },
          },
        ],
        after: item => expect(item.aborted).toBe(true),
      },
      {
        title: 'Argo retry',
        object: fixtures.argoAborted,
        name: 'op-retry',
        operation: 'retry',
        expected: rv => [
          {
            method: 'PATCH',
            path: `${rollouts}/op-retry/status`,
            contentType: MERGE,
            body: {
              status: { abort: false },
              metadata: { resourceVersion: rv },
            },
          },
        ],
        after: item => expect(item.aborted).toBe(false),
      },
      {
        title: 'Argo pause',
        object: fixtures.argoAnalysing,
        name: 'op-pause',
        operation: 'pause',
        expected: rv => [
          {
            method: 'PATCH',
            path: `${rollouts}/op-pause`,
            contentType: MERGE,
            body: { spec: { paused: true }, metadata: { resourceVersion: rv } },
          },
        ],
        after: item => expect(item.control?.specPaused).toBe(true),
      },
      {
        title: 'Argo restart',
        object: fixtures.argoHealthy,
        name: 'op-restart',
        operation: 'restart',
        expected: rv => [
          {
            method: 'PATCH',
            path: `${rollouts}/op-restart`,
            contentType: MERGE,
            body: {
              spec: { restartAt: expect.stringMatching(RFC3339) },
              metadata: { resourceVersion: rv },
            },
          },
        ],
      },
      ...(['pause', 'resume', 'restart'] as const).map(operation => ({
        title: `Deployment ${operation} (strategic merge, as kubectl rollout)`,
        object: fixtures.deployment(
          operation === 'resume' ? { paused: true } : {},
        ),
        name: `op-deploy-${operation}`,
        operation,
        expected: (rv: string) => [
          {
            method: 'PATCH',
            path: `/apis/apps/v1/namespaces/checkout/deployments/op-deploy-${operation}`,
            contentType: STRATEGIC,
            body: {
              spec: {
                pause: { paused: true },
                resume: { paused: null },
                restart: {
                  template: {
                    metadata: {
                      annotations: {
                        'kubectl.kubernetes.io/restartedAt':
                          expect.stringMatching(RFC3339),
                      },
                    },
                  },
                },
              }[operation],
              metadata: { resourceVersion: rv },
            },
          },
        ],
        after: (item: KmopRolloutView) =>
          expect(item.control?.specPaused).toBe(operation === 'pause'),
      })),
      ...(
        [
          ['promote', { skipAnalysis: true }],
          ['suspend', { suspend: true }],
          ['resume', { suspend: false }],
        ] as const
      ).map(([operation, spec]) => ({
        title: `Flagger ${operation} (merge patch of spec)`,
        object: fixtures.flaggerCanary(
          operation === 'resume' ? { suspend: true } : {},
        ),
        name: `op-canary-${operation}`,
        operation,
        expected: (rv: string) => [
          {
            method: 'PATCH',
            path: `/apis/flagger.app/v1beta1/namespaces/checkout/canaries/op-canary-${operation}`,
            contentType: MERGE,
            body: { spec, metadata: { resourceVersion: rv } },
          },
        ],
      })),
    ];

    it.each(cases)('$title', async c => {
      const item = await seed(place(c.object, c.name));
      const before = audit.events.length;
      const res = await operate({
        item: item.id,
        operation: c.operation,
        resourceVersion: item.resourceVersion,
      });
      expect(res.status).toBe(200);
      expect(proxy.writes()).toEqual(c.expected(item.resourceVersion!));
      // The answer is the object as read back, so the page shows it at once.
      expect(res.body.item.id).toBe(item.id);
      expect(res.body.item.resourceVersion).not.toBe(item.resourceVersion);
      c.after?.(res.body.item);
      expect(audit.events.length).toBe(before + 1);
      expect(lastAudit()).toMatchObject({
        eventId: 'rollout-operate',
        severityLevel: 'medium',
        withRequest: true,
        meta: {
          actor: OWNER,
          entity: 'component:default/checkout',
          item: item.id,
          operation: c.operation,
        },
        outcome: 'success',
        outcomeMeta: {
          cluster: 'demo',
          object: expect.stringContaining(c.name),
          result: 'succeeded',
        },
      });
    });
  });

  it('operates a KMOP RolloutPolicy through the Rollout it was rendered into', async () => {
    const rendered = place(fixtures.renderedRollout, 'payments', {
      namespace: 'payments',
      id: 'payments',
    });
    // The owner must exist, or the garbage collector removes the Rollout.
    const policyObject = sim.store.get({
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'RolloutPolicy',
      namespace: 'payments',
      name: 'payments',
    })!;
    rendered.metadata.ownerReferences[0].uid = policyObject.metadata.uid;
    const rv = sim.store.upsert(rendered as never).metadata.resourceVersion;
    // The view lists the rendered Rollout under its policy, with its own state.
    let policyItem: KmopRolloutView | undefined;
    await waitFor('the rendered Rollout under its policy', async () => {
      policyItem = (await view('payments')).rollouts.find(
        r => r.source.kind === 'RolloutPolicy',
      );
      return policyItem?.rendered?.[0]?.rollout?.resourceVersion === rv;
    });
    expect(
      (await view('payments')).rollouts.some(r => r.source.kind === 'Rollout'),
    ).toBe(false);
    const renderedItem = policyItem!.rendered![0].rollout!;
    proxy.clear();
    const res = await operate(
      {
        item: policyItem!.id,
        operation: 'promote',
        resourceVersion: renderedItem.resourceVersion,
      },
      { entity: 'payments' },
    );
    expect(res.status).toBe(200);
    expect(res.body.target).toMatchObject({
      kind: 'Rollout',
      name: 'payments',
    });
    expect(proxy.writes()).toEqual([
      {
        method: 'PATCH',
        path: '/apis/argoproj.io/v1alpha1/namespaces/payments/rollouts/payments/status',
        contentType: MERGE,
        body: {
          status: { pauseConditions: null },
          metadata: { resourceVersion: renderedItem.resourceVersion },
        },
      },
    ]);
  });

  it('falls back to the main resource when the status subresource answers 404, as the CLI does', async () => {
    const item = await seed(place(fixtures.argoPausedAtStep, 'op-no-status'));
    proxy.refuse([
      {
        method: 'PATCH',
        pathEndsWith: '/rollouts/op-no-status/status',
        status: 404,
      },
    ]);
    try {
      const res = await operate({
        item: item.id,
        operation: 'abort',
        resourceVersion: item.resourceVersion,
      });
      expect(res.status).toBe(200);
      expect(proxy.writes().map(w => [w.path, w.body])).toEqual([
        [
          '/apis/argoproj.io/v1alpha1/namespaces/checkout/rollouts/op-no-status/status',
          {
            status: { abort: true },
            metadata: { resourceVersion: item.resourceVersion },
          },
        ],
        [
          '/apis/argoproj.io/v1alpha1/namespaces/checkout/rollouts/op-no-status',
          {
            status: { abort: true },
            metadata: { resourceVersion: item.resourceVersion },
          },
        ],
      ]);
    } finally {
      proxy.refuse([]);
    }
  });

  it('answers 409 "changed since you looked" with the new state on a stale resourceVersion, and sends nothing', async () => {
    const item = await seed(place(fixtures.argoPausedAtStep, 'op-stale'));
    // Someone else changes it after the person looked.
    const changed = sim.store.patch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        namespace: 'checkout',
        name: 'op-stale',
      },
      { status: { currentStepIndex: 2 } },
    );
    const res = await operate({
      item: item.id,
      operation: 'promote',
      resourceVersion: item.resourceVersion,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.name).toBe('ConflictError');
    expect(res.body.error.message).toMatch(/changed since you looked/);
    expect(res.body.item.resourceVersion).toBe(
      changed.metadata.resourceVersion,
    );
    expect(res.body.item.currentStepIndex).toBe(2);
    expect(proxy.writes()).toEqual([]);
    expect(lastAudit()).toMatchObject({
      outcome: 'fail',
      outcomeMeta: { result: 'conflict', cluster: 'demo' },
    });
  });

  it('refuses an operation the tool does not offer in the object’s state (409), sending nothing', async () => {
    const item = await seed(place(fixtures.argoHealthy, 'op-not-offered'));
    const res = await operate({
      item: item.id,
      operation: 'abort',
      resourceVersion: item.resourceVersion,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/not offered.*fully promoted/);
    expect(proxy.writes()).toEqual([]);
  });

  it('answers 403 to a person the policy denies, and sends nothing to the cluster', async () => {
    const item = await seed(place(fixtures.argoPausedAtStep, 'op-denied'));
    const res = await operate(
      {
        item: item.id,
        operation: 'promote',
        resourceVersion: item.resourceVersion,
      },
      { user: VIEWER },
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'You may not operate the rollouts of component:default/checkout (permission kmop.rollout.operate)',
    });
    expect(proxy.writes()).toEqual([]);
    expect(lastAudit()).toMatchObject({
      meta: { actor: VIEWER, operation: 'promote' },
      outcome: 'fail',
      outcomeMeta: { result: 'denied' },
    });
  });

  it('refuses a service principal the configuration does not name (a static token bypasses the policy)', async () => {
    const item = await seed(place(fixtures.argoPausedAtStep, 'op-service'));
    const res = await request(backend.server)
      .post('/api/kmop/v1/entities/component/default/checkout/operations')
      .set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('external:mcp-clients'),
          targetPluginId: 'kmop',
        }),
      )
      .send({
        item: item.id,
        operation: 'promote',
        resourceVersion: item.resourceVersion,
      });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Service principal external:mcp-clients may not operate rollouts: only people may, unless kmop.operations.allowServicePrincipals names it',
    );
    expect(proxy.writes()).toEqual([]);
    expect(lastAudit()).toMatchObject({
      meta: { actor: 'service:external:mcp-clients' },
      outcome: 'fail',
      outcomeMeta: { result: 'denied' },
    });
  });

  it('says so when the cluster refuses (403): cluster, verb and resource', async () => {
    const item = await seed(place(fixtures.argoPausedAtStep, 'op-refused'));
    proxy.refuse([
      { method: 'PATCH', pathEndsWith: '/rollouts/op-refused/status' },
    ]);
    try {
      const res = await operate({
        item: item.id,
        operation: 'abort',
        resourceVersion: item.resourceVersion,
      });
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('ClusterRefusedError');
      expect(res.body.error.message).toBe(
        "Cluster demo refused: KMOP may not patch argoproj.io rollouts/status in namespace checkout (403 Forbidden). Grant KMOP's credentials the verb patch on argoproj.io rollouts/status; see docs/operations-rbac.md",
      );
      expect(lastAudit()).toMatchObject({
        outcome: 'fail',
        outcomeMeta: { result: 'refused-by-cluster', cluster: 'demo' },
      });
    } finally {
      proxy.refuse([]);
    }
  });

  it('warns when the operation changes spec of an object GitOps manages', async () => {
    const item = await seed(place(fixtures.argoGitOps, 'op-gitops'));
    const res = await operate({
      item: item.id,
      operation: 'restart',
      resourceVersion: item.resourceVersion,
    });
    expect(res.status).toBe(200);
    expect(res.body.warning).toBe(
      'Argo CD manages Rollout op-gitops (label app.kubernetes.io/instance=checkout-prod): a change to its spec may be put back from Git; change it in Git too',
    );
  });

  describe('input', () => {
    it('names the field that is wrong or unknown (400)', async () => {
      const bad = await operate({
        item: 'x',
        operation: 'explode',
        resourceVersion: '1',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /^Invalid field operation: must be one of promote, /,
      );
      const extra = await operate({
        item: 'x',
        operation: 'promote',
        resourceVersion: '1',
        force: true,
      });
      expect(extra.status).toBe(400);
      expect(extra.body.error.message).toMatch(/^Invalid field force: /);
      const missing = await operate({ item: 'x', operation: 'promote' });
      expect(missing.body.error.message).toBe(
        'Invalid field resourceVersion: is required',
      );
    });

    it('answers 404 for an item that is not a rollout of the entity’s view', async () => {
      const route = (await view()).routes[0];
      const res = await operate({
        item: route.id,
        operation: 'promote',
        resourceVersion: '1',
      });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        `Item ${route.id} is not a rollout in the KMOP view of component:default/checkout`,
      );
      expect(lastAudit()).toMatchObject({
        outcome: 'fail',
        outcomeMeta: { result: 'not-found' },
      });
    });
  });
});
