import { validateDocuments } from '@kmop/plugin-kmop-node';
import { InputError } from '@backstage/errors';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'yaml';
import { mockContext } from '../../__testUtils__/mockContext';
import {
  createWorkspace,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { createKmopManifestsGenerateAction } from './manifestsGenerate';
import { examples } from './manifestsGenerate.examples';

const base = {
  name: 'payments',
  namespace: 'payments',
  owner: 'group:default/payments-team',
  image: 'ghcr.io/acme/payments:1.0.0',
};

async function readDocuments(file: string) {
  const docs = yaml.parseAllDocuments(await readFile(file, 'utf8'));
  if (!Array.isArray(docs)) return [];
  return docs.map(d => d.toJS());
}

describe('kmop:manifests:generate', () => {
  const action = createKmopManifestsGenerateAction();
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let outside: Awaited<ReturnType<typeof createWorkspace>>;

  beforeAll(async () => {
    outside = await createWorkspace();
  });
  afterAll(() => outside.cleanup());
  beforeEach(async () => {
    ws = await createWorkspace({ 'README.md': '# service\n' });
  });
  afterEach(() => ws.cleanup());

  async function run(input: unknown) {
    const ctx = mockContext(action, input, { workspacePath: ws.path });
    await action.handler(ctx);
    const files = (ctx.output as jest.Mock).mock.calls.find(
      c => c[0] === 'files',
    )![1] as string[];
    return { ctx, files };
  }

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_, example) => {
      const input = yaml.parse(example.example).steps[0].input;
      const { files } = await run(input);
      expect(files.length).toBeGreaterThan(0);
      const dir = input.targetDir ?? 'kmop';
      const documents = [];
      for (const file of files) {
        expect(file.startsWith(`${dir}/`)).toBe(true);
        const docs = await readDocuments(join(ws.path, file));
        expect(docs).toHaveLength(1);
        const [doc] = docs;
        expect(file).toBe(
          `${dir}/${doc.kind.toLowerCase()}-${doc.metadata.name}.yaml`,
        );
        expect(doc.metadata.labels).toMatchObject({
          'app.kubernetes.io/name': input.name,
          'backstage.io/kubernetes-id': input.name,
          'app.kubernetes.io/managed-by': 'kmop',
        });
        documents.push({ file, index: 1, value: doc });
      }
      // KMOP resources against the KMOP schemas, native ones against theirs.
      await expect(validateDocuments(documents)).resolves.toEqual({
        problems: [],
        errors: [],
        warnings: [],
      });
    },
  );

  it('logs what a target cannot express', async () => {
    const { ctx } = await run(yaml.parse(examples[1].example).steps[0].input);
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/Istio has no rate limit resource/),
    );
  });

  it('writes the five KMOP kinds with what the input says', async () => {
    const input = yaml.parse(examples[0].example).steps[0].input;
    const { files, ctx } = await run(input);
    expect(files).toEqual([
      'kmop/microservice-payments.yaml',
      'kmop/gatewayroute-payments.yaml',
      'kmop/servicelevelobjective-payments-availability.yaml',
      'kmop/rolloutpolicy-payments.yaml',
      'kmop/resiliencepolicy-payments.yaml',
    ]);
    const [rollout] = await readDocuments(
      join(ws.path, 'kmop/rolloutpolicy-payments.yaml'),
    );
    expect(rollout.spec).toEqual({
      serviceRef: 'payments',
      strategy: 'canary',
      canary: {
        steps: [
          { setWeight: 10 },
          { pause: { duration: '5m' } },
          { setWeight: 50 },
          { pause: { duration: '10m' } },
        ],
      },
      sloGate: { sloRef: 'payments-availability', maxBurnRate: 2 },
      autoPromote: false,
    });
    const [slo] = await readDocuments(
      join(ws.path, 'kmop/servicelevelobjective-payments-availability.yaml'),
    );
    expect(slo.spec.indicator).toEqual({
      type: 'ratio',
      errorQuery:
        'sum(rate(http_requests_total{service="payments",code=~"5.."}[{{.window}}]))',
      totalQuery:
        'sum(rate(http_requests_total{service="payments"}[{{.window}}]))',
    });
    const [resilience] = await readDocuments(
      join(ws.path, 'kmop/resiliencepolicy-payments.yaml'),
    );
    expect(resilience.spec.retries).toEqual({
      attempts: 3,
      retryOn: ['5xx', 'reset', 'connect-failure'],
      perTryTimeout: '3s',
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'resources',
      expect.arrayContaining([
        {
          apiVersion: 'kmop.dev/v1alpha1',
          kind: 'RolloutPolicy',
          name: 'payments',
          file: 'kmop/rolloutpolicy-payments.yaml',
        },
      ]),
    );
    const text = await readFile(
      join(ws.path, 'kmop/microservice-payments.yaml'),
      'utf8',
    );
    expect(text.startsWith('# Generated by kmop:manifests:generate\n')).toBe(
      true,
    );
  });

  it('keeps a description that looks like a second document inside one document', async () => {
    const { files } = await run({
      ...base,
      slo: {
        objective: 99,
        description:
          'x\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen',
      },
    });
    const file = files.find(f => f.includes('servicelevelobjective'))!;
    const docs = await readDocuments(join(ws.path, file));
    expect(docs).toHaveLength(1);
    expect(docs[0].spec.description).toBe(
      'x\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen',
    );
  });

  it('moves files into an existing directory, keeping other files there', async () => {
    await mkdir(join(ws.path, 'kmop'));
    await writeFile(join(ws.path, 'kmop/keep.txt'), 'mine');
    await writeFile(join(ws.path, 'kmop/microservice-payments.yaml'), 'old');
    await run(base);
    expect(await readFile(join(ws.path, 'kmop/keep.txt'), 'utf8')).toBe('mine');
    const [ms] = await readDocuments(
      join(ws.path, 'kmop/microservice-payments.yaml'),
    );
    expect(ms.kind).toBe('Microservice');
    expect(
      Object.keys(await snapshotDirectory(ws.path)).filter(p =>
        p.includes('staging'),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'a target directory outside the workspace',
      { ...base, targetDir: '../../etc' },
      /input\.targetDir must stay inside the workspace/,
    ],
    [
      'an absolute target directory',
      { ...base, targetDir: '/etc' },
      /input\.targetDir must be a path relative to the workspace/,
    ],
    [
      'a target directory through a link out of the workspace',
      { ...base, targetDir: 'out/kmop' },
      /input\.targetDir must stay inside the workspace/,
    ],
    [
      'an upper-case service name',
      { ...base, name: 'Payments' },
      /input\.name must be a DNS-1123 label/,
    ],
    [
      'a service name with an underscore',
      { ...base, name: 'pay_ments' },
      /input\.name must be a DNS-1123 label/,
    ],
    [
      'a namespace that is not a DNS label',
      { ...base, namespace: 'pay.ments' },
      /input\.namespace must be a DNS-1123 label/,
    ],
    [
      'a name that injects a second YAML document',
      { ...base, name: 'payments\n---\nkind: Secret' },
      /input\.name must be a DNS-1123 label/,
    ],
    [
      'a hostname that injects a second YAML document',
      {
        ...base,
        routes: [
          {
            gateway: { name: 'public' },
            hostnames: ['a.example.com\n---\nkind: Secret'],
          },
        ],
      },
      /input\.routes\[0\]\.hostnames\[0\] must be a lower-case DNS name/,
    ],
    [
      'a canary weight over 100',
      {
        ...base,
        rollout: {
          strategy: 'canary',
          canary: { steps: [{ setWeight: 10 }, { setWeight: 150 }] },
        },
      },
      /input\.rollout\.canary\.steps\[1\]\.setWeight must be ≤ 100/,
    ],
    [
      'a pause that is not a duration',
      {
        ...base,
        rollout: {
          strategy: 'canary',
          canary: { steps: [{ pause: '5 minutes' }] },
        },
      },
      /input\.rollout\.canary\.steps\[0\]\.pause must be a duration/,
    ],
    [
      'an objective of 100',
      { ...base, slo: { objective: 100 } },
      /input\.slo\.objective must be < 100/,
    ],
    [
      'an objective above 100',
      { ...base, slo: { objective: 100.5 } },
      /input\.slo\.objective must be < 100/,
    ],
    ['an unknown flavour', { ...base, flavour: ['nginx'] }, /input\.flavour/],
    [
      'an unknown flavour word',
      { ...base, flavour: 'native' },
      /input\.flavour/,
    ],
    [
      'a flavour that cannot take the route',
      {
        ...base,
        routes: [{ gateway: { name: 'public' }, hostnames: ['a.example.com'] }],
        flavour: ['sloth'],
      },
      /input\.flavour: GatewayRoute payments needs one of the targets gateway-api, envoy-gateway/,
    ],
    [
      'a query Pyrra cannot take',
      {
        ...base,
        slo: {
          objective: 99,
          indicator: { errorQuery: 'sum(x)', totalQuery: 'sum(y)' },
        },
        flavour: ['pyrra'],
      },
      /input\.slo: .*spec\.indicator\.errorQuery must read sum\(rate/,
    ],
    [
      'a burn-rate gate without an SLO',
      { ...base, rollout: { maxBurnRate: 2 } },
      /input\.rollout\.maxBurnRate needs input\.slo/,
    ],
    [
      'a canary without steps',
      { ...base, rollout: { strategy: 'canary' } },
      /input\.rollout\.canary is required/,
    ],
    [
      'a latency threshold the skeleton histogram lacks',
      {
        ...base,
        slo: {
          objective: 99,
          indicator: { type: 'latency', threshold: '123ms' },
        },
      },
      /input\.slo\.indicator\.threshold must be a bucket/,
    ],
    [
      'a route timeout in a unit KMOP does not take',
      {
        ...base,
        routes: [
          {
            gateway: { name: 'public' },
            hostnames: ['a.example.com'],
            timeout: '1h30m',
          },
        ],
      },
      /input\.routes\[0\]\.timeout must be a duration/,
    ],
    [
      'a disruption budget with both fields',
      {
        ...base,
        resilience: {
          overrides: {
            disruptionBudget: { minAvailable: 1, maxUnavailable: 1 },
          },
        },
      },
      /input\.resilience\.overrides\.disruptionBudget must set exactly one/,
    ],
    [
      'two routes with the same name',
      {
        ...base,
        routes: [
          {
            name: 'web',
            gateway: { name: 'public' },
            hostnames: ['a.example.com'],
          },
          {
            name: 'web',
            gateway: { name: 'public' },
            hostnames: ['b.example.com'],
          },
        ],
      },
      /input\.routes\[1\]: GatewayRoute\/web has the same name/,
    ],
  ])(
    'rejects %s with an InputError and writes nothing',
    async (_, input, message) => {
      await symlink(outside.path, join(ws.path, 'out'));
      const before = await snapshotDirectory(ws.path);
      const ctx = mockContext(action, input, { workspacePath: ws.path });
      const error = await action.handler(ctx).catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(message);
      expect(await snapshotDirectory(ws.path)).toEqual(before);
      expect(await snapshotDirectory(outside.path)).toEqual({});
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it('lists every input problem at once', async () => {
    const ctx = mockContext(
      action,
      {
        ...base,
        port: 70000,
        slo: { objective: 0 },
        rollout: { strategy: 'sideways' },
      },
      { workspacePath: ws.path },
    );
    const error = await action.handler(ctx).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/input\.port must be ≤ 65535/);
    expect(error.message).toMatch(/input\.slo\.objective must be > 0/);
    expect(error.message).toMatch(
      /input\.rollout\.strategy must be one of rolling, canary, blueGreen/,
    );
  });
});
