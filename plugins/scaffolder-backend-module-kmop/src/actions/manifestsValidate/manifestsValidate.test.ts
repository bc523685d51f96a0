import { InputError } from '@backstage/errors';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'yaml';
import { mockContext } from '../../__testUtils__/mockContext';
import {
  createWorkspace,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { createKmopManifestsValidateAction } from './manifestsValidate';
import { examples } from './manifestsValidate.examples';

const rolloutPolicy = (weights: number[]) => `apiVersion: kmop.dev/v1alpha1
kind: RolloutPolicy
metadata:
  name: payments
  namespace: payments
spec:
  serviceRef: payments
  strategy: canary
  canary:
    steps:
${weights.map(w => `      - setWeight: ${w}`).join('\n')}
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: payments
  namespace: payments
spec:
  selector: { app.kubernetes.io/name: payments }
  ports: [{ name: http, port: 8080, targetPort: http }]
`;

const argoRollout = (weight: unknown) => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: payments
  namespace: payments
spec:
  selector: { matchLabels: { app.kubernetes.io/name: payments } }
  workloadRef: { apiVersion: apps/v1, kind: Deployment, name: payments }
  strategy:
    canary:
      steps:
        - setWeight: ${JSON.stringify(weight)}
`;

const widget = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: gadget
`;

describe('kmop:manifests:validate', () => {
  const action = createKmopManifestsValidateAction();
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  afterEach(() => ws?.cleanup());

  async function run(input: unknown) {
    const ctx = mockContext(action, input, { workspacePath: ws.path });
    const error = await action.handler(ctx).then(
      () => undefined,
      e => e,
    );
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    return { ctx, error, outputs };
  }

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_, example) => {
      ws = await createWorkspace({
        'kmop/rolloutpolicy-payments.yaml': rolloutPolicy([10, 50]),
        'kmop/native/service.yml': service,
        'deploy/rollout.yaml': `${service}---\n${argoRollout(20)}`,
      });
      const { error, outputs } = await run(
        yaml.parse(example.example).steps[0].input,
      );
      expect(error).toBeUndefined();
      expect(outputs.valid).toBe(true);
      expect(outputs.errors).toEqual([]);
      expect(outputs.files.length).toBeGreaterThan(0);
    },
  );

  it('finds .yaml and .yml files recursively and accepts valid KMOP and native documents', async () => {
    ws = await createWorkspace({
      'kmop/rolloutpolicy-payments.yaml': rolloutPolicy([10, 50]),
      'kmop/native/service.yml': service,
      'kmop/native/rollout.yaml': argoRollout(20),
      'kmop/notes.txt': 'not yaml',
    });
    const { error, outputs } = await run({});
    expect(error).toBeUndefined();
    expect(outputs).toEqual({
      valid: true,
      files: [
        'kmop/native/rollout.yaml',
        'kmop/native/service.yml',
        'kmop/rolloutpolicy-payments.yaml',
      ],
      errors: [],
      warnings: [],
    });
  });

  it('lists every error with file, document and field path, and fails the step', async () => {
    ws = await createWorkspace({
      'kmop/rollout.yaml': rolloutPolicy([10, 50, 150]),
      'kmop/native.yaml': `${service}---\n${argoRollout('half')}---\n${widget}`,
      'kmop/broken.yaml': 'kind: [unclosed\n',
      'kmop/again.yaml': service,
    });
    const { error, outputs, ctx } = await run({ path: 'kmop' });
    expect(error).toBeInstanceOf(InputError);
    expect(outputs.valid).toBe(false);
    expect(outputs.errors).toEqual([
      expect.stringMatching(/^kmop\/broken\.yaml doc 1: /),
      'kmop/native.yaml doc 1: metadata.name: is already used by kmop/again.yaml doc 1 (Service. payments/payments)',
      'kmop/rollout.yaml doc 1: spec.canary.steps[2].setWeight: must be ≤ 100',
      'kmop/native.yaml doc 2: spec.strategy.canary.steps[0].setWeight: must be integer',
    ]);
    expect(outputs.warnings).toEqual([
      'kmop/native.yaml doc 3: example.com/v1 Widget is not a kind KMOP has a schema for; not validated',
    ]);
    expect(ctx.logger.warn).toHaveBeenCalledWith(outputs.warnings[0]);
    for (const line of outputs.errors) {
      expect(error.message).toContain(line);
    }
    expect(error.message).toMatch(/^4 problems in kmop:/);
  });

  it('reports documents that are not objects and KMOP documents of unknown versions', async () => {
    ws = await createWorkspace({
      'm.yaml': `- a list\n---\napiVersion: kmop.dev/v1\nkind: RolloutPolicy\nmetadata: { name: x }\n`,
    });
    const { outputs } = await run({ path: 'm.yaml' });
    expect(outputs.errors).toEqual([
      'm.yaml doc 1: must be a Kubernetes object (a map with apiVersion and kind)',
      'm.yaml doc 2: apiVersion: must be kmop.dev/v1alpha1',
      'm.yaml doc 2: spec: is required',
    ]);
  });

  it('passes a directory holding only kinds it cannot validate, with warnings', async () => {
    ws = await createWorkspace({ 'kmop/widget.yaml': widget });
    const { error, outputs } = await run({});
    expect(error).toBeUndefined();
    expect(outputs.valid).toBe(true);
    expect(outputs.warnings).toHaveLength(1);
  });

  it('skips links that lead out of the workspace', async () => {
    const outside = await createWorkspace({ 'bad.yaml': rolloutPolicy([500]) });
    try {
      ws = await createWorkspace({ 'kmop/ok.yaml': service });
      await symlink(
        join(outside.path, 'bad.yaml'),
        join(ws.path, 'kmop/bad.yaml'),
      );
      await symlink(outside.path, join(ws.path, 'kmop/elsewhere'));
      await symlink(join(ws.path, 'kmop'), join(ws.path, 'kmop/loop'));
      const { error, outputs, ctx } = await run({});
      expect(error).toBeUndefined();
      expect(outputs.files).toEqual(['kmop/ok.yaml']);
      expect(ctx.logger.warn).toHaveBeenCalledWith(
        'kmop/bad.yaml: a link that leads out of the workspace; not read',
      );
    } finally {
      await outside.cleanup();
    }
  });

  it.each([
    [
      'a path outside the workspace',
      { path: '../../etc' },
      /input\.path must stay inside the workspace/,
    ],
    [
      'an absolute path',
      { path: '/etc/hosts' },
      /input\.path must be a path relative to the workspace/,
    ],
    [
      'a missing path',
      { path: 'nothing-here' },
      /input\.path: nothing-here does not exist/,
    ],
    [
      'a directory without YAML',
      { path: 'docs' },
      /input\.path: no \.yaml or \.yml files under docs/,
    ],
  ])('rejects %s without touching the workspace', async (_, input, message) => {
    ws = await createWorkspace({
      'docs/readme.md': '# hi\n',
      'kmop/ok.yaml': service,
    });
    const before = await snapshotDirectory(ws.path);
    const { error } = await run(input);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(message);
    expect(await snapshotDirectory(ws.path)).toEqual(before);
  });
});
