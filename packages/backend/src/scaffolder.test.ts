import {
  DryRunResponse,
  dryRunFiles,
  startScaffolderBackend,
} from './__testUtils__/scaffolderBackend';
import { KubeSim, freePort, startKubeSim } from '@kmop/kube-sim';
import { validateKmopResource } from '@kmop/plugin-kmop-common';
import { execFile, spawn } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import yaml from 'yaml';

/*
 * The golden-path template run end to end through the real scaffolder: its
 * dry-run API renders the skeleton and runs every step (fetch:template and the
 * KMOP actions all support dry runs) in a temporary workspace.
 */

const TEMPLATE_DIR = resolve(
  __dirname,
  '../../../examples/templates/kmop-microservice',
);
/** Starting a test backend takes a few seconds; more on a loaded CI machine. */
const TIMEOUT = 60_000;

const catalogEntities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'storefront', namespace: 'default' },
    spec: { owner: 'group:default/payments-team' },
  },
];

const values = {
  name: 'ledger',
  description: 'Keeps the books: "double entry"\n---\nkind: Secret',
  owner: 'group:default/payments-team',
  system: 'system:default/storefront',
  namespace: 'payments',
  imageRepository: 'ghcr.io/acme',
  port: 8080,
  gatewayName: 'public',
  gatewayNamespace: 'gateways',
  hostname: 'ledger.example.com',
  paths: ['/api/ledger'],
  sloObjective: 99.9,
  sloWindow: '30d',
  rolloutStrategy: 'canary',
  canarySteps: [{ setWeight: 10, pause: '5m' }, { setWeight: 50 }],
  autoPromote: false,
  resiliencePreset: 'strict',
  requestTimeout: '15s',
  retryAttempts: 3,
  manifests: 'kmop',
  nativeTargets: ['gateway-api', 'argo-rollouts', 'sloth', 'istio'],
  lifecycle: 'experimental',
  cluster: 'demo',
};

const CLUSTER_SEEDS = [
  resolve(__dirname, '../../../examples/cluster/crds'),
  resolve(__dirname, '../../../plugins/kmop-common/crds'),
  resolve(__dirname, '../../../examples/cluster/namespaces.yaml'),
];

/** The template folder as the dry-run API takes it. */
function directoryContents(
  dir: string,
): { path: string; base64Content: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile())
    .map(entry => {
      const full = join(entry.parentPath, entry.name);
      return {
        path: relative(dir, full).split('\\').join('/'),
        base64Content: readFileSync(full).toString('base64'),
      };
    });
}

describe('the kmop-microservice template through the scaffolder', () => {
  const template = yaml.parse(
    readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
  let server: Awaited<ReturnType<typeof startScaffolderBackend>>;
  let sim: KubeSim;

  beforeAll(async () => {
    // The cluster the template applies to; a dry run must leave it untouched.
    sim = await startKubeSim({ seeds: CLUSTER_SEEDS });
    server = await startScaffolderBackend({
      clusterUrl: sim.url,
      entities: catalogEntities,
    });
  }, TIMEOUT);

  afterAll(async () => {
    await sim?.close();
  });

  /** What the cluster holds beyond its seeds. */
  const applied = () =>
    [
      ['kmop.dev/v1alpha1', 'Microservice'],
      ['kmop.dev/v1alpha1', 'GatewayRoute'],
      ['apps/v1', 'Deployment'],
      ['argoproj.io/v1alpha1', 'Rollout'],
    ].flatMap(([apiVersion, kind]) => sim.store.list(apiVersion, kind));

  async function dryRun(
    overrides: Record<string, unknown>,
  ): Promise<DryRunResponse> {
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .send({
        template,
        values: { ...values, ...overrides },
        secrets: {},
        directoryContents: directoryContents(TEMPLATE_DIR),
      });
    if (response.status !== 200) {
      throw new Error(
        `dry run answered ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response.body;
  }

  function completedSteps(response: DryRunResponse): string[] {
    return response.log
      .filter(l => l.body.status === 'completed' && l.body.stepId)
      .map(l => l.body.stepId!);
  }

  it(
    'runs every step and writes valid KMOP resources and an annotated catalog-info.yaml',
    async () => {
      const result = await dryRun({});
      expect(result.steps.map(s => s.action)).toEqual([
        'fetch:template',
        'kmop:manifests:generate',
        'kmop:manifests:validate',
        'kmop:catalog:annotate',
        'kmop:manifests:apply',
        'kmop:catalog:wait',
      ]);
      expect(completedSteps(result)).toEqual([
        'fetch',
        'generate',
        'validate',
        'annotate',
        'apply',
        'wait',
      ]);
      // The apply step only ran the server-side dry run.
      expect(result.output.text?.[0].content).toContain(
        'applied to\ncluster `demo` (server dry run only)',
      );
      expect(applied()).toEqual([]);
      expect(result.output.links).toEqual([
        {
          title: 'Open ledger',
          icon: 'catalog',
          url: '/catalog/default/component/ledger/kmop',
        },
      ]);

      const out = dryRunFiles(result);
      const manifests = [...out.keys()]
        .filter(p => p.startsWith('kmop/'))
        .sort();
      expect(manifests).toEqual([
        'kmop/gatewayroute-ledger.yaml',
        'kmop/microservice-ledger.yaml',
        'kmop/resiliencepolicy-ledger.yaml',
        'kmop/rolloutpolicy-ledger.yaml',
        'kmop/servicelevelobjective-ledger-availability.yaml',
      ]);
      for (const path of manifests) {
        const docs = yaml.parseAllDocuments(out.get(path)!);
        expect(docs).toHaveLength(1);
        const validation = validateKmopResource(
          (docs as yaml.Document[])[0].toJS(),
        );
        expect(validation).toMatchObject({ ok: true });
      }
      const rollout = yaml.parse(out.get('kmop/rolloutpolicy-ledger.yaml')!);
      expect(rollout.spec.canary.steps).toEqual([
        { setWeight: 10 },
        { pause: { duration: '5m' } },
        { setWeight: 50 },
      ]);
      const resilience = yaml.parse(
        out.get('kmop/resiliencepolicy-ledger.yaml')!,
      );
      expect(resilience.spec.timeouts.request).toBe('15s');
      expect(resilience.spec.retries.attempts).toBe(3);
      expect(resilience.spec.rateLimit).toEqual({
        requests: 100,
        unit: 'Second',
      });

      const catalogInfo = yaml.parseAllDocuments(out.get('catalog-info.yaml')!);
      expect(catalogInfo).toHaveLength(1);
      const entity = (catalogInfo as yaml.Document[])[0].toJS();
      expect(entity.metadata).toMatchObject({
        name: 'ledger',
        description: values.description,
        annotations: {
          'kmop.dev/service-name': 'ledger',
          'backstage.io/kubernetes-id': 'ledger',
          'backstage.io/kubernetes-namespace': 'payments',
        },
      });
      expect(entity.spec).toEqual({
        type: 'service',
        lifecycle: 'experimental',
        owner: 'group:default/payments-team',
        system: 'system:default/storefront',
      });

      const pkg = JSON.parse(out.get('package.json')!);
      expect(pkg.name).toBe('ledger');
      expect(out.get('src/main.ts')).toContain(
        "process.env.SERVICE_NAME ?? 'ledger'",
      );
      expect(out.get('Dockerfile')).toContain('EXPOSE 8080');
      expect(result.output.text?.[0].content).toContain(
        'kmop/rolloutpolicy-ledger.yaml',
      );
    },
    TIMEOUT,
  );

  it(
    'writes native manifests when asked, and omits the system when none is chosen',
    async () => {
      const result = await dryRun({
        manifests: 'native',
        system: undefined,
        rolloutStrategy: 'blueGreen',
      });
      // No Microservice, so no entity to wait for.
      expect(completedSteps(result)).toEqual([
        'fetch',
        'generate',
        'validate',
        'annotate',
        'apply',
      ]);
      expect(applied()).toEqual([]);
      const out = dryRunFiles(result);
      const kinds = [...out.keys()]
        .filter(p => p.startsWith('kmop/'))
        .map(p => yaml.parse(out.get(p)!).kind)
        .sort();
      expect(kinds).toEqual([
        'Deployment',
        'DestinationRule',
        'HTTPRoute',
        'PodDisruptionBudget',
        'PrometheusServiceLevel',
        'Rollout',
        'Service',
        'Service',
        'VirtualService',
      ]);
      const entity = yaml.parse(out.get('catalog-info.yaml')!);
      expect(entity.spec.system).toBeUndefined();
      expect(entity.metadata.annotations['kmop.dev/service-name']).toBe(
        'ledger',
      );
    },
    TIMEOUT,
  );

  it(
    'rejects a canary weight over 100 before any step runs',
    async () => {
      const response = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .send({
          template,
          values: {
            ...values,
            canarySteps: [{ setWeight: 10 }, { setWeight: 150 }],
          },
          secrets: {},
          directoryContents: directoryContents(TEMPLATE_DIR),
        });
      // The template's own parameter schema already rejects the weight.
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toMatch(
        /canarySteps\[1\]\.setWeight|must be less than or equal to 100/,
      );
    },
    TIMEOUT,
  );

  it(
    'fails the generate step on input the form lets through, naming the field',
    async () => {
      const response = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .send({
          template,
          values: { ...values, imageRepository: 'ghcr.io/acme corp' },
          secrets: {},
          directoryContents: directoryContents(TEMPLATE_DIR),
        });
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      // The scaffolder checks the action's JSON Schema (built from its zod schema) first.
      expect(response.body.error.message).toMatch(
        /kmop:manifests:generate, instance\.image does not match pattern/,
      );
      expect(response.body).not.toHaveProperty('directoryContents');
    },
    TIMEOUT,
  );

  it(
    'renders a skeleton that type-checks and serves health, readiness and metrics',
    async () => {
      const out = dryRunFiles(await dryRun({}));
      const dir = mkdtempSync(join(tmpdir(), 'kmop-skeleton-'));
      try {
        for (const [path, content] of out) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), content);
        }
        const nodeTypes = dirname(
          dirname(require.resolve('@types/node/package.json')),
        );
        await promisify(execFile)(process.execPath, [
          require.resolve('typescript/bin/tsc'),
          '-p',
          join(dir, 'tsconfig.json'),
          '--noEmit',
          '--typeRoots',
          nodeTypes,
          '--types',
          'node',
        ]);

        const port = await freePort();
        const service = spawn(process.execPath, ['src/main.ts'], {
          cwd: dir,
          env: { PATH: process.env.PATH, PORT: String(port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        try {
          await new Promise<void>((ready, fail) => {
            service.stdout.on('data', (chunk: Buffer) => {
              if (chunk.toString().includes('"listening"')) ready();
            });
            service.once('exit', code =>
              fail(new Error(`the service exited with ${code}`)),
            );
          });
          const base = `http://127.0.0.1:${port}`;
          expect((await fetch(`${base}/healthz`)).status).toBe(200);
          expect((await fetch(`${base}/readyz`)).status).toBe(200);
          expect(await (await fetch(`${base}/`)).json()).toEqual({
            service: 'ledger',
            status: 'ok',
          });
          expect((await fetch(`${base}/nope`)).status).toBe(404);
          const metrics = await (await fetch(`${base}/metrics`)).text();
          expect(metrics).toContain(
            'http_requests_total{service="ledger",method="GET",route="/healthz",code="200"} 1',
          );
          expect(metrics).toContain(
            'http_requests_total{service="ledger",method="GET",route="other",code="404"} 1',
          );
          expect(metrics).toMatch(
            /http_request_duration_seconds_bucket\{service="ledger",method="GET",route="\/healthz",le="\+Inf"\} 1\n/,
          );
          expect(metrics).toMatch(
            /http_request_duration_seconds_count\{service="ledger",method="GET",route="\/readyz"\} 1\n/,
          );
        } finally {
          const exited = new Promise(done => service.once('exit', done));
          service.kill('SIGTERM');
          await exited;
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});
