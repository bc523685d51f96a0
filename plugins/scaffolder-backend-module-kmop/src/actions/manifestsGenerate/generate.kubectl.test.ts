import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import yaml from 'yaml';
import { mockContext } from '../../__testUtils__/mockContext';
import { createWorkspace } from '../../__testUtils__/workspace';
import { createKmopManifestsGenerateAction } from './manifestsGenerate';

/*
 * The generated manifests against a real client: Debian's kubectl sends them
 * to kube-sim with the ecosystem CRDs installed, as a server-side dry run.
 */

const KUBECTL = '/usr/bin/kubectl';
const REPO = resolve(__dirname, '../../../../..');
const SEEDS = [
  resolve(REPO, 'examples/cluster/crds'),
  resolve(REPO, 'plugins/kmop-common/crds'),
  resolve(REPO, 'examples/cluster/namespaces.yaml'),
];

const service = {
  name: 'payments',
  namespace: 'payments',
  owner: 'group:default/payments-team',
  image: 'ghcr.io/acme/payments:1.0.0',
  autoscaling: { minReplicas: 2, maxReplicas: 6 },
  routes: [
    {
      gateway: { name: 'public', namespace: 'gateways' },
      hostnames: ['pay.example.com'],
      paths: ['/api/payments'],
      timeout: '30s',
      auth: {
        type: 'jwt',
        jwt: {
          issuer: 'https://auth.example.com',
          jwksUri: 'https://auth.example.com/jwks.json',
        },
      },
      rateLimit: { requests: 20, unit: 'Second' },
    },
  ],
  slo: { objective: 99.9 },
  rollout: {
    strategy: 'canary',
    canary: {
      steps: [
        { setWeight: 10, pause: '5m' },
        { setWeight: 50, pause: {} },
      ],
      canaryService: 'payments-canary',
      stableService: 'payments-stable',
    },
  },
  resilience: { preset: 'strict' },
};

describe('generated manifests with kubectl apply --server-side --dry-run=server', () => {
  let sim: KubeSim;
  let home: string;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  const generate = createKmopManifestsGenerateAction();

  function kubectl(...args: string[]): Promise<string> {
    return new Promise((done, fail) => {
      execFile(
        KUBECTL,
        ['--cache-dir', join(home, 'cache'), ...args],
        {
          env: {
            PATH: process.env.PATH,
            HOME: home,
            KUBECONFIG: join(home, 'config'),
          },
          timeout: 60_000,
        },
        (error, stdout, stderr) =>
          error || stderr.trim() !== ''
            ? fail(
                new Error(
                  `kubectl ${args.join(' ')}: ${
                    error?.message ?? ''
                  }\n${stderr}${stdout}`,
                ),
              )
            : done(stdout),
      );
    });
  }

  beforeAll(async () => {
    if (!existsSync(KUBECTL)) {
      throw new Error(
        `kubectl is required at ${KUBECTL} for this test (apt-get install -y kubectl)`,
      );
    }
    sim = await startKubeSim({ port: 0, seeds: SEEDS });
    home = await mkdtemp(join(tmpdir(), 'kmop-kubectl-'));
    await writeFile(
      join(home, 'config'),
      yaml.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'sim', cluster: { server: sim.url } }],
        users: [{ name: 'tester', user: {} }],
        contexts: [
          { name: 'sim', context: { cluster: 'sim', user: 'tester' } },
        ],
        'current-context': 'sim',
      }),
    );
  });
  afterAll(async () => {
    await sim?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });
  beforeEach(async () => {
    ws = await createWorkspace();
  });
  afterEach(() => ws.cleanup());

  it.each([
    [['gateway-api', 'argo-rollouts', 'sloth', 'istio'], { maxBurnRate: 2 }],
    [['envoy-gateway', 'flagger', 'pyrra'], {}],
    ['kmop', {}],
  ] as const)(
    'accepts the %j manifests and stores nothing',
    async (flavour, gate) => {
      const ctx = mockContext(
        generate,
        { ...service, rollout: { ...service.rollout, ...gate }, flavour },
        { workspacePath: ws.path },
      );
      await generate.handler(ctx);
      const files = (ctx.output as jest.Mock).mock.calls.find(
        c => c[0] === 'files',
      )![1] as string[];

      const out = await kubectl(
        'apply',
        '--server-side',
        '--dry-run=server',
        '-f',
        join(ws.path, 'kmop'),
      );
      const lines = out.trim().split('\n');
      expect(lines).toHaveLength(files.length);
      expect(
        lines.every(l => / serverside-applied \(server dry run\)$/.test(l)),
      ).toBe(true);
      expect(out).toMatch(/\/payments serverside-applied/);

      const stored = await kubectl(
        'get',
        'deployments,services',
        '-n',
        'payments',
        '-o',
        'name',
      );
      expect(stored.trim()).toBe('');
    },
  );
});
