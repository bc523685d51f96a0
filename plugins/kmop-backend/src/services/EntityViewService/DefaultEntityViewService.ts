import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  KmopEntityTarget,
  KmopEntityView,
  KmopSloView,
  isKmopAvailable,
  nestRenderedObjects,
  resolveEntityTarget,
} from '@kmop/plugin-kmop-common';
import { ClusterCache } from '@kmop/plugin-kmop-node';
import { EntityReadAccess } from '../../permissions';
import { EntityViewOptions, EntityViewService } from './EntityViewService';

/** Adds live SLI figures to SLO items; see PrometheusSloEvaluator. */
export interface SloEvaluator {
  evaluate(slos: KmopSloView[]): Promise<KmopSloView[]>;
}

/** Options of {@link DefaultEntityViewService.create}. */
export interface DefaultEntityViewServiceOptions {
  /** The catalog read and the `kmop.entity.read` check; see the permissions folder. */
  access: EntityReadAccess;
  cache: ClusterCache;
  sloEvaluator?: SloEvaluator;
  now?: () => Date;
}

/**
 * Answers from the cluster cache once {@link EntityReadAccess} let the caller
 * read the entity (catalog read with the caller's credentials, then
 * `kmop.entity.read`).
 */
export class DefaultEntityViewService implements EntityViewService {
  private readonly options: DefaultEntityViewServiceOptions;

  static create(
    options: DefaultEntityViewServiceOptions,
  ): DefaultEntityViewService {
    return new DefaultEntityViewService(options);
  }

  private constructor(options: DefaultEntityViewServiceOptions) {
    this.options = options;
  }

  async getView(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    options: EntityViewOptions = {},
  ): Promise<KmopEntityView> {
    const entityRef = stringifyEntityRef(ref);
    const entity = await this.options.access.read(entityRef, credentials);
    const now = (this.options.now ?? (() => new Date()))().toISOString();
    if (!isKmopAvailable(entity)) {
      // Nothing links this entity to cluster objects; the UI explains how to.
      return {
        entityRef,
        target: {},
        routes: [],
        slos: [],
        rollouts: [],
        resilience: [],
        clusters: this.options.cache.clusters(),
        generatedAt: now,
      };
    }
    const target = this.resolveTarget(entity, entityRef);
    const { items: found, clusters } = this.options.cache.lookup(target);
    // What a KMOP resource rendered is shown under it, not as items of its own.
    const items = nestRenderedObjects(found);
    const slos =
      this.options.sloEvaluator && options.sloFigures !== false
        ? await this.options.sloEvaluator.evaluate(items.slos)
        : items.slos;
    return { entityRef, target, ...items, slos, clusters, generatedAt: now };
  }

  private resolveTarget(
    entity: Parameters<typeof resolveEntityTarget>[0],
    entityRef: string,
  ): KmopEntityTarget {
    try {
      return resolveEntityTarget(entity);
    } catch (error) {
      throw new InputError(
        `${entityRef} has an invalid annotation: ${(error as Error).message}`,
      );
    }
  }
}
