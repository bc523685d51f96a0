import { builtinResourceTypes } from '../discovery/builtins';
import { parseSelector } from './selectors';
import { ObjectStore, StoreEvent } from './store';
import { KubeObject, ResourceType } from '../types';

const types = builtinResourceTypes();
const configMaps = types.find(t => t.plural === 'configmaps') as ResourceType;
const namespaces = types.find(t => t.plural === 'namespaces') as ResourceType;

function cm(
  namespace: string,
  name: string,
  labels?: Record<string, string>,
  extra: Partial<KubeObject> = {},
): KubeObject {
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name, namespace, labels },
    ...extra,
  };
}

describe('ObjectStore', () => {
  it('stamps one global, increasing resourceVersion per write and publishes one event each', () => {
    const store = new ObjectStore({ initialResourceVersion: 100 });
    const events: StoreEvent[] = [];
    store.onEvent(e => events.push(e));
    const a = store.put(configMaps, cm('x', 'a'));
    const b = store.put(namespaces, {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'x' },
    });
    const a2 = store.put(configMaps, cm('x', 'a', { v: '2' }));
    const gone = store.remove(configMaps, 'x', 'a');
    expect([a.rv, b.rv, a2.rv, gone?.rv]).toEqual([101, 102, 103, 104]);
    expect(a.obj.metadata.resourceVersion).toBe('101');
    expect(JSON.parse(a.json).metadata.resourceVersion).toBe('101');
    expect(events.map(e => `${e.type} ${e.rv}`)).toEqual([
      'ADDED 101',
      'ADDED 102',
      'MODIFIED 103',
      'DELETED 104',
    ]);
    expect(events[2].prev).toBe(a);
    expect(events[3].entry.obj.metadata.resourceVersion).toBe('104');
    expect(store.get(configMaps, 'x', 'a')).toBeUndefined();
    expect(store.remove(configMaps, 'x', 'a')).toBeUndefined();
    expect(store.resourceVersion).toBe(104);
  });

  it('lists in namespace/name order, per namespace or across all', () => {
    const store = new ObjectStore();
    for (const [ns, name] of [
      ['b', 'z'],
      ['a', 'y'],
      ['b', 'a'],
      ['a-b', 'q'],
    ]) {
      store.put(configMaps, cm(ns, name));
    }
    const keys = (opts = {}) =>
      store
        .list(configMaps, opts)
        .entries.map(e => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
    expect(keys()).toEqual(['a-b/q', 'a/y', 'b/a', 'b/z']);
    expect(keys({ namespace: 'b' })).toEqual(['b/a', 'b/z']);
    expect(keys({ namespace: 'none' })).toEqual([]);
    store.put(configMaps, cm('a', 'a'));
    expect(keys()).toEqual(['a-b/q', 'a/a', 'a/y', 'b/a', 'b/z']);
  });

  it('pages with limit and a continue key, counting what remains', () => {
    const store = new ObjectStore();
    for (let i = 0; i < 10; i++) {
      store.put(configMaps, cm('ns', `cm-${i}`, { even: String(i % 2 === 0) }));
    }
    const first = store.list(configMaps, { limit: 4 });
    expect(first.entries.map(e => e.obj.metadata.name)).toEqual([
      'cm-0',
      'cm-1',
      'cm-2',
      'cm-3',
    ]);
    expect(first.continueKey).toBe('ns/cm-3');
    expect(first.remainingItemCount).toBe(6);
    const rest = store.list(configMaps, {
      limit: 10,
      after: first.continueKey,
    });
    expect(rest.entries).toHaveLength(6);
    expect(rest.continueKey).toBeUndefined();

    const even = store.list(configMaps, {
      limit: 2,
      selector: parseSelector('even=true'),
    });
    expect(even.entries.map(e => e.obj.metadata.name)).toEqual([
      'cm-0',
      'cm-2',
    ]);
    expect(even.continueKey).toBe('ns/cm-2');
    expect(even.remainingItemCount).toBeUndefined();
  });

  it('keeps an update visible to lists without re-sorting', () => {
    const store = new ObjectStore();
    store.put(configMaps, cm('ns', 'a'));
    store.list(configMaps);
    store.put(configMaps, cm('ns', 'a', { v: '2' }));
    expect(store.list(configMaps).entries[0].obj.metadata.labels).toEqual({
      v: '2',
    });
  });

  it('indexes dependents by owner uid and finds objects by namespace', () => {
    const store = new ObjectStore();
    const owned = (name: string, uid: string) =>
      cm('ns', name, undefined, {
        metadata: {
          name,
          namespace: 'ns',
          ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'o', uid }],
        },
      });
    store.put(configMaps, owned('a', 'u1'));
    store.put(configMaps, owned('b', 'u1'));
    store.put(configMaps, owned('b', 'u2'));
    expect(store.dependentsOf('u1').map(d => d.name)).toEqual(['a']);
    expect(store.dependentsOf('u2').map(d => d.name)).toEqual(['b']);
    store.remove(configMaps, 'ns', 'a');
    expect(store.dependentsOf('u1')).toEqual([]);
    expect(store.inNamespace('ns').map(d => d.name)).toEqual(['b']);
  });
});
