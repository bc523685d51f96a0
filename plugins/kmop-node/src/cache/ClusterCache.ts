import { KmopClusterStatus, KmopEntityTarget } from '@kmop/plugin-kmop-common';
import { KmopItems } from './ObjectIndex';

/** What the cache holds for one entity. */
export interface ClusterCacheLookup {
  items: KmopItems;
  /** Every cluster the lookup looked at, with its state. */
  clusters: KmopClusterStatus[];
}

/** A live, in-memory copy of the clusters' KMOP-relevant objects. */
export interface ClusterCache {
  /** The items that belong to the target; never calls a cluster. */
  lookup(target: KmopEntityTarget): ClusterCacheLookup;
  /** The state of every configured cluster. */
  clusters(): KmopClusterStatus[];
  start(): void;
  stop(): Promise<void>;
}
