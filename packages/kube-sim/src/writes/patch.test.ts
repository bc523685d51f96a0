import { ApiError } from '../errors';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';

describe('mergePatch (RFC 7386)', () => {
  it('merges maps, deletes on null, replaces lists and leaves its inputs alone', () => {
    const target = { a: 1, b: { c: 2, d: 3 }, list: [1, 2] };
    const patch = { b: { c: null, e: 4 }, list: [3], f: 'x' };
    expect(mergePatch(target, patch)).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      list: [3],
      f: 'x',
    });
    expect(target).toEqual({ a: 1, b: { c: 2, d: 3 }, list: [1, 2] });
    expect(patch).toEqual({ b: { c: null, e: 4 }, list: [3], f: 'x' });
  });

  it('replaces the whole document with a non-object patch', () => {
    expect(mergePatch({ a: 1 }, [1])).toEqual([1]);
  });
});

describe('strategicMergePatch', () => {
  const deployment = {
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'app', image: 'app:1', ports: [{ containerPort: 8080 }] },
            { name: 'sidecar', image: 'proxy:1' },
          ],
          tolerations: [{ key: 'a' }],
        },
      },
    },
    metadata: { finalizers: ['x'] },
  };

  it('merges containers by name and keeps fields the patch does not mention (what kubectl apply sends)', () => {
    const patch = {
      spec: {
        template: {
          spec: {
            $setElementOrder: 'ignored',
            '$setElementOrder/containers': [
              { name: 'sidecar' },
              { name: 'app' },
            ],
            containers: [{ name: 'app', image: 'app:2' }],
          },
        },
      },
    };
    expect(strategicMergePatch(deployment, patch)).toEqual({
      ...deployment,
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'sidecar', image: 'proxy:1' },
              { name: 'app', image: 'app:2', ports: [{ containerPort: 8080 }] },
            ],
            tolerations: [{ key: 'a' }],
          },
        },
      },
    });
  });

  it('deletes list elements and keys with $patch: delete, replaces with $patch: replace', () => {
    const patched = strategicMergePatch(deployment, {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'sidecar', $patch: 'delete' }],
            tolerations: [{ key: 'b' }],
          },
        },
      },
    }) as typeof deployment;
    expect(patched.spec.template.spec.containers.map(c => c.name)).toEqual([
      'app',
    ]);
    expect(patched.spec.template.spec.tolerations).toEqual([{ key: 'b' }]);
    const replaced = strategicMergePatch(deployment, {
      spec: { template: { spec: { $patch: 'replace', containers: [] } } },
    }) as typeof deployment;
    expect(replaced.spec.template.spec).toEqual({ containers: [] });
  });

  it('adds to and removes from merged primitive lists', () => {
    const added = strategicMergePatch(deployment, {
      metadata: { finalizers: ['y'] },
    }) as typeof deployment;
    expect(added.metadata.finalizers).toEqual(['x', 'y']);
    const removed = strategicMergePatch(added, {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] },
    });
    expect(removed).toMatchObject({ metadata: { finalizers: ['y'] } });
  });

  it('merges Service ports on port and keeps only $retainKeys', () => {
    const service = {
      spec: {
        ports: [{ port: 80, targetPort: 8080, name: 'http' }],
        type: 'ClusterIP',
        clusterIP: '1.2.3.4',
      },
    };
    expect(
      strategicMergePatch(service, {
        spec: { ports: [{ port: 80, targetPort: 9090 }] },
      }),
    ).toEqual({
      spec: {
        ports: [{ port: 80, targetPort: 9090, name: 'http' }],
        type: 'ClusterIP',
        clusterIP: '1.2.3.4',
      },
    });
    expect(
      strategicMergePatch(service.spec, {
        $retainKeys: ['type', 'ports'],
        type: 'NodePort',
      }),
    ).toEqual({
      ports: service.spec.ports,
      type: 'NodePort',
    });
  });
});

describe('jsonPatch (RFC 6902)', () => {
  const doc = { a: { b: [1, 2, 3] }, 'x/y': 1, 't~': 2 };

  it('applies add, remove, replace, move, copy and test', () => {
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/a/b/-', value: 4 },
        { op: 'add', path: '/a/b/0', value: 0 },
        { op: 'remove', path: '/a/b/1' },
        { op: 'replace', path: '/x~1y', value: 10 },
        { op: 'move', from: '/t~0', path: '/moved' },
        { op: 'copy', from: '/a/b', path: '/copy' },
        { op: 'test', path: '/copy', value: [0, 2, 3, 4] },
      ]),
    ).toEqual({
      a: { b: [0, 2, 3, 4] },
      'x/y': 10,
      moved: 2,
      copy: [0, 2, 3, 4],
    });
    expect(doc).toEqual({ a: { b: [1, 2, 3] }, 'x/y': 1, 't~': 2 });
  });

  it('rejects a failing test or a missing path with 422, a malformed patch with 400', () => {
    const codeOf = (patch: unknown) => {
      try {
        jsonPatch(doc, patch);
        return 0;
      } catch (e) {
        return (e as ApiError).code;
      }
    };
    expect(codeOf([{ op: 'test', path: '/x~1y', value: 2 }])).toBe(422);
    expect(codeOf([{ op: 'replace', path: '/missing', value: 1 }])).toBe(422);
    expect(codeOf([{ op: 'remove', path: '/a/b/9' }])).toBe(422);
    expect(codeOf({ op: 'add' })).toBe(400);
    expect(codeOf([{ op: 'frobnicate', path: '/a' }])).toBe(400);
    expect(codeOf([{ op: 'add', path: '/a' }])).toBe(400);
  });
});
