import { builtinResourceTypes } from '../discovery/builtins';
import { ApiError } from '../errors';
import { Operations } from './operations';
import { ResourceRegistry } from '../discovery/registry';
import { parseSelector } from '../storage/selectors';
import { ObjectStore, StoreEvent } from '../storage/store';
import { KubeObject, ResourceType } from '../types';
import { WatchHub } from '../storage/watch';

function setup() {
  const registry = new ResourceRegistry(builtinResourceTypes());
  const store = new ObjectStore();
  const hub = new WatchHub(100, store.resourceVersion);
  const events: StoreEvent[] = [];
  store.onEvent(e => {
    hub.publish(e);
    events.push(e);
  });
  const ops = new Operations(registry, store, hub);
  const type = (group: string, plural: string) =>
    registry
      .all()
      .find(t => t.group === group && t.plural === plural) as ResourceType;
  return { registry, store, ops, events, type };
}

function codeOf(fn: () => unknown): number | string {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof ApiError ? e.code : String(e);
  }
}

const deployment = (
  name: string,
  extra: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: { replicas: 1 },
  ...extra,
});

describe('Operations', () => {
  it('creates with uid, timestamps, generation 1, and drops status for kinds with a status subresource', () => {
    const { ops, type } = setup();
    const { entry } = ops.create(
      type('apps', 'deployments'),
      'shop',
      deployment('web', { status: { replicas: 9 } }),
    );
    expect(entry.obj).toEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        resourceVersion: String(entry.rv),
        generation: 1,
        creationTimestamp: expect.stringMatching(
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
        ),
        labels: { app: 'web' },
      },
      spec: { replicas: 1 },
    });
    const asController = ops.create(
      type('apps', 'deployments'),
      'shop',
      deployment('api', { status: { replicas: 9 } }),
      {
        asController: true,
      },
    );
    expect(asController.entry.obj.status).toEqual({ replicas: 9 });
  });

  it('keeps the generation a seed was written with, and stamps 1 on a client create', () => {
    const { ops, type } = setup();
    const deployments = type('apps', 'deployments');
    const withHistory = (name: string) => {
      const obj = deployment(name, { status: { observedGeneration: 7 } });
      (obj.metadata as Record<string, unknown>).generation = 7;
      return obj;
    };
    const seeded = ops.create(deployments, 'shop', withHistory('seeded'), {
      asController: true,
    });
    expect(seeded.entry.obj.metadata.generation).toBe(7);
    const created = ops.create(deployments, 'shop', withHistory('created'));
    expect(created.entry.obj.metadata.generation).toBe(1);
  });

  it('answers 409 AlreadyExists, 400 on a mismatched namespace or kind, 422 on a bad name', () => {
    const { ops, type } = setup();
    const deployments = type('apps', 'deployments');
    ops.create(deployments, 'shop', deployment('web'));
    expect(
      codeOf(() => ops.create(deployments, 'shop', deployment('web'))),
    ).toBe(409);
    expect(
      codeOf(() =>
        ops.create(deployments, 'shop', {
          ...deployment('x'),
          metadata: { name: 'x', namespace: 'other' },
        }),
      ),
    ).toBe(400);
    expect(
      codeOf(() =>
        ops.create(deployments, 'shop', {
          ...deployment('x'),
          kind: 'StatefulSet',
        }),
      ),
    ).toBe(400);
    expect(
      codeOf(() =>
        ops.create(deployments, 'shop', {
          ...deployment('x'),
          apiVersion: 'apps/v2',
        }),
      ),
    ).toBe(400);
    expect(
      codeOf(() => ops.create(deployments, 'shop', deployment('Not_Valid'))),
    ).toBe(422);
    expect(
      codeOf(() =>
        ops.create(deployments, 'shop', {
          ...deployment('x'),
          metadata: { name: 'x', labels: { a: 1 } },
        }),
      ),
    ).toBe(400);
    expect(codeOf(() => ops.create(deployments, 'shop', 'text'))).toBe(400);
  });

  it('generates names from generateName', () => {
    const { ops, type } = setup();
    const { entry } = ops.create(type('', 'configmaps'), 'ns', {
      metadata: { generateName: 'cfg-' },
    });
    expect(entry.obj.metadata.name).toMatch(/^cfg-[a-z0-9]{5}$/);
  });

  it('updates with a resourceVersion precondition, bumps generation on spec changes only, keeps status', () => {
    const { ops, type } = setup();
    const deployments = type('apps', 'deployments');
    const created = ops.create(deployments, 'shop', deployment('web'), {
      asController: true,
    }).entry;
    ops.update(
      deployments,
      'shop',
      'web',
      { ...created.obj, status: { replicas: 1 } },
      { subresource: 'status' },
    );
    const labelled = ops.update(deployments, 'shop', 'web', {
      ...created.obj,
      metadata: {
        ...created.obj.metadata,
        resourceVersion: undefined,
        labels: { app: 'web', x: 'y' },
      },
      status: { replicas: 99 },
    }).entry;
    expect(labelled.obj.metadata.generation).toBe(1);
    expect(labelled.obj.status).toEqual({ replicas: 1 });
    const scaled = ops.update(deployments, 'shop', 'web', {
      ...labelled.obj,
      spec: { replicas: 3 },
    }).entry;
    expect(scaled.obj.metadata.generation).toBe(2);
    expect(
      codeOf(() =>
        ops.update(deployments, 'shop', 'web', {
          ...labelled.obj,
          spec: { replicas: 4 },
        }),
      ),
    ).toBe(409);
    expect(
      codeOf(() => ops.update(deployments, 'shop', 'nope', deployment('nope'))),
    ).toBe(404);
    expect(
      codeOf(() => ops.update(deployments, 'shop', 'web', deployment('other'))),
    ).toBe(400);
  });

  it('writes nothing for a no-op update', () => {
    const { ops, type, events } = setup();
    const configMaps = type('', 'configmaps');
    const created = ops.create(configMaps, 'ns', {
      metadata: { name: 'c' },
      data: { a: '1' },
    }).entry;
    const result = ops.update(configMaps, 'ns', 'c', created.obj);
    expect(result.entry).toBe(created);
    expect(events).toHaveLength(1);
  });

  it('changes only status through the status subresource', () => {
    const { ops, type } = setup();
    const deployments = type('apps', 'deployments');
    const created = ops.create(deployments, 'shop', deployment('web')).entry;
    const updated = ops.update(
      deployments,
      'shop',
      'web',
      { ...created.obj, spec: { replicas: 50 }, status: { readyReplicas: 1 } },
      { subresource: 'status' },
    ).entry;
    expect(updated.obj.spec).toEqual({ replicas: 1 });
    expect(updated.obj.status).toEqual({ readyReplicas: 1 });
    expect(updated.obj.metadata.generation).toBe(1);
  });

  it('patches with merge, JSON and strategic merge patches, and server-side apply creates then updates', () => {
    const { ops, type } = setup();
    const deployments = type('apps', 'deployments');
    ops.create(deployments, 'shop', deployment('web'));
    expect(
      ops.patch(
        deployments,
        'shop',
        'web',
        'merge',
        '{"spec":{"paused":true}}',
        'v1',
      ).entry.obj.spec,
    ).toEqual({
      replicas: 1,
      paused: true,
    });
    expect(
      ops.patch(
        deployments,
        'shop',
        'web',
        'json',
        '[{"op":"replace","path":"/spec/replicas","value":2}]',
        'v1',
      ).entry.obj.spec,
    ).toEqual({ replicas: 2, paused: true });
    expect(
      ops.patch(
        deployments,
        'shop',
        'web',
        'strategic',
        '{"spec":{"paused":null}}',
        'v1',
      ).entry.obj.spec,
    ).toEqual({
      replicas: 2,
    });
    expect(
      codeOf(() =>
        ops.patch(deployments, 'shop', 'web', 'merge', '{not json', 'v1'),
      ),
    ).toBe(400);
    expect(
      codeOf(() => ops.patch(deployments, 'shop', 'gone', 'merge', '{}', 'v1')),
    ).toBe(404);
    expect(
      codeOf(() =>
        ops.patch(
          deployments,
          'shop',
          'web',
          'merge',
          '{"metadata":{"resourceVersion":"1"}}',
          'v1',
        ),
      ),
    ).toBe(409);

    const applied = JSON.stringify(
      deployment('api', { spec: { replicas: 5 } }),
    );
    expect(
      codeOf(() =>
        ops.patch(deployments, 'shop', 'api', 'apply', applied, 'v1'),
      ),
    ).toBe(422);
    const created = ops.patch(
      deployments,
      'shop',
      'api',
      'apply',
      applied,
      'v1',
      { fieldManager: 'kubectl' },
    );
    expect(created.created).toBe(true);
    const again = ops.patch(
      deployments,
      'shop',
      'api',
      'apply',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {replicas: 6}\n',
      'v1',
      {
        fieldManager: 'kubectl',
      },
    );
    expect(again.created).toBeUndefined();
    expect(again.entry.obj.spec).toEqual({ replicas: 6 });
    expect(again.entry.obj.metadata.generation).toBe(2);
    expect(
      codeOf(() =>
        ops.patch(
          deployments,
          'shop',
          'api',
          'apply',
          applied.replace('"api"', '"x"'),
          'v1',
          { fieldManager: 'k' },
        ),
      ),
    ).toBe(400);
  });

  it('records the field manager of applies and named patches in managedFields', () => {
    const { ops, type } = setup();
    const deployments = type('apps', 'deployments');
    const apply = (manager: string, replicas: number) =>
      ops.patch(
        deployments,
        'shop',
        'api',
        'apply',
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, labels: {a: b}}\nspec: {replicas: ${replicas}, template: {spec: {containers: [{name: app, image: x}]}}}\n`,
        'v1',
        { fieldManager: manager },
      ).entry.obj;
    const created = apply('kmop-operator', 2);
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kmop-operator',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: expect.any(String),
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:a': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:template': {
              'f:spec': {
                'f:containers': {
                  'k:{"name":"app"}': { '.': {}, 'f:name': {}, 'f:image': {} },
                },
              },
            },
          },
        },
      },
    ]);
    // A no-op apply records nothing and writes nothing.
    const rv = created.metadata.resourceVersion;
    expect(apply('kmop-operator', 2).metadata.resourceVersion).toBe(rv);
    // Another manager's merge patch of the status is an Update of the status subresource;
    // an update that leaves managedFields out keeps them.
    const patched = ops.patch(
      deployments,
      'shop',
      'api',
      'merge',
      '{"status":{"readyReplicas":2}}',
      'v1',
      { fieldManager: 'kube-controller-manager', subresource: 'status' },
    ).entry.obj;
    expect(
      (patched.metadata.managedFields as Record<string, unknown>[]).map(e => [
        e.manager,
        e.operation,
        e.subresource,
      ]),
    ).toEqual([
      ['kmop-operator', 'Apply', undefined],
      ['kube-controller-manager', 'Update', 'status'],
    ]);
    const replaced = apply('kmop-operator', 3);
    expect(
      (replaced.metadata.managedFields as Record<string, unknown>[]).map(
        e => e.manager,
      ),
    ).toEqual(['kube-controller-manager', 'kmop-operator']);
  });

  it('validates and answers on dry runs without storing', () => {
    const { ops, type, store, events } = setup();
    const deployments = type('apps', 'deployments');
    const dry = ops.create(deployments, 'shop', deployment('web'), {
      dryRun: true,
    });
    expect(dry.entry.obj.metadata.uid).toBeDefined();
    expect(store.get(deployments, 'shop', 'web')).toBeUndefined();
    ops.create(deployments, 'shop', deployment('web'));
    ops.patch(
      deployments,
      'shop',
      'web',
      'merge',
      '{"spec":{"replicas":3}}',
      'v1',
      { dryRun: true },
    );
    ops.delete(deployments, 'shop', 'web', { dryRun: true });
    expect(store.get(deployments, 'shop', 'web')?.obj.spec).toEqual({
      replicas: 1,
    });
    expect(events).toHaveLength(1);
  });

  it('deletes, honouring preconditions and finalizers', () => {
    const { ops, type, store } = setup();
    const deployments = type('apps', 'deployments');
    ops.create(deployments, 'shop', deployment('web'));
    ops.create(
      deployments,
      'shop',
      deployment('kept', {
        metadata: { name: 'kept', finalizers: ['example.com/wait'] },
      }),
    );

    expect(
      codeOf(() =>
        ops.delete(deployments, 'shop', 'web', {
          preconditions: { uid: 'other' },
        }),
      ),
    ).toBe(409);
    expect(ops.delete(deployments, 'shop', 'web').deleted).toBe(true);
    expect(store.get(deployments, 'shop', 'web')).toBeUndefined();

    const marked = ops.delete(deployments, 'shop', 'kept');
    expect(marked.deleted).toBe(false);
    expect(marked.entry.obj.metadata.deletionTimestamp).toBeDefined();
    // Starting a graceful deletion counts as a change, as upstream.
    expect(marked.entry.obj.metadata.generation).toBe(2);
    const current = store.get(deployments, 'shop', 'kept')!.obj;
    ops.update(deployments, 'shop', 'kept', {
      ...current,
      metadata: { ...current.metadata, finalizers: [] },
    });
    expect(store.get(deployments, 'shop', 'kept')).toBeUndefined();
    expect(codeOf(() => ops.delete(deployments, 'shop', 'kept'))).toBe(404);
  });

  it('deletes a namespace with everything in it, and collections by selector', () => {
    const { ops, type, store } = setup();
    const namespaces = type('', 'namespaces');
    const configMaps = type('', 'configmaps');
    const ns = ops.create(namespaces, undefined, { metadata: { name: 'shop' } })
      .entry.obj;
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({
      'kubernetes.io/metadata.name': 'shop',
    });
    ops.create(configMaps, 'shop', {
      metadata: { name: 'a', labels: { x: '1' } },
    });
    ops.create(configMaps, 'shop', { metadata: { name: 'b' } });
    ops.create(configMaps, 'other', {
      metadata: { name: 'c', labels: { x: '1' } },
    });
    expect(
      ops
        .deleteCollection(configMaps, undefined, parseSelector('x=1'))
        .map(e => e.obj.metadata.name),
    ).toEqual(['c', 'a']);
    ops.create(configMaps, 'shop', { metadata: { name: 'a' } });
    ops.delete(namespaces, undefined, 'shop');
    expect(store.list(configMaps).entries).toEqual([]);
  });

  it('folds Secret stringData into base64 data', () => {
    const { ops, type } = setup();
    const secret = ops.create(type('', 'secrets'), 'ns', {
      metadata: { name: 's' },
      stringData: { password: 'hunter2' },
    }).entry.obj;
    expect(secret).toMatchObject({
      type: 'Opaque',
      data: { password: 'aHVudGVyMg==' },
    });
    expect(secret.stringData).toBeUndefined();
  });

  describe('CustomResourceDefinitions', () => {
    const crd = (
      versions = [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object' } },
        },
      ],
    ) => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { kind: 'Widget', plural: 'widgets' },
        versions,
      },
    });

    it('registers the resource, marks it Established, and serves its objects until deleted', () => {
      const { ops, type, registry, store } = setup();
      const crds = type('apiextensions.k8s.io', 'customresourcedefinitions');
      const created = ops.create(crds, undefined, crd()).entry.obj;
      expect(created.status).toMatchObject({
        conditions: expect.arrayContaining([
          expect.objectContaining({ type: 'Established', status: 'True' }),
        ]),
      });
      const widgets = registry.find(
        'example.com',
        'v1',
        'widgets',
      ) as ResourceType;
      expect(widgets.statusSubresource).toBe(true);
      ops.create(widgets, 'ns', {
        metadata: { name: 'w' },
        spec: { size: 1 },
        status: { ok: true },
      });
      expect(store.get(widgets, 'ns', 'w')?.obj.status).toBeUndefined();

      ops.update(
        crds,
        undefined,
        'widgets.example.com',
        crd([
          {
            name: 'v1',
            served: true,
            storage: true,
            subresources: { status: {} },
            schema: { openAPIV3Schema: { type: 'object' } },
          },
          {
            name: 'v2',
            served: true,
            storage: false,
            subresources: { status: {} },
            schema: { openAPIV3Schema: { type: 'object' } },
          },
        ]),
      );
      expect(registry.find('example.com', 'v2', 'widgets')).toBeDefined();

      ops.delete(crds, undefined, 'widgets.example.com');
      expect(registry.find('example.com', 'v1', 'widgets')).toBeUndefined();
      expect(store.count(widgets)).toBe(0);
    });

    it('rejects an invalid definition with 422 and registers nothing', () => {
      const { ops, type, registry } = setup();
      const invalid = { ...crd(), metadata: { name: 'wrong.example.com' } };
      expect(
        codeOf(() =>
          ops.create(
            type('apiextensions.k8s.io', 'customresourcedefinitions'),
            undefined,
            invalid,
          ),
        ),
      ).toBe(422);
      expect(registry.groups().map(g => g.name)).not.toContain('example.com');
    });
  });
});
