export type { ClusterCache, ClusterCacheLookup } from './ClusterCache';
export type {
  IndexedObjectChange,
  IndexedObjectListener,
  IndexedObjectPlace,
  KmopItems,
} from './ObjectIndex';
export { objectBelongsTo } from './ObjectIndex';
export type { ClusterCacheSettings } from './types';
export { DEFAULT_CACHE_SETTINGS } from './types';
export {
  KubernetesClusterCache,
  type KubernetesClusterCacheOptions,
} from './KubernetesClusterCache';
export { createClusterCache } from './createClusterCache';
export { readCacheSettings } from './readCacheSettings';
export { kmopClusterCacheServiceRef } from './clusterCacheServiceRef';
export {
  MICROSERVICE_KIND,
  type CachedObject,
  type ClusterCacheChange,
  type ClusterCacheListener,
  type KindRef,
} from './KeptObjects';
export type { KubeObject } from './types';
export type { ReadinessFactLookup } from './ReadinessFactIndex';
