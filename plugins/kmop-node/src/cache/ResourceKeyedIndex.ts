import { KindWatcherSink, KubeObject } from './types';

/** Adds `value` to the set under `key`. */
export function addTo(
  index: Map<string, Set<string>>,
  key: string,
  value: string,
) {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}

/** Removes `value` from the set under `key`, and the set once empty. */
export function removeFrom(
  index: Map<string, Set<string>>,
  key: string,
  value: string,
) {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}

/**
 * An index fed by kind watchers: what it keeps of each object is its subclass's, but which
 * objects each watcher (a resource of a cluster) holds is kept here, so a re-list, a resource
 * no longer served and a cluster removed each drop exactly that watcher's objects.
 */
export abstract class ResourceKeyedIndex {
  /** Object keys by `<cluster>\0<resource>`; subclasses add and remove in put and delete. */
  protected readonly byResource = new Map<string, Set<string>>();

  /** Keeps (or replaces) what the index holds of `object`. */
  protected abstract put(
    resourceKey: string,
    key: string,
    cluster: string,
    object: KubeObject,
  ): void;

  /** Forgets the object under `key`. */
  protected abstract delete(resourceKey: string, key: string): void;

  /** The sink a kind watcher of `cluster` writes `resource` objects into. */
  sinkFor(cluster: string, resource: string): KindWatcherSink {
    const resourceKey = `${cluster}\u0000${resource}`;
    // Joined, not a template literal: V8 keeps a template's result as a tree of the pieces
    // (about 100 bytes more per key), and every Map and Set holding the key keeps the tree.
    const keyOf = (object: KubeObject) =>
      [
        resourceKey,
        '\u0000',
        object.metadata?.namespace ?? '',
        '/',
        object.metadata?.name ?? '',
      ].join('');
    return {
      upsert: object => this.put(resourceKey, keyOf(object), cluster, object),
      remove: object => this.delete(resourceKey, keyOf(object)),
      replaceAll: objects => {
        // A first list (every cold start) has nothing to replace: no set of the keys to keep.
        const before = this.byResource.get(resourceKey);
        const keep = before?.size ? new Set<string>() : undefined;
        for (const object of objects) {
          const key = keyOf(object);
          keep?.add(key);
          this.put(resourceKey, key, cluster, object);
        }
        if (!keep) return;
        for (const key of [...(this.byResource.get(resourceKey) ?? [])]) {
          if (!keep.has(key)) this.delete(resourceKey, key);
        }
      },
    };
  }

  /** Forgets every object of a resource of a cluster (no longer served). */
  dropResource(cluster: string, resource: string): void {
    const resourceKey = `${cluster}\u0000${resource}`;
    for (const key of [...(this.byResource.get(resourceKey) ?? [])]) {
      this.delete(resourceKey, key);
    }
  }

  /** Forgets every object of a cluster (removed from the locators). */
  dropCluster(cluster: string): void {
    const prefix = `${cluster}\u0000`;
    for (const [resourceKey, keys] of [...this.byResource]) {
      if (!resourceKey.startsWith(prefix)) continue;
      for (const key of [...keys]) this.delete(resourceKey, key);
    }
  }
}
