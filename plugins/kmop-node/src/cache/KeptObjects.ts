import { KMOP_GROUP } from '@kmop/plugin-kmop-common';
import { KindWatcherSink, KubeObject } from './types';

/**
 * A kind of object, by API group and kind.
 *
 * @public
 */
export interface KindRef {
  group: string;
  kind: string;
}

/**
 * A kept object and the cluster it was read from.
 *
 * @public
 */
export interface CachedObject {
  cluster: string;
  object: KubeObject;
}

/**
 * A change of the objects of a kept kind. `resync` follows a full re-list of
 * the kind in a cluster (start, 410 Gone, a CRD that came or went): readers
 * should then read every object again with `objects()`.
 *
 * @public
 */
export type ClusterCacheChange =
  | ({
      type: 'upsert' | 'remove';
      cluster: string;
      object: KubeObject;
    } & KindRef)
  | ({ type: 'resync'; cluster: string } & KindRef);

/**
 * Receives the changes of the kept kinds.
 *
 * @public
 */
export type ClusterCacheListener = (change: ClusterCacheChange) => void;

interface Resource extends KindRef {
  cluster: string;
  keys: Set<string>;
  listed: boolean;
}

/**
 * The whole objects of the kinds the cache keeps as they are (the
 * Microservices, which the catalog entity provider turns into entities),
 * with change notifications. Other kinds are only kept as view items.
 */
export class KeptObjects {
  private readonly objectsByKey = new Map<string, CachedObject & KindRef>();
  private readonly resources = new Map<string, Resource>();
  private readonly listeners = new Set<ClusterCacheListener>();

  /** The sink a kind watcher of `cluster` writes `resource` objects into. */
  sinkFor(cluster: string, resource: string, kind: KindRef): KindWatcherSink {
    const resourceKey = `${cluster}\u0000${resource}`;
    const entry: Resource = {
      group: kind.group,
      kind: kind.kind,
      cluster,
      keys: new Set(),
      listed: false,
    };
    this.resources.set(resourceKey, entry);
    const keyOf = (object: KubeObject) =>
      `${resourceKey}\u0000${object.metadata?.namespace ?? ''}/${
        object.metadata?.name ?? ''
      }`;
    const put = (object: KubeObject) => {
      const key = keyOf(object);
      entry.keys.add(key);
      this.objectsByKey.set(key, { cluster, object, ...kind });
    };
    return {
      upsert: object => {
        put(object);
        this.emit({ type: 'upsert', cluster, object, ...kind });
      },
      remove: object => {
        const key = keyOf(object);
        entry.keys.delete(key);
        this.objectsByKey.delete(key);
        this.emit({ type: 'remove', cluster, object, ...kind });
      },
      replaceAll: objects => {
        for (const key of entry.keys) this.objectsByKey.delete(key);
        entry.keys.clear();
        objects.forEach(put);
        entry.listed = true;
        this.emit({ type: 'resync', cluster, ...kind });
      },
    };
  }

  /** Forgets a resource of a cluster that is no longer served. */
  dropResource(cluster: string, resource: string): void {
    const resourceKey = `${cluster}\u0000${resource}`;
    const entry = this.resources.get(resourceKey);
    if (!entry) return;
    for (const key of entry.keys) this.objectsByKey.delete(key);
    this.resources.delete(resourceKey);
    this.emit({
      type: 'resync',
      cluster,
      group: entry.group,
      kind: entry.kind,
    });
  }

  /** Forgets every resource of a cluster (removed from the locators). */
  dropCluster(cluster: string): void {
    const prefix = `${cluster}\u0000`;
    for (const resourceKey of [...this.resources.keys()]) {
      if (resourceKey.startsWith(prefix)) {
        this.dropResource(cluster, resourceKey.slice(prefix.length));
      }
    }
  }

  objects(kind: KindRef): CachedObject[] {
    const result: CachedObject[] = [];
    for (const o of this.objectsByKey.values()) {
      if (o.group === kind.group && o.kind === kind.kind) {
        result.push({ cluster: o.cluster, object: o.object });
      }
    }
    return result;
  }

  /** The clusters where the kind has been listed completely at least once. */
  listedClusters(kind: KindRef): string[] {
    const clusters = new Set<string>();
    for (const r of this.resources.values()) {
      if (r.listed && r.group === kind.group && r.kind === kind.kind) {
        clusters.add(r.cluster);
      }
    }
    return [...clusters];
  }

  subscribe(listener: ClusterCacheListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(change: ClusterCacheChange) {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A failing reader must not stop the watch that feeds every other one.
      }
    }
  }
}

/**
 * The kind the cache keeps whole: KMOP's Microservice.
 *
 * @public
 */
export const MICROSERVICE_KIND: KindRef = {
  group: KMOP_GROUP,
  kind: 'Microservice',
};
