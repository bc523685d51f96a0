import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  KmopEntityTarget,
  KmopEntityView,
  KmopSloView,
  isKmopAvailable,
  kmopEntityReadPermission,
  resolveEntityTarget,
} from '@kmop/plugin-kmop-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ClusterCache } from '@kmop/plugin-kmop-node';
import { EntityAccessCache } from './EntityAccessCache';
import { EntityViewService } from './EntityViewService';

/** Adds live SLI figures to SLO items; see PrometheusSloEvaluator. */
export interface SloEvaluator {
  evaluate(slos: KmopSloView[]): Promise<KmopSloView[]>;
}

/**
 * Who turns cache changes into "this entity's view changed" (see
 * EntityViewSignals); the service also uses it to build a view once per change.
 */
export interface ViewFollowers {
  /**
   * Follows the entity's changes from now on; returns a number that changes
   * whenever the entity's view may have changed (objects, cluster states, SLO
   * figures). Call it before reading the cache.
   */
  follow(entityRef: string, target: KmopEntityTarget): number;
  /** The SLOs the entity's view shows; their new figures change the view too. */
  showsSlos(entityRef: string, sloIds: string[]): void;
}

interface BuiltView {
  generation: number;
  targetKey: string;
  view: Promise<KmopEntityView>;
}

/** Views kept built; a followed entity's view is rebuilt only when it changed. */
const MAX_BUILT_VIEWS = 1000;

/** Options of {@link DefaultEntityViewService.create}. */
export interface DefaultEntityViewServiceOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
  cache: ClusterCache;
  /**
   * Reuse of each caller's catalog read and permission decision per entity;
   * share one between every service that answers for entities.
   */
  access: EntityAccessCache;
  sloEvaluator?: SloEvaluator;
  /** Told of every entity whose view was read, so its changes reach open pages. */
  followers?: ViewFollowers;
  now?: () => Date;
}

/**
 * Reads the entity through the catalog with the caller's own credentials (so an
 * entity the caller cannot see is a 404), checks `kmop.entity.read`, and answers
 * from the cluster cache. The read and the decision are reused for the same
 * caller and entity for a short time (see {@link EntityAccessCache}): they are
 * most of what a view costs.
 */
export class DefaultEntityViewService implements EntityViewService {
  private readonly options: DefaultEntityViewServiceOptions;
  private readonly built = new Map<string, BuiltView>();

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
  ): Promise<KmopEntityView> {
    const entityRef = stringifyEntityRef(ref);
    const entity = await this.options.access.get(credentials, entityRef, () =>
      this.readEntity(entityRef, credentials),
    );
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
    const followers = this.options.followers;
    if (!followers) return this.build(entityRef, target, now);
    // Authorization above is per caller and per request; the view itself is
    // the same for every caller, so it is built once per change.
    const generation = followers.follow(entityRef, target);
    const targetKey = JSON.stringify(target);
    const known = this.built.get(entityRef);
    if (known?.generation === generation && known.targetKey === targetKey) {
      return known.view;
    }
    const view = this.build(entityRef, target, now);
    this.built.delete(entityRef);
    if (this.built.size >= MAX_BUILT_VIEWS) {
      this.built.delete(this.built.keys().next().value!);
    }
    this.built.set(entityRef, { generation, targetKey, view });
    view.catch(() => this.built.delete(entityRef));
    return view;
  }

  private async build(
    entityRef: string,
    target: KmopEntityTarget,
    now: string,
  ): Promise<KmopEntityView> {
    const { items, clusters } = this.options.cache.lookup(target);
    this.options.followers?.showsSlos(
      entityRef,
      items.slos.map(s => s.id),
    );
    const slos = this.options.sloEvaluator
      ? await this.options.sloEvaluator.evaluate(items.slos)
      : items.slos;
    return { entityRef, target, ...items, slos, clusters, generatedAt: now };
  }

  /** The entity, if the caller may see it in the catalog and may read its KMOP view. */
  private async readEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    // Both asked at once; the catalog's answer still decides first, so a
    // caller who may not see the entity learns nothing from the decision.
    const [entity, [decision]] = await Promise.all([
      this.options.catalog.getEntityByRef(entityRef, { credentials }),
      this.options.permissions.authorize(
        [{ permission: kmopEntityReadPermission, resourceRef: entityRef }],
        { credentials },
      ),
    ]);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} found`);
    }
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not read the KMOP view of ${entityRef}`,
      );
    }
    return entity;
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
