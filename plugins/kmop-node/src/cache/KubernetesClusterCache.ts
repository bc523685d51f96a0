import { LoggerService } from '@backstage/backend-plugin-api';
import { KmopClusterStatus, KmopEntityTarget } from '@kmop/plugin-kmop-common';
import { KmopClusterConfigProblem, KmopClusterConfig } from '../config/types';
import { ClusterCache, ClusterCacheLookup } from './ClusterCache';
import { CachedKind, ClusterSync } from './ClusterSync';
import {
  CachedObject,
  ClusterCacheListener,
  KeptObjects,
  KindRef,
} from './KeptObjects';
import { ObjectIndex, ObjectNormalizer } from './ObjectIndex';
import { ClusterCacheSettings } from './types';

/** Options of {@link KubernetesClusterCache.create}. */
export interface KubernetesClusterCacheOptions {
  clusters: KmopClusterConfig[];
  /** Configured clusters that cannot be used; reported as errors. */
  problems?: KmopClusterConfigProblem[];
  kinds: CachedKind[];
  normalize: ObjectNormalizer;
  settings: ClusterCacheSettings;
  logger: LoggerService;
}

/** The cluster cache over real (or simulated) Kubernetes API servers. */
export class KubernetesClusterCache implements ClusterCache {
  private readonly index: ObjectIndex;
  private readonly kept = new KeptObjects();
  private readonly syncs: ClusterSync[];
  private readonly problems: KmopClusterConfigProblem[];

  static create(
    options: KubernetesClusterCacheOptions,
  ): KubernetesClusterCache {
    return new KubernetesClusterCache(options);
  }

  private constructor(options: KubernetesClusterCacheOptions) {
    this.index = new ObjectIndex({ normalize: options.normalize });
    this.problems = options.problems ?? [];
    this.syncs = options.clusters.map(
      cluster =>
        new ClusterSync({
          cluster,
          kinds: options.kinds,
          index: this.index,
          kept: this.kept,
          settings: options.settings,
          logger: options.logger.child({ cluster: cluster.name }),
        }),
    );
  }

  /** Number of objects held, over all clusters. */
  get objectCount(): number {
    return this.index.size;
  }

  start(): void {
    this.syncs.forEach(s => s.start());
  }

  async stop(): Promise<void> {
    await Promise.all(this.syncs.map(s => s.stop()));
  }

  lookup(target: KmopEntityTarget): ClusterCacheLookup {
    const clusters = this.clusters().filter(
      c => !target.cluster || c.name === target.cluster,
    );
    return { items: this.index.lookup(target), clusters };
  }

  objects(kind: KindRef): CachedObject[] {
    return this.kept.objects(kind);
  }

  subscribe(listener: ClusterCacheListener): () => void {
    return this.kept.subscribe(listener);
  }

  clusters(): KmopClusterStatus[] {
    return [
      ...this.syncs.map(s => s.status()),
      ...this.problems.map(p => ({
        name: p.name,
        state: 'error' as const,
        error: { kind: 'config', message: p.message },
      })),
    ];
  }
}
