import { ServiceUnavailableError } from '@backstage/errors';
import { KmopClusterService, KubeClient } from '@kmop/plugin-kmop-node';

/** Options of {@link ClusterClients.create}. */
export interface ClusterClientsOptions {
  clusters: KmopClusterService;
  /** Time allowed for one request. Default 10 seconds. */
  requestTimeoutMs?: number;
}

/**
 * One KubeClient per cluster, with the credentials kmop-node keeps for it (the same clients
 * and credentials the cache and the scaffolder's apply use). A cluster whose address or
 * auth changed in its locator gets a new client.
 */
export class ClusterClients {
  private readonly clusters: KmopClusterService;
  private readonly requestTimeoutMs: number;
  private readonly clients = new Map<
    string,
    { key: string; client: KubeClient }
  >();

  static create(options: ClusterClientsOptions): ClusterClients {
    return new ClusterClients(options);
  }

  private constructor(options: ClusterClientsOptions) {
    this.clusters = options.clusters;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  async get(name: string): Promise<KubeClient> {
    const { cluster } = await this.clusters.find(name);
    if (!cluster) {
      throw new ServiceUnavailableError(
        `Cluster ${name} is not configured for KMOP any more`,
      );
    }
    const key = JSON.stringify([
      cluster.url,
      cluster.caData,
      cluster.caFile,
      cluster.authMetadata,
    ]);
    const existing = this.clients.get(name);
    if (existing?.key === key) return existing.client;
    existing?.client.close();
    let client: KubeClient;
    try {
      client = this.clusters.client(cluster, {
        requestTimeoutMs: this.requestTimeoutMs,
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `Cluster ${name} cannot be reached: ${(error as Error).message}`,
      );
    }
    this.clients.set(name, { key, client });
    return client;
  }

  /** Closes the clients' idle connections. */
  close(): void {
    for (const { client } of this.clients.values()) client.close();
    this.clients.clear();
  }
}
