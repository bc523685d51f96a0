import { KmopClusterStatus } from '@kmop/plugin-kmop-common';

/** Error details kept for a cluster or one of its kinds. */
export type KmopCacheError = NonNullable<KmopClusterStatus['error']>;

/**
 * Timings and sizes of the cache, all in milliseconds.
 *
 * @public
 */
export interface ClusterCacheSettings {
  requestTimeoutMs: number;
  watchTimeoutMs: number;
  pageSize: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  rediscoveryIntervalMs: number;
  /** How often the cluster locators are asked again (clusters added to or removed from the catalog). */
  clusterRefreshIntervalMs: number;
}

/** @public */
export const DEFAULT_CACHE_SETTINGS: ClusterCacheSettings = {
  requestTimeoutMs: 10_000,
  watchTimeoutMs: 300_000,
  pageSize: 500,
  initialBackoffMs: 1_000,
  maxBackoffMs: 60_000,
  rediscoveryIntervalMs: 300_000,
  clusterRefreshIntervalMs: 60_000,
};

/**
 * A Kubernetes object as the cache receives it.
 *
 * @public
 */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: unknown;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/** Receives what a kind watcher learns about its objects. */
export interface KindWatcherSink {
  upsert(object: KubeObject): void;
  remove(object: KubeObject): void;
  /** Replaces every object of the kind (after a full list). */
  replaceAll(objects: KubeObject[]): void;
}
