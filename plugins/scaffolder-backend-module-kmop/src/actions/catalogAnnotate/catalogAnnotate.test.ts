import { InputError } from '@backstage/errors';
import { readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'yaml';
import { mockContext } from '../../__testUtils__/mockContext';
import {
  createWorkspace,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { createKmopCatalogAnnotateAction } from './catalogAnnotate';
import { examples } from './catalogAnnotate.examples';

const single = `# The payments service
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments # the entity name
  description: Takes payments
  annotations:
    github.com/project-slug: acme/payments # repository
spec:
  type: service
  owner: group:default/payments-team
  lifecycle: production
`;

const multi = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
spec:
  type: service
  owner: payments-team
  lifecycle: production
---
# the worker
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-worker
  annotations:
spec:
  type: service
  owner: payments-team
  lifecycle: production
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-openapi
spec: { type: openapi, owner: payments-team, lifecycle: production, definition: "x" }
`;

describe('kmop:catalog:annotate', () => {
  const action = createKmopCatalogAnnotateAction();
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let outside: Awaited<ReturnType<typeof createWorkspace>>;

  beforeAll(async () => {
    outside = await createWorkspace({ 'catalog-info.yaml': single });
  });
  afterAll(() => outside.cleanup());

  beforeEach(async () => {
    ws = await createWorkspace({
      'catalog-info.yaml': single,
      'catalog/catalog-info.yaml': multi,
      'broken.yaml': 'kind: Component\n---\nmetadata: [unclosed\n',
    });
    await symlink(
      join(outside.path, 'catalog-info.yaml'),
      join(ws.path, 'linked.yaml'),
    );
  });
  afterEach(() => ws.cleanup());

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_, example) => {
      const input = yaml.parse(example.example).steps[0].input;
      const ctx = mockContext(action, input, { workspacePath: ws.path });
      await action.handler(ctx);
      const file = join(ws.path, input.path ?? 'catalog-info.yaml');
      const docs = yaml
        .parseAllDocuments(await readFile(file, 'utf8'))
        .map(d => d.toJS());
      const target = docs.find(
        d =>
          d.kind === 'Component' &&
          (input.entityName === undefined ||
            d.metadata.name === input.entityName),
      );
      const expected = Object.fromEntries(
        [
          ['kmop.dev/service-name', input.serviceName],
          ['backstage.io/kubernetes-id', input.kubernetesId],
          ['backstage.io/kubernetes-namespace', input.namespace],
        ].filter(([, value]) => value !== undefined),
      );
      expect(target.metadata.annotations).toMatchObject(expected);
      expect(ctx.output).toHaveBeenCalledWith('annotations', expected);
      expect(ctx.output).toHaveBeenCalledWith(
        'entityName',
        target.metadata.name,
      );
    },
  );

  it('keeps comments, key order and other annotations', async () => {
    const ctx = mockContext(
      action,
      { serviceName: 'payments', kubernetesId: 'payments' },
      { workspacePath: ws.path },
    );
    await action.handler(ctx);
    const text = await readFile(join(ws.path, 'catalog-info.yaml'), 'utf8');
    expect(text).toBe(`# The payments service
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments # the entity name
  description: Takes payments
  annotations:
    github.com/project-slug: acme/payments # repository
    kmop.dev/service-name: payments
    backstage.io/kubernetes-id: payments
spec:
  type: service
  owner: group:default/payments-team
  lifecycle: production
`);
    expect(ctx.output).toHaveBeenCalledWith('path', 'catalog-info.yaml');
  });

  it('annotates the named Component of a multi-document file, even with empty annotations', async () => {
    const ctx = mockContext(
      action,
      {
        path: 'catalog/catalog-info.yaml',
        entityName: 'payments-worker',
        serviceName: 'payments-worker',
      },
      { workspacePath: ws.path },
    );
    await action.handler(ctx);
    const text = await readFile(
      join(ws.path, 'catalog/catalog-info.yaml'),
      'utf8',
    );
    const docs = yaml.parseAllDocuments(text).map(d => d.toJS());
    expect(docs).toHaveLength(3);
    expect(docs[0].metadata.annotations).toBeUndefined();
    expect(docs[1].metadata.annotations).toEqual({
      'kmop.dev/service-name': 'payments-worker',
    });
    expect(docs[2].metadata.name).toBe('payments-openapi');
    expect(text).toContain('# the worker');
  });

  it.each([
    [
      'several Components without entityName',
      { path: 'catalog/catalog-info.yaml', serviceName: 'payments' },
      /input\.entityName is required: catalog\/catalog-info\.yaml holds 2 Components \(payments-api, payments-worker\)/,
    ],
    [
      'an entityName that matches no Component',
      {
        path: 'catalog/catalog-info.yaml',
        entityName: 'payments-openapi',
        serviceName: 'payments',
      },
      /input\.entityName: .* no Component named "payments-openapi"/,
    ],
    [
      'a path outside the workspace',
      { path: '../../etc/passwd', serviceName: 'payments' },
      /input\.path must stay inside the workspace/,
    ],
    [
      'an absolute path',
      { path: '/etc/passwd', serviceName: 'payments' },
      /input\.path must be a path relative to the workspace/,
    ],
    [
      'a symbolic link that leads out of the workspace',
      { path: 'linked.yaml', serviceName: 'payments' },
      /input\.path must stay inside the workspace/,
    ],
    [
      'a service name that is not a DNS-1123 label',
      { serviceName: 'Payments_Service' },
      /input\.serviceName must be a DNS-1123 label/,
    ],
    [
      'a service name that would inject a second YAML document',
      { serviceName: 'payments\n---\nkind: Secret' },
      /input\.serviceName must be a DNS-1123 label/,
    ],
    [
      'a file with a YAML syntax error, naming file and document',
      { path: 'broken.yaml', serviceName: 'payments' },
      /^broken\.yaml doc 2: /,
    ],
    [
      'a missing file',
      { path: 'nope.yaml', serviceName: 'payments' },
      /input\.path: cannot read nope\.yaml/,
    ],
  ])('rejects %s and changes nothing', async (_, input, message) => {
    const before = await snapshotDirectory(ws.path);
    const outsideBefore = await snapshotDirectory(outside.path);
    const ctx = mockContext(action, input, { workspacePath: ws.path });
    const error = await action.handler(ctx).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(message);
    expect(await snapshotDirectory(ws.path)).toEqual(before);
    expect(await snapshotDirectory(outside.path)).toEqual(outsideBefore);
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
