import { builtinResourceTypes } from '../discovery/builtins';
import { GarbageCollector } from './gc';
import { Operations } from './operations';
import { ResourceRegistry } from '../discovery/registry';
import { startKubeSim } from '../server';
import { ObjectStore } from '../storage/store';
import { KubeObject, OwnerReference, ResourceType } from '../types';
import { WatchHub } from '../storage/watch';

function setup() {
  const registry = new ResourceRegistry(builtinResourceTypes());
  const store = new ObjectStore();
  const hub = new WatchHub(100, store.resourceVersion);
  store.onEvent(e => hub.publish(e));
  const ops = new Operations(registry, store, hub);
  const gc = new GarbageCollector({ registry, store, ops });
  const type = (group: string, plural: string) =>
    registry
      .all()
      .find(t => t.group === group && t.plural === plural) as ResourceType;
  const deployments = type('apps', 'deployments');
  const replicaSets = type('apps', 'replicasets');
  const pods = type('', 'pods');
  const get = (t: ResourceType, name: string) =>
    store.get(t, 'shop', name)?.obj;
  const create = (
    t: ResourceType,
    name: string,
    owners: OwnerReference[] = [],
    extra: Record<string, unknown> = {},
  ) =>
    ops.create(t, 'shop', {
      metadata: {
        name,
        ...(owners.length ? { ownerReferences: owners } : {}),
        ...extra,
      },
    }).entry.obj;
  return {
    registry,
    store,
    ops,
    gc,
    deployments,
    replicaSets,
    pods,
    get,
    create,
  };
}

function refTo(obj: KubeObject, controller = true): OwnerReference {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name as string,
    uid: obj.metadata.uid as string,
    controller,
    blockOwnerDeletion: true,
  };
}

describe('GarbageCollector', () => {
  it('deletes dependents, and theirs, in the background after the owner', async () => {
    const { ops, gc, deployments, replicaSets, pods, get, create } = setup();
    const web = create(deployments, 'web');
    const rs = create(replicaSets, 'web-1', [refTo(web)]);
    create(pods, 'web-1-a', [refTo(rs)]);
    create(pods, 'unrelated');

    ops.delete(deployments, 'shop', 'web', { propagationPolicy: 'Background' });
    // The DELETE has answered; the collector has not run yet.
    expect(get(deployments, 'web')).toBeUndefined();
    expect(get(replicaSets, 'web-1')).toBeDefined();

    await gc.idle();
    expect(get(replicaSets, 'web-1')).toBeUndefined();
    expect(get(pods, 'web-1-a')).toBeUndefined();
    expect(get(pods, 'unrelated')).toBeDefined();
  });

  it('keeps a dependent that has another live owner, dropping the gone one', async () => {
    const { ops, gc, deployments, pods, get, create } = setup();
    const a = create(deployments, 'a');
    const b = create(deployments, 'b');
    create(pods, 'shared', [refTo(a), refTo(b, false)]);

    ops.delete(deployments, 'shop', 'a');
    await gc.idle();
    expect(get(pods, 'shared')?.metadata.ownerReferences).toEqual([
      refTo(b, false),
    ]);
  });

  it('collects dependents whose owner does not exist or has another uid', async () => {
    const { ops, gc, deployments, pods, get, create } = setup();
    const old = create(deployments, 'web');
    ops.delete(deployments, 'shop', 'web');
    create(deployments, 'web');
    // Written by a controller that read the owner before it was deleted and recreated.
    create(pods, 'stale', [refTo(old)]);
    create(pods, 'orphan-from-birth', [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone', uid: 'u-1' },
    ]);
    // An owner kind the server does not serve cannot be resolved: upstream keeps the object.
    create(pods, 'unknown-owner', [
      { apiVersion: 'example.com/v1', kind: 'Thing', name: 't', uid: 'u-2' },
    ]);

    await gc.idle();
    expect(get(pods, 'stale')).toBeUndefined();
    expect(get(pods, 'orphan-from-birth')).toBeUndefined();
    expect(get(pods, 'unknown-owner')).toBeDefined();
    expect(get(deployments, 'web')).toBeDefined();
  });

  it('holds a foreground deletion until the dependents are gone', async () => {
    const { ops, gc, deployments, replicaSets, pods, get, create } = setup();
    const web = create(deployments, 'web');
    const rs = create(replicaSets, 'web-1', [refTo(web)]);
    create(pods, 'web-1-a', [refTo(rs)]);

    const result = ops.delete(deployments, 'shop', 'web', {
      propagationPolicy: 'Foreground',
    });
    expect(result.deleted).toBe(false);
    expect(get(deployments, 'web')?.metadata).toMatchObject({
      finalizers: ['foregroundDeletion'],
    });
    expect(get(deployments, 'web')?.metadata.deletionTimestamp).toBeDefined();

    await gc.idle();
    expect(get(pods, 'web-1-a')).toBeUndefined();
    expect(get(replicaSets, 'web-1')).toBeUndefined();
    expect(get(deployments, 'web')).toBeUndefined();
  });

  it('orphans dependents: they stay and lose the reference', async () => {
    const { ops, gc, deployments, replicaSets, get, create } = setup();
    const web = create(deployments, 'web');
    create(replicaSets, 'web-1', [refTo(web)]);

    ops.delete(deployments, 'shop', 'web', { propagationPolicy: 'Orphan' });
    await gc.idle();
    expect(get(deployments, 'web')).toBeUndefined();
    const rs = get(replicaSets, 'web-1');
    expect(rs).toBeDefined();
    expect(rs?.metadata.ownerReferences).toBeUndefined();
  });

  it('leaves a dependent with finalizers marked for deletion, not removed', async () => {
    const { ops, gc, deployments, pods, get, create } = setup();
    const web = create(deployments, 'web');
    create(pods, 'held', [refTo(web)], { finalizers: ['example.com/hold'] });

    ops.delete(deployments, 'shop', 'web');
    await gc.idle();
    expect(get(pods, 'held')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('stops working when stopped', async () => {
    const { ops, gc, deployments, pods, get, create } = setup();
    const web = create(deployments, 'web');
    create(pods, 'p', [refTo(web)]);
    gc.stop();
    ops.delete(deployments, 'shop', 'web');
    await gc.idle();
    expect(get(pods, 'p')).toBeDefined();
  });
});

describe('garbage collection over HTTP', () => {
  it('collects dependents after a DELETE, and orphans them when asked', async () => {
    const sim = await startKubeSim();
    try {
      const owner = sim.store.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'owner', namespace: 'shop' },
      });
      for (const name of ['child', 'kept']) {
        sim.store.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name,
            namespace: 'shop',
            ownerReferences: [refTo(owner)],
          },
        });
      }
      const del = (name: string, body: object) =>
        fetch(`${sim.url}/api/v1/namespaces/shop/configmaps/${name}`, {
          method: 'DELETE',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const ref = (name: string) => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'shop',
        name,
      });
      // The kept one loses its owner first, by an orphaning delete of a copy owner.
      const second = sim.store.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'second', namespace: 'shop' },
      });
      sim.store.patch(ref('kept'), {
        metadata: { ownerReferences: [refTo(second)] },
      });
      // Pending (the orphan finalizer) while the collector strips the references.
      expect(
        (await del('second', { propagationPolicy: 'Orphan' })).status,
      ).toBe(202);
      expect(
        (await del('owner', { propagationPolicy: 'Background' })).status,
      ).toBe(200);
      await sim.garbageCollected();
      expect(sim.store.get(ref('child'))).toBeUndefined();
      expect(
        sim.store.get(ref('kept'))?.metadata.ownerReferences,
      ).toBeUndefined();
      expect(sim.store.get(ref('second'))).toBeUndefined();
    } finally {
      await sim.close();
    }
  });
});
