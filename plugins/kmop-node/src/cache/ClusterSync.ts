import { LoggerService } from '@backstage/backend-plugin-api';
import { KmopClusterStatus } from '@kmop/plugin-kmop-common';
import { KmopClusterConfig } from '../config/types';
import { KubeClient } from '../client/KubeClient';
import { KubeApiResource, discoverApiResources } from '../client/discovery';
import { backoffDelay, sleep } from './backoff';
import { errorDetails } from './errorDetails';
import { KindWatcher } from './KindWatcher';
import { KeptObjects } from './KeptObjects';
import { ObjectIndex } from './ObjectIndex';
import { ReadinessFactIndex } from './ReadinessFactIndex';
import { KindWatcherSink } from './types';
import { ClusterCacheSettings, KmopCacheError } from './types';

/** A kind the cache keeps, with the versions it reads in order of preference. */
export interface CachedKind {
  group: string;
  versions: string[];
  kind: string;
  /** Keep whole objects of this kind (see {@link KeptObjects}), not only view items. */
  keep?: boolean;
  /** False for kinds cached only for their readiness facts (no view items). */
  view?: boolean;
}

/** Options of {@link ClusterSync}. */
export interface ClusterSyncOptions {
  cluster: KmopClusterConfig;
  /** The cluster's client, with its credentials; closed when the sync stops. */
  client: KubeClient;
  kinds: CachedKind[];
  index: ObjectIndex;
  kept: KeptObjects;
  /** Where every object's readiness facts go (see {@link ReadinessFactIndex}). */
  facts?: ReadinessFactIndex;
  settings: ClusterCacheSettings;
  logger: LoggerService;
}

/**
 * Keeps one cluster's share of the cache: discovery decides which supported
 * kinds the cluster serves (and in which version), one {@link KindWatcher} per
 * kind keeps them, and discovery runs again now and then to find new CRDs.
 */
export class ClusterSync {
  private readonly options: ClusterSyncOptions;
  private readonly client: KubeClient;
  private readonly watchers = new Map<string, KindWatcher>();
  private readonly abort = new AbortController();
  private discoveryError?: KmopCacheError;
  private discoveredOnce = false;
  private staleSince?: Date;
  private lastSyncedAt?: Date;
  private running?: Promise<void>;

  constructor(options: ClusterSyncOptions) {
    this.options = options;
    this.client = options.client;
  }

  get name(): string {
    return this.options.cluster.name;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    await Promise.all([...this.watchers.values()].map(w => w.stop()));
    this.client.close();
  }

  status(): KmopClusterStatus {
    const base = { name: this.name };
    const lastSyncedAt = this.lastSyncedAt?.toISOString();
    if (this.discoveryError) {
      return {
        ...base,
        state: 'error',
        error: this.discoveryError,
        staleSince: this.staleSince?.toISOString(),
        lastSyncedAt,
      };
    }
    const states = [...this.watchers.values()].map(w => w.state);
    const failed = states.find(s => s.state === 'error');
    if (failed) {
      const stale = states
        .map(s => s.staleSince)
        .filter((d): d is Date => d !== undefined)
        .sort((a, b) => a.getTime() - b.getTime())[0];
      return {
        ...base,
        state: 'error',
        error: failed.error,
        staleSince: stale?.toISOString(),
        lastSyncedAt,
      };
    }
    if (!this.discoveredOnce || states.some(s => s.state === 'syncing')) {
      return { ...base, state: 'syncing', lastSyncedAt };
    }
    return { ...base, state: 'ready', lastSyncedAt };
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let attempt = 0;
    while (!signal.aborted) {
      let wait = this.options.settings.rediscoveryIntervalMs;
      try {
        await this.discover(signal);
        attempt = 0;
      } catch (error) {
        if (signal.aborted) return;
        if (!this.discoveryError) {
          this.options.logger.warn(
            `KMOP cache: discovery of cluster ${this.name} failed: ${
              (error as Error).message
            }`,
          );
        }
        this.discoveryError = errorDetails(error);
        this.staleSince ??= this.discoveredOnce ? new Date() : undefined;
        wait = backoffDelay(
          attempt++,
          this.options.settings.initialBackoffMs,
          this.options.settings.maxBackoffMs,
        );
      }
      await sleep(wait, signal);
    }
  }

  private async discover(signal: AbortSignal): Promise<void> {
    const groups = [...new Set(this.options.kinds.map(k => k.group))];
    const served = await discoverApiResources(this.client, { groups, signal });
    const wanted = new Map<string, KubeApiResource>();
    const kindOf = new Map<string, CachedKind>();
    for (const kind of this.options.kinds) {
      const resource = pickVersion(kind, served);
      if (resource) {
        wanted.set(resourceKey(resource), resource);
        kindOf.set(resourceKey(resource), kind);
      }
    }
    for (const [key, watcher] of this.watchers) {
      if (!wanted.has(key)) {
        await watcher.stop();
        this.watchers.delete(key);
        this.options.index.dropResource(this.name, key);
        this.options.kept.dropResource(this.name, key);
        this.options.facts?.dropResource(this.name, key);
      }
    }
    for (const [key, resource] of wanted) {
      if (this.watchers.has(key)) continue;
      const watcher = new KindWatcher({
        client: this.client,
        resource,
        sink: this.sinkFor(key, kindOf.get(key)!),
        settings: this.options.settings,
        logger: this.options.logger,
        onStateChange: () => this.noteSync(),
      });
      this.watchers.set(key, watcher);
      watcher.start();
    }
    this.discoveryError = undefined;
    this.discoveredOnce = true;
    this.noteSync();
  }

  private sinkFor(key: string, kind: CachedKind): KindWatcherSink {
    const sinks = [
      kind.view === false
        ? undefined
        : this.options.index.sinkFor(this.name, key),
      kind.keep ? this.options.kept.sinkFor(this.name, key, kind) : undefined,
      this.options.facts?.sinkFor(this.name, key),
    ].filter((s): s is KindWatcherSink => s !== undefined);
    if (sinks.length === 1) return sinks[0];
    return {
      upsert: o => sinks.forEach(s => s.upsert(o)),
      remove: o => sinks.forEach(s => s.remove(o)),
      replaceAll: objects => sinks.forEach(s => s.replaceAll(objects)),
    };
  }

  private noteSync() {
    const states = [...this.watchers.values()].map(w => w.state.state);
    if (!this.discoveryError && states.every(s => s === 'ready')) {
      this.lastSyncedAt = new Date();
      this.staleSince = undefined;
    }
  }
}

function resourceKey(r: KubeApiResource): string {
  return r.group
    ? `${r.group}/${r.version}/${r.plural}`
    : `${r.version}/${r.plural}`;
}

function pickVersion(
  kind: CachedKind,
  served: KubeApiResource[],
): KubeApiResource | undefined {
  for (const version of kind.versions) {
    const match = served.find(
      r =>
        r.group === kind.group &&
        r.version === version &&
        r.kind === kind.kind &&
        r.verbs.includes('list') &&
        r.verbs.includes('watch'),
    );
    if (match) return match;
  }
  return undefined;
}
