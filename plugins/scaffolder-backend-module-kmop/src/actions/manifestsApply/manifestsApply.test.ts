import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { ClusterCache } from '@kmop/plugin-kmop-node';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import yaml from 'yaml';
import { mockContext } from '../../__testUtils__/mockContext';
import { startRecordingProxy } from '../../__testUtils__/recordingProxy';
import { createWorkspace } from '../../__testUtils__/workspace';
import { createKmopManifestsGenerateAction } from '../manifestsGenerate/manifestsGenerate';
import { DefaultKmopClusterService } from '@kmop/plugin-kmop-node';
import { createKmopManifestsApplyAction } from './manifestsApply';
import { examples } from './manifestsApply.examples';

const REPO = resolve(__dirname, '../../../../..');
const SEEDS = [
  resolve(REPO, 'examples/cluster/crds'),
  resolve(REPO, 'plugins/kmop-common/crds'),
  resolve(REPO, 'examples/cluster/namespaces.yaml'),
];
const TOKEN = 'scaffolder-test-token';

const service = {
  name: 'payments',
  namespace: 'payments',
  owner: 'group:default/payments-team',
  image: 'ghcr.io/acme/payments:1.0.0',
  routes: [
    {
      gateway: { name: 'public', namespace: 'gateways' },
      hostnames: ['pay.example.com'],
    },
  ],
  slo: { objective: 99.9 },
  rollout: {
    strategy: 'canary',
    canary: { steps: [{ setWeight: 20, pause: '5m' }] },
  },
  resilience: { preset: 'standard' },
};

describe('kmop:manifests:apply', () => {
  let sim: KubeSim;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  const generate = createKmopManifestsGenerateAction();

  const config = (url: string) =>
    mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'dev',
                  url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: TOKEN,
                },
                { name: 'broken', url, authProvider: 'oidc' },
              ],
            },
          ],
        },
      },
    });

  beforeEach(async () => {
    sim = await startKubeSim({ port: 0, seeds: SEEDS, token: TOKEN });
    proxy = await startRecordingProxy(sim.url);
    ws = await createWorkspace();
  });
  afterEach(async () => {
    await proxy.close();
    await sim.close();
    await ws.cleanup();
  });

  async function generateInto(input: Record<string, unknown>) {
    await generate.handler(
      mockContext(generate, input, { workspacePath: ws.path }),
    );
  }

  async function apply(
    input: unknown,
    options: { isDryRun?: boolean; cache?: ClusterCache } = {},
  ) {
    const action = createKmopManifestsApplyAction({
      clusters: DefaultKmopClusterService.create({
        config: config(proxy.url),
        logger: mockServices.logger.mock(),
      }),
      cache: options.cache,
    });
    const keys: string[] = [];
    const ctx = mockContext(action, input, {
      workspacePath: ws.path,
      isDryRun: options.isDryRun,
      checkpoint: async ({ key, fn }) => {
        keys.push(key);
        return fn();
      },
    });
    await action.handler(ctx);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    return { outputs, keys, ctx };
  }

  const count = (apiVersion: string, kind: string) =>
    sim.store.list(apiVersion, kind, { namespace: 'payments' }).length;

  it('applies generated native manifests, then reports them configured', async () => {
    await generateInto({
      ...service,
      flavour: ['gateway-api', 'argo-rollouts', 'sloth', 'istio'],
    });
    const first = await apply({ cluster: 'dev' });
    expect(first.outputs.dryRun).toBe(false);
    expect(first.outputs.cluster).toBe('dev');
    const applied = first.outputs.applied as {
      kind: string;
      name: string;
      action: string;
      namespace?: string;
    }[];
    // The canary routes through Gateway API, so it has canary and stable Services.
    expect(applied.map(a => `${a.kind}/${a.name}`)).toEqual([
      'Service/payments-canary',
      'Service/payments-stable',
      'Service/payments',
      'Deployment/payments',
      'DestinationRule/payments',
      'HTTPRoute/payments',
      'PodDisruptionBudget/payments',
      'PrometheusServiceLevel/payments-availability',
      'Rollout/payments',
      'VirtualService/payments',
    ]);
    expect(
      applied.every(a => a.action === 'created' && a.namespace === 'payments'),
    ).toBe(true);
    // The dry run of them all, then one checkpoint per object.
    expect(first.keys).toHaveLength(applied.length + 1);
    expect(first.keys[1]).toBe('apply.dev.v1.Service payments/payments-canary');

    const rollout = sim.store.get({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      namespace: 'payments',
      name: 'payments',
    });
    expect(rollout?.metadata.labels).toMatchObject({
      'backstage.io/kubernetes-id': 'payments',
    });
    const patches = proxy.requests
      .filter(r => r.method === 'PATCH')
      .slice(applied.length);
    expect(patches).toHaveLength(applied.length);
    for (const patch of patches) {
      const query = new URL(patch.url, proxy.url).searchParams;
      expect(query.get('fieldManager')).toBe('kmop-scaffolder');
      expect(query.has('dryRun')).toBe(false);
    }
    expect(count('gateway.networking.k8s.io/v1', 'HTTPRoute')).toBe(1);

    const second = await apply({ cluster: 'dev' });
    expect(second.outputs.applied).toHaveLength(applied.length);
    expect(
      (second.outputs.applied as { action: string }[]).every(
        a => a.action === 'configured',
      ),
    ).toBe(true);
  });

  it('applies KMOP resources when the KMOP CRDs are installed', async () => {
    await generateInto(service);
    const { outputs } = await apply({ cluster: 'dev', path: 'kmop' });
    expect((outputs.applied as { kind: string }[]).map(a => a.kind)).toEqual([
      // Files are read in name order.
      'GatewayRoute',
      'Microservice',
      'ResiliencePolicy',
      'RolloutPolicy',
      'ServiceLevelObjective',
    ]);
    expect(count('kmop.dev/v1alpha1', 'RolloutPolicy')).toBe(1);
  });

  it.each([
    ['dryRun input', { cluster: 'dev', dryRun: true }, {}],
    ['scaffolder dry-run mode', { cluster: 'dev' }, { isDryRun: true }],
  ])('creates nothing with the %s', async (_, input, options) => {
    await generateInto({
      ...service,
      flavour: ['gateway-api', 'argo-rollouts', 'pyrra', 'envoy-gateway'],
    });
    const { outputs, keys } = await apply(input, options);
    expect(outputs.dryRun).toBe(true);
    expect((outputs.applied as { action: string }[]).length).toBeGreaterThan(0);
    expect(
      (outputs.applied as { action: string }[]).every(
        a => a.action === 'created',
      ),
    ).toBe(true);
    // Nothing to retry: a dry run records no checkpoints.
    expect(keys).toEqual([]);
    const patches = proxy.requests.filter(r => r.method === 'PATCH');
    expect(patches.length).toBe((outputs.applied as unknown[]).length);
    expect(
      patches.every(
        p => new URL(p.url, proxy.url).searchParams.get('dryRun') === 'All',
      ),
    ).toBe(true);
    expect(count('apps/v1', 'Deployment')).toBe(0);
    expect(count('gateway.networking.k8s.io/v1', 'HTTPRoute')).toBe(0);
    expect(count('pyrra.dev/v1alpha1', 'ServiceLevelObjective')).toBe(0);
  });

  it('dry-runs every object before it applies any', async () => {
    await generateInto(service);
    const { outputs, keys } = await apply({ cluster: 'dev' });
    const patches = proxy.requests.filter(r => r.method === 'PATCH');
    const dry = (p: { url: string }) =>
      new URL(p.url, proxy.url).searchParams.get('dryRun') === 'All';
    expect(patches.map(dry)).toEqual([
      ...Array(5).fill(true),
      ...Array(5).fill(false),
    ]);
    expect(outputs.dryRun).toBe(false);
    expect(keys[0]).toBe('apply.check.dev.kmop');
    expect(keys).toHaveLength(6);
  });

  it('with failIfExists, refuses a service that exists and changes nothing', async () => {
    await generateInto(service);
    await apply({ cluster: 'dev', failIfExists: true });
    const before = sim.store.resourceVersion;
    await generateInto({ ...service, image: 'ghcr.io/acme/payments:2.0.0' });
    const error = await apply({ cluster: 'dev', failIfExists: true }).catch(
      e => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^input\.failIfExists: already in cluster dev: GatewayRoute payments\/payments, Microservice payments\/payments, .*; nothing was applied$/,
    );
    expect(sim.store.resourceVersion).toBe(before);
    expect(
      sim.store.get({
        apiVersion: 'kmop.dev/v1alpha1',
        kind: 'Microservice',
        namespace: 'payments',
        name: 'payments',
      })?.spec,
    ).toMatchObject({ image: 'ghcr.io/acme/payments:1.0.0' });
  });

  it('with failIfExists, refuses a name the shared cache knows in another namespace', async () => {
    await generateInto(service);
    const cache = {
      objects: () => [
        {
          cluster: 'dev',
          object: {
            apiVersion: 'kmop.dev/v1alpha1',
            kind: 'Microservice',
            metadata: { name: 'payments', namespace: 'legacy' },
          },
        },
      ],
    } as unknown as ClusterCache;
    const error = await apply(
      { cluster: 'dev', failIfExists: true },
      { cache },
    ).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'input.failIfExists: a KMOP service named "payments" already exists in cluster dev (namespace legacy); nothing was applied',
    );
    expect(proxy.requests.filter(r => r.method === 'PATCH')).toEqual([]);
    expect(count('kmop.dev/v1alpha1', 'Microservice')).toBe(0);
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_, example) => {
      const input = yaml.parse(example.example).steps[0].input;
      await generateInto({
        ...service,
        flavour: ['gateway-api', 'flagger', 'sloth', 'istio'],
        targetDir: input.path,
      });
      const { outputs } = await apply(input);
      expect(outputs.dryRun).toBe(input.dryRun ?? false);
      expect(count('flagger.app/v1beta1', 'Canary')).toBe(input.dryRun ? 0 : 1);
    },
  );

  it.each([
    [
      'an unknown cluster',
      { cluster: 'prod' },
      /input\.cluster: no cluster named "prod" .*\(configured: dev\)/,
    ],
    [
      'a cluster with a per-user auth provider',
      { cluster: 'broken' },
      /input\.cluster: cluster "broken" cannot be used: authProvider 'oidc' signs requests with each person.s OIDC token.*serviceAccount/,
    ],
    [
      'a path outside the workspace',
      { cluster: 'dev', path: '../../etc' },
      /input\.path must stay inside the workspace/,
    ],
    [
      'invalid manifests',
      { cluster: 'dev', path: 'bad' },
      /nothing was applied: 1 problem in the manifests:\n- bad\/rollout\.yaml doc 1: spec\.strategy\.canary\.steps\[0\]\.setWeight: must be integer/,
    ],
  ])('rejects %s and applies nothing', async (_, input, message) => {
    await generateInto(service);
    await generateInto({
      ...service,
      flavour: ['gateway-api', 'argo-rollouts', 'sloth', 'istio'],
      targetDir: 'native',
    });
    await mkdir(resolve(ws.path, 'bad'));
    await writeFile(
      resolve(ws.path, 'bad/rollout.yaml'),
      yaml.stringify({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: 'payments', namespace: 'payments' },
        spec: { strategy: { canary: { steps: [{ setWeight: 'half' }] } } },
      }),
    );
    const error = await apply(input).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(message);
    expect(count('argoproj.io/v1alpha1', 'Rollout')).toBe(0);
    expect(count('apps/v1', 'Deployment')).toBe(0);
  });

  it('names the object the cluster refuses', async () => {
    await generateInto({
      ...service,
      flavour: ['gateway-api', 'argo-rollouts', 'sloth', 'istio'],
    });
    await writeFile(
      resolve(ws.path, 'kmop/widget.yaml'),
      yaml.stringify({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'payments' },
      }),
    );
    const error = await apply({ cluster: 'dev' }).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /dev refused Widget payments\/w: .*install its CRD first/,
    );
  });
});
