import { ApiError } from '../errors';
import type { DeleteOptions, Operations } from './operations';
import { ResourceRegistry } from '../discovery/registry';
import { ObjectStore, StoreEvent } from '../storage/store';
import {
  KubeObject,
  OwnerReference,
  ResourceType,
  parseApiVersion,
  resourceKey,
} from '../types';

/** The finalizers the API server puts on an owner for the non-background policies. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

interface Item {
  type: ResourceType;
  namespace: string;
  name: string;
}

function itemKey(item: Item) {
  return `${resourceKey(item.type)}|${item.namespace}|${item.name}`;
}

function hasFinalizer(obj: KubeObject, finalizer: string) {
  const finalizers = obj.metadata.finalizers;
  return Array.isArray(finalizers) && finalizers.includes(finalizer);
}

/**
 * The garbage collector of kube-controller-manager, reduced to what clients can observe:
 * after an owner goes away, its dependents (objects whose `ownerReferences` name its uid)
 * are deleted in the background, and theirs after them. A dependent that keeps another
 * live owner only loses the reference to the gone one. A reference to an owner that does
 * not exist (or exists with another uid) is dangling from the start, as upstream: such a
 * dependent is collected too. Owners deleted with `propagationPolicy: Foreground` wait
 * (finalizer `foregroundDeletion`) until their dependents are gone; with `Orphan`
 * (finalizer `orphan`) their dependents lose the reference and stay.
 *
 * Work runs after the write that caused it, on a queue drained on the event loop, so
 * a DELETE answers before its dependents go — as on a real cluster.
 */
export class GarbageCollector {
  private readonly queue = new Map<string, Item>();
  private readonly waiters: Array<() => void> = [];
  private scheduled = false;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly options: {
      registry: ResourceRegistry;
      store: ObjectStore;
      ops: Operations;
    },
  ) {
    this.unsubscribe = options.store.onEvent(event => this.observe(event));
  }

  /** Resolves once no collection work is pending. */
  idle(): Promise<void> {
    if (this.queue.size === 0 && !this.scheduled) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.waiters.push(resolve));
  }

  stop() {
    this.stopped = true;
    this.unsubscribe();
    this.queue.clear();
    this.release();
  }

  private observe(event: StoreEvent) {
    const obj = event.entry.obj;
    const namespace = event.namespace;
    if (event.type === 'DELETED') {
      const uid = obj.metadata.uid;
      if (uid) {
        this.enqueueDependents(uid);
      }
      // An owner in foreground deletion may be waiting for this one.
      for (const ref of obj.metadata.ownerReferences ?? []) {
        const owner = this.ownerItem(ref, namespace);
        if (owner) {
          this.enqueue(owner);
        }
      }
      return;
    }
    const item = { type: event.resource, namespace, name: obj.metadata.name! };
    if (
      (obj.metadata.ownerReferences?.length ?? 0) > 0 ||
      (obj.metadata.deletionTimestamp &&
        (hasFinalizer(obj, FOREGROUND_FINALIZER) ||
          hasFinalizer(obj, ORPHAN_FINALIZER)))
    ) {
      this.enqueue(item);
    }
  }

  private enqueueDependents(uid: string) {
    for (const dep of this.options.store.dependentsOf(uid)) {
      this.enqueue({
        type: dep.resource,
        namespace: dep.namespace,
        name: dep.name,
      });
    }
  }

  private enqueue(item: Item) {
    if (this.stopped) {
      return;
    }
    this.queue.set(itemKey(item), item);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private drain() {
    this.scheduled = false;
    // Items enqueued while draining wait for the next turn, so a long cascade yields.
    const batch = [...this.queue.values()];
    this.queue.clear();
    for (const item of batch) {
      if (this.stopped) {
        return;
      }
      try {
        this.process(item);
      } catch (e) {
        // A conflict means the object moved on since it was read: look again. Anything
        // else (the object went away meanwhile) needs nothing more.
        if (e instanceof ApiError && e.code === 409) {
          this.enqueue(item);
        } else if (!(e instanceof ApiError)) {
          // eslint-disable-next-line no-console
          console.error(`kube-sim garbage collector: ${(e as Error).stack}`);
        }
      }
    }
    if (this.queue.size === 0 && !this.scheduled) {
      this.release();
    }
  }

  private release() {
    for (const resolve of this.waiters.splice(0)) {
      resolve();
    }
  }

  private process(item: Item) {
    const entry = this.options.store.get(item.type, item.namespace, item.name);
    if (!entry) {
      return;
    }
    const obj = entry.obj;
    if (obj.metadata.deletionTimestamp) {
      this.finishOwner(item, obj);
    }
    this.collectDependent(item, obj);
  }

  /** An owner marked for foreground or orphan deletion: do its part, then let it go. */
  private finishOwner(item: Item, obj: KubeObject) {
    const uid = obj.metadata.uid!;
    const { store } = this.options;
    if (hasFinalizer(obj, ORPHAN_FINALIZER)) {
      for (const dep of store.dependentsOf(uid)) {
        const current = store.get(dep.resource, dep.namespace, dep.name);
        if (current) {
          this.setOwners(
            { type: dep.resource, namespace: dep.namespace, name: dep.name },
            current.obj,
            (current.obj.metadata.ownerReferences ?? []).filter(
              r => r.uid !== uid,
            ),
          );
        }
      }
      this.dropFinalizer(item, ORPHAN_FINALIZER);
      return;
    }
    if (hasFinalizer(obj, FOREGROUND_FINALIZER)) {
      const blocking = store.dependentsOf(uid);
      if (blocking.length === 0) {
        this.dropFinalizer(item, FOREGROUND_FINALIZER);
      } else {
        this.enqueueDependents(uid);
      }
    }
  }

  /** Deletes a dependent whose owners are all gone; drops references to gone owners otherwise. */
  private collectDependent(item: Item, obj: KubeObject) {
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0 || obj.metadata.deletionTimestamp) {
      return;
    }
    const live: OwnerReference[] = [];
    let dangling = 0;
    let waitingOwner = false;
    for (const ref of refs) {
      const owner = this.ownerItem(ref, item.namespace);
      if (!owner) {
        // An owner kind the server does not serve: upstream cannot resolve it and keeps trying.
        live.push(ref);
        continue;
      }
      const current = this.options.store.get(
        owner.type,
        owner.namespace,
        owner.name,
      );
      if (!current || current.obj.metadata.uid !== ref.uid) {
        dangling++;
      } else if (
        current.obj.metadata.deletionTimestamp &&
        hasFinalizer(current.obj, FOREGROUND_FINALIZER)
      ) {
        waitingOwner = true;
      } else {
        live.push(ref);
      }
    }
    if (live.length > 0) {
      if (dangling > 0 || waitingOwner) {
        this.setOwners(item, obj, live);
      }
      return;
    }
    if (dangling === 0 && !waitingOwner) {
      return;
    }
    const options: DeleteOptions = {
      propagationPolicy: waitingOwner ? 'Foreground' : 'Background',
      preconditions: { uid: obj.metadata.uid },
    };
    this.options.ops.delete(item.type, item.namespace, item.name, options);
  }

  private ownerItem(ref: OwnerReference, dependentNamespace: string) {
    if (typeof ref?.apiVersion !== 'string' || typeof ref.name !== 'string') {
      return undefined;
    }
    const { group, version } = parseApiVersion(ref.apiVersion);
    const type =
      this.options.registry.findByKind(group, version, ref.kind) ??
      this.options.registry
        .all()
        .find(t => t.group === group && t.kind === ref.kind);
    if (!type) {
      return undefined;
    }
    return {
      type,
      namespace: type.namespaced ? dependentNamespace : '',
      name: ref.name,
    };
  }

  private setOwners(item: Item, obj: KubeObject, owners: OwnerReference[]) {
    this.writeMetadata(item, obj, {
      ownerReferences: owners.length > 0 ? owners : null,
    });
  }

  private dropFinalizer(item: Item, finalizer: string) {
    const entry = this.options.store.get(item.type, item.namespace, item.name);
    if (!entry) {
      return;
    }
    const rest = (entry.obj.metadata.finalizers ?? []).filter(
      f => f !== finalizer,
    );
    this.writeMetadata(item, entry.obj, {
      finalizers: rest.length > 0 ? rest : null,
    });
  }

  /** A metadata-only merge patch, guarded by the resourceVersion it was decided on. */
  private writeMetadata(
    item: Item,
    obj: KubeObject,
    metadata: Record<string, unknown>,
  ) {
    const patch = {
      metadata: { ...metadata, resourceVersion: obj.metadata.resourceVersion },
    };
    this.options.ops.patch(
      item.type,
      item.type.namespaced ? item.namespace : undefined,
      item.name,
      'merge',
      JSON.stringify(patch),
      item.type.storageVersion,
      { asController: true },
    );
  }
}
