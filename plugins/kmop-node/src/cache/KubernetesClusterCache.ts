import { LoggerService } from '@backstage/backend-plugin-api';
import { KmopClusterStatus, KmopEntityTarget } from '@kmop/plugin-kmop-common';
import { KmopClusterService } from '../clusters/KmopClusterService';
import { KmopClusterConfig, KmopClusterConfigProblem } from '../config/types';
import { sleep } from './backoff';
import { ClusterCache, ClusterCacheLookup } from './ClusterCache';
import { CachedKind, ClusterSync } from './ClusterSync';
import {
  CachedObject,
  ClusterCacheListener,
  KeptObjects,
  KindRef,
} from './KeptObjects';
import {
  IndexedObjectListener,
  ObjectIndex,
  ObjectNormalizer,
} from './ObjectIndex';
import { ReadinessFactIndex, ReadinessFactLookup } from './ReadinessFactIndex';
import { ClusterCacheSettings, KubeObject } from './types';

/**
 * Options of {@link KubernetesClusterCache.create}.
 *
 * @public
 */
export interface KubernetesClusterCacheOptions {
  /** Where the clusters and their credentials come from; asked again every `clusterRefreshIntervalMs`. */
  clusters: KmopClusterService;
  kinds: CachedKind[];
  normalize: ObjectNormalizer;
  /** What of an object `normalize` reads (kept until its first lookup); all of it when left out. */
  fieldsToNormalize?: (object: KubeObject) => KubeObject;
  settings: ClusterCacheSettings;
  logger: LoggerService;
}

interface RunningSync {
  /** What the sync was started with; a change restarts it. */
  key: string;
  cluster: KmopClusterConfig;
  sync: ClusterSync;
}

/**
 * The cluster cache over real (or simulated) Kubernetes API servers. It follows
 * the cluster locators: a cluster that appears is synced, one that disappears
 * is stopped and its objects dropped, one whose URL, CA or auth changed is
 * synced again.
 *
 * @public
 */
export class KubernetesClusterCache implements ClusterCache {
  private readonly options: KubernetesClusterCacheOptions;
  private readonly index: ObjectIndex;
  private readonly kept = new KeptObjects();
  private readonly facts = new ReadinessFactIndex();
  private readonly syncs = new Map<string, RunningSync>();
  private readonly abort = new AbortController();
  private problems: KmopClusterConfigProblem[] = [];
  /** Clusters whose client could not be created (e.g. an unreadable caFile). */
  private startProblems: KmopClusterConfigProblem[] = [];
  /** Problems already logged, so a refresh does not log them again. */
  private readonly reported = new Set<string>();
  private running?: Promise<void>;
  private refreshing: Promise<void> = Promise.resolve();

  static create(
    options: KubernetesClusterCacheOptions,
  ): KubernetesClusterCache {
    return new KubernetesClusterCache(options);
  }

  private constructor(options: KubernetesClusterCacheOptions) {
    this.options = options;
    this.index = new ObjectIndex({
      normalize: options.normalize,
      fieldsToNormalize: options.fieldsToNormalize,
    });
  }

  /** Number of objects held, over all clusters. */
  get objectCount(): number {
    return this.index.size;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    await this.refreshing;
    await Promise.all([...this.syncs.values()].map(s => this.stopSync(s)));
    this.syncs.clear();
    this.index.stop();
  }

  /** Reads the cluster list now instead of at the next interval. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.applyClusterList());
    return this.refreshing;
  }

  lookup(target: KmopEntityTarget): ClusterCacheLookup {
    const clusters = this.clusters().filter(
      c => !target.cluster || c.name === target.cluster,
    );
    return { items: this.index.lookup(target), clusters };
  }

  readinessFacts(target: KmopEntityTarget): ReadinessFactLookup {
    return this.facts.lookup(target);
  }

  objects(kind: KindRef): CachedObject[] {
    return this.kept.objects(kind);
  }

  listedClusters(kind: KindRef): string[] {
    return this.kept.listedClusters(kind);
  }

  subscribe(listener: ClusterCacheListener): () => void {
    return this.kept.subscribe(listener);
  }

  subscribeToItems(listener: IndexedObjectListener): () => void {
    return this.index.subscribe(listener);
  }

  clusters(): KmopClusterStatus[] {
    return [
      ...[...this.syncs.values()].map(({ sync, cluster }) => ({
        ...sync.status(),
        ...(cluster.dashboardUrl ? { dashboardUrl: cluster.dashboardUrl } : {}),
      })),
      ...this.problems.map(p => ({
        name: p.name,
        state: 'error' as const,
        error: { kind: 'config', message: p.message },
        ...(p.dashboardUrl ? { dashboardUrl: p.dashboardUrl } : {}),
      })),
    ];
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      await this.refresh();
      await sleep(this.options.settings.clusterRefreshIntervalMs, signal);
    }
  }

  private async applyClusterList(): Promise<void> {
    if (this.abort.signal.aborted) return;
    const { clusters, problems } = await this.options.clusters.list();
    if (this.abort.signal.aborted) return;
    const wanted = new Map(clusters.map(c => [c.name, c]));
    for (const [name, running] of [...this.syncs]) {
      const next = wanted.get(name);
      if (!next || syncKey(next) !== running.key) {
        this.syncs.delete(name);
        await this.stopSync(running);
        this.options.logger.info(
          `KMOP cache: ${
            next ? 'cluster changed, syncing again' : 'cluster removed'
          }: ${name}`,
        );
      }
    }
    for (const cluster of clusters) {
      if (this.syncs.has(cluster.name)) continue;
      const sync = this.startSync(cluster);
      if (sync) {
        this.syncs.set(cluster.name, { key: syncKey(cluster), cluster, sync });
      }
    }
    this.problems = [
      ...problems,
      ...this.startProblems.filter(p => wanted.has(p.name)),
    ];
    this.startProblems = this.startProblems.filter(p => wanted.has(p.name));
    for (const problem of problems) {
      if (!this.reported.has(problem.message)) {
        this.options.logger.warn(
          `KMOP cannot use cluster ${problem.name}: ${problem.message}`,
        );
        this.reported.add(problem.message);
      }
    }
  }

  private startSync(cluster: KmopClusterConfig): ClusterSync | undefined {
    let client;
    try {
      client = this.options.clusters.client(cluster, {
        requestTimeoutMs: this.options.settings.requestTimeoutMs,
      });
    } catch (error) {
      this.startProblems = [
        ...this.startProblems.filter(p => p.name !== cluster.name),
        {
          name: cluster.name,
          message: (error as Error).message,
          dashboardUrl: cluster.dashboardUrl,
        },
      ];
      return undefined;
    }
    this.startProblems = this.startProblems.filter(
      p => p.name !== cluster.name,
    );
    const sync = new ClusterSync({
      cluster,
      client,
      kinds: this.options.kinds,
      index: this.index,
      kept: this.kept,
      facts: this.facts,
      settings: this.options.settings,
      logger: this.options.logger.child({ cluster: cluster.name }),
    });
    sync.start();
    return sync;
  }

  private async stopSync(running: RunningSync): Promise<void> {
    await running.sync.stop();
    this.index.dropCluster(running.cluster.name);
    this.kept.dropCluster(running.cluster.name);
    this.facts.dropCluster(running.cluster.name);
  }
}

function syncKey(cluster: KmopClusterConfig): string {
  return JSON.stringify([
    cluster.url,
    cluster.caData,
    cluster.caFile,
    cluster.skipTLSVerify,
    cluster.authMetadata,
  ]);
}
