import { KmopClusterStatus, KmopEntityTarget } from '@kmop/plugin-kmop-common';
import { CachedObject, ClusterCacheListener, KindRef } from './KeptObjects';
import { IndexedObjectListener, KmopItems } from './ObjectIndex';
import { ReadinessFactLookup } from './ReadinessFactIndex';

/**
 * What the cache holds for one entity.
 *
 * @public
 */
export interface ClusterCacheLookup {
  items: KmopItems;
  /** Every cluster the lookup looked at, with its state. */
  clusters: KmopClusterStatus[];
}

/**
 * A live, in-memory copy of the clusters' KMOP-relevant objects.
 *
 * @public
 */
export interface ClusterCache {
  /** The items that belong to the target; never calls a cluster. */
  lookup(target: KmopEntityTarget): ClusterCacheLookup;
  /** The readiness facts of the target and of its namespaces; never calls a cluster. */
  readinessFacts(target: KmopEntityTarget): ReadinessFactLookup;
  /**
   * The objects of a kind the cache keeps whole (`kmop.dev` Microservice), in
   * every cluster; never calls a cluster. Other kinds give an empty list.
   */
  objects(kind: KindRef): CachedObject[];
  /**
   * The clusters where a kept kind has been listed completely since the start:
   * for the others, `objects()` cannot tell what the cluster holds.
   */
  listedClusters(kind: KindRef): string[];
  /** Calls `listener` on every change of a kept kind; returns the unsubscribe. */
  subscribe(listener: ClusterCacheListener): () => void;
  /**
   * Calls `listener` for every object of any kind whose view items may have
   * changed (came, went, or changed resourceVersion); returns the unsubscribe.
   * Called synchronously from the watch: keep the listener cheap.
   */
  subscribeToItems(listener: IndexedObjectListener): () => void;
  /** The state of every configured cluster. */
  clusters(): KmopClusterStatus[];
  start(): void;
  stop(): Promise<void>;
}
