import { builtinResourceTypes } from '../discovery/builtins';
import { ApiError } from '../errors';
import { parseSelector } from './selectors';
import { ObjectStore } from './store';
import { KubeObject, ResourceType } from '../types';
import { WatchHub, Watcher } from './watch';

const configMaps = builtinResourceTypes().find(
  t => t.plural === 'configmaps',
) as ResourceType;
const secrets = builtinResourceTypes().find(
  t => t.plural === 'secrets',
) as ResourceType;

function cm(
  name: string,
  labels: Record<string, string> = {},
  namespace = 'ns',
): KubeObject {
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name, namespace, labels },
  };
}

function setup(historySize = 100) {
  const store = new ObjectStore();
  const hub = new WatchHub(historySize, store.resourceVersion);
  store.onEvent(e => hub.publish(e));
  return { store, hub };
}

function recorder(options: Partial<Watcher> = {}) {
  const lines: string[] = [];
  let ended = false;
  const watcher: Watcher = {
    resource: configMaps,
    version: 'v1',
    selector: parseSelector(),
    send: line => lines.push(line),
    end: () => {
      ended = true;
    },
    endAfter: () => undefined,
    ...options,
  };
  const events = () =>
    lines.map(l => {
      const e = JSON.parse(l);
      return `${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`;
    });
  return { watcher, events, lines, ended: () => ended };
}

describe('WatchHub', () => {
  it('fans one serialized line out to every watcher of the resource', () => {
    const { store, hub } = setup();
    const a = recorder();
    const b = recorder();
    const other = recorder({ resource: secrets });
    hub.subscribe(a.watcher);
    hub.subscribe(b.watcher);
    hub.subscribe(other.watcher);
    store.put(configMaps, cm('x'));
    expect(a.lines).toHaveLength(1);
    expect(a.lines[0]).toBe(b.lines[0]);
    expect(a.lines[0].endsWith('\n')).toBe(true);
    expect(other.lines).toHaveLength(0);
    expect(hub.size).toBe(3);
  });

  it('replays retained events after a resourceVersion, then streams live ones', () => {
    const { store, hub } = setup();
    store.put(configMaps, cm('a'));
    const from = store.resourceVersion;
    store.put(configMaps, cm('b'));
    store.put(secrets, {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 's', namespace: 'ns' },
    });
    store.remove(configMaps, 'ns', 'a');
    const r = recorder();
    hub.subscribe(r.watcher, from);
    store.put(configMaps, cm('c'));
    expect(r.events()).toEqual(['ADDED b 3', 'DELETED a 5', 'ADDED c 6']);
  });

  it('answers 410 Expired once the history no longer reaches back far enough', () => {
    const { store, hub } = setup(3);
    const start = store.resourceVersion;
    for (let i = 0; i < 5; i++) {
      store.put(configMaps, cm(`n${i}`));
    }
    expect(hub.oldestResourceVersion).toBe(start + 2);
    let error: unknown;
    try {
      hub.subscribe(recorder().watcher, start + 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(410);
    expect((error as ApiError).reason).toBe('Expired');
    expect((error as ApiError).message).toBe(
      `too old resource version: ${start + 1} (${start + 3})`,
    );
    const r = recorder();
    hub.subscribe(r.watcher, start + 2);
    expect(r.events()).toEqual([
      `ADDED n2 ${start + 3}`,
      `ADDED n3 ${start + 4}`,
      `ADDED n4 ${start + 5}`,
    ]);
  });

  it('turns selector transitions into ADDED and DELETED, and filters by namespace', () => {
    const { store, hub } = setup();
    const r = recorder({
      selector: parseSelector('tier=web'),
      namespace: 'ns',
    });
    hub.subscribe(r.watcher);
    store.put(configMaps, cm('a', { tier: 'db' }));
    store.put(configMaps, cm('a', { tier: 'web' }));
    store.put(configMaps, cm('a', { tier: 'web', v: '2' }));
    store.put(configMaps, cm('a', { tier: 'db' }));
    store.put(configMaps, cm('b', { tier: 'web' }, 'elsewhere'));
    expect(r.events()).toEqual(['ADDED a 3', 'MODIFIED a 4', 'DELETED a 5']);
    expect(JSON.parse(r.lines[2]).object.metadata.labels).toEqual({
      tier: 'web',
      v: '2',
    });
  });

  it('rewrites apiVersion for watchers of another served version', () => {
    const { store, hub } = setup();
    const multi: ResourceType = {
      ...configMaps,
      group: 'example.com',
      versions: ['v1', 'v1beta1'],
      storageVersion: 'v1',
    };
    const r = recorder({ resource: multi, version: 'v1beta1' });
    hub.subscribe(r.watcher);
    store.put(multi, {
      kind: 'ConfigMap',
      apiVersion: 'example.com/v1',
      metadata: { name: 'a', namespace: 'ns' },
    });
    expect(JSON.parse(r.lines[0]).object.apiVersion).toBe(
      'example.com/v1beta1',
    );
  });

  it('ends watches, all or per resource, and unsubscribes', () => {
    const { store, hub } = setup();
    const a = recorder();
    const b = recorder({ resource: secrets });
    const unsubscribe = hub.subscribe(a.watcher);
    hub.subscribe(b.watcher);
    hub.endAll(secrets);
    expect([a.ended(), b.ended()]).toEqual([false, true]);
    unsubscribe();
    store.put(configMaps, cm('x'));
    expect(a.lines).toHaveLength(0);
    expect(hub.all()).toEqual([b.watcher]);
  });

  it('rejects a history size that is not a positive integer', () => {
    expect(() => new WatchHub(0, 1)).toThrow(
      'historySize must be a positive integer',
    );
  });
});
