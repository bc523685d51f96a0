import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  KmopItemBase,
  allViewItems,
  findSupportedKind,
  parseApiVersion,
} from '@kmop/plugin-kmop-common';
import {
  KmopClusterService,
  KubeClient,
  KubeRequestError,
  resourcePath,
} from '@kmop/plugin-kmop-node';
import { EntityViewService } from '../EntityViewService/EntityViewService';
import { SourceObject, SourceObjectService } from './SourceObjectService';
import { sourceObjectYaml } from './sourceObjectYaml';

/** Options of {@link ClusterSourceObjectService.create}. */
export interface ClusterSourceObjectServiceOptions {
  /** The entity views the caller may see; an item is answered only when it is in one. */
  entityViews: EntityViewService;
  /** The clusters KMOP reaches, with their credentials. */
  clusters: KmopClusterService;
  /** Time allowed for reading one object. Default 10 seconds. */
  requestTimeoutMs?: number;
}

/**
 * Reads an item's source object from its cluster when a person opens it. The
 * item must be in the entity's view as the caller sees it (catalog read with
 * the caller's credentials and `kmop.entity.read`), so this answers for no
 * object the view would not show; and never for a Secret.
 */
export class ClusterSourceObjectService implements SourceObjectService {
  private readonly entityViews: EntityViewService;
  private readonly clusters: KmopClusterService;
  private readonly requestTimeoutMs: number;
  /** Clients by cluster name, with what they were made for. */
  private readonly clients = new Map<
    string,
    { key: string; client: KubeClient }
  >();

  static create(
    options: ClusterSourceObjectServiceOptions,
  ): ClusterSourceObjectService {
    return new ClusterSourceObjectService(options);
  }

  private constructor(options: ClusterSourceObjectServiceOptions) {
    this.entityViews = options.entityViews;
    this.clusters = options.clusters;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  async getSourceObject(
    entityRef: CompoundEntityRef,
    itemId: string,
    credentials: BackstageCredentials,
  ): Promise<SourceObject> {
    // Which items the view holds is all that is asked; no SLI figures.
    const view = await this.entityViews.getView(entityRef, credentials, {
      sloFigures: false,
    });
    // Objects rendered from a KMOP resource are listed under it; their YAML is shown too.
    const items: KmopItemBase[] = allViewItems(view);
    const item = items.find(i => i.id === itemId);
    if (!item) {
      throw new NotFoundError(
        `Item ${itemId} is not in the KMOP view of ${view.entityRef}`,
      );
    }
    const { source } = item;
    const kind = findSupportedKind(source.apiVersion, source.kind);
    // The view only holds supported kinds, and Secrets are none of them; this
    // guard keeps it so should an item ever point elsewhere.
    if (!kind || source.kind === 'Secret') {
      throw new NotAllowedError(
        `KMOP does not show ${source.apiVersion} ${source.kind} objects`,
      );
    }
    const client = await this.client(source.cluster);
    const path = resourcePath({
      group: kind.group,
      version: parseApiVersion(source.apiVersion).version,
      plural: kind.plural,
      namespace: source.namespace,
      name: source.name,
    });
    const name = source.namespace
      ? `${source.namespace}/${source.name}`
      : source.name;
    const where = `${source.kind} ${name} in cluster ${source.cluster}`;
    try {
      const object = await client.request<Record<string, unknown>>({ path });
      return { yaml: sourceObjectYaml(object) };
    } catch (error) {
      if (error instanceof KubeRequestError && error.kind === 'notFound') {
        throw new NotFoundError(`${where} no longer exists`);
      }
      const detail =
        error instanceof KubeRequestError
          ? `${error.kind}: ${error.message}`
          : String(error);
      throw new ServiceUnavailableError(`Could not read ${where} (${detail})`);
    }
  }

  /** Closes the clients' idle connections. */
  close(): void {
    for (const { client } of this.clients.values()) client.close();
    this.clients.clear();
  }

  private async client(name: string): Promise<KubeClient> {
    const { cluster } = await this.clusters.find(name);
    if (!cluster) {
      throw new ServiceUnavailableError(
        `Cluster ${name} is not configured for KMOP any more`,
      );
    }
    // A cluster whose address or auth changed in its locator gets a new client.
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
}
