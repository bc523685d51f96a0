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
  KubeRequestError,
  resourcePath,
} from '@kmop/plugin-kmop-node';
import { ClusterClients } from '../ClusterClients';
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
  private readonly clients: ClusterClients;

  static create(
    options: ClusterSourceObjectServiceOptions,
  ): ClusterSourceObjectService {
    return new ClusterSourceObjectService(options);
  }

  private constructor(options: ClusterSourceObjectServiceOptions) {
    this.entityViews = options.entityViews;
    this.clients = ClusterClients.create({
      clusters: options.clusters,
      requestTimeoutMs: options.requestTimeoutMs,
    });
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
    const client = await this.clients.get(source.cluster);
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
    this.clients.close();
  }
}
