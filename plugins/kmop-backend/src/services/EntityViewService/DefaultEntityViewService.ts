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
  /** The catalog read and the `kmop.entity.read` check; see the permissions folder. */
  access: EntityReadAccess;
  cache: ClusterCache;
  sloEvaluator?: SloEvaluator;
  /** Told of every entity whose view was read, so its changes reach open pages. */
  followers?: ViewFollowers;
  now?: () => Date;
}

/**
 * Answers from the cluster cache once {@link EntityReadAccess} let the caller
 * read the entity (catalog read with the caller's credentials, then
 * `kmop.entity.read`).
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
    const sloFigures = options.sloFigures !== false;
    const followers = this.options.followers;
    // Only whole views are kept built; a view without figures is cheap.
    if (!followers || !sloFigures) {
      return this.build(entityRef, target, now, sloFigures);
    }
    // Authorization above is per caller and per request; the view itself is
    // the same for every caller, so it is built once per change.
    const generation = followers.follow(entityRef, target);
    const targetKey = JSON.stringify(target);
    const known = this.built.get(entityRef);
    if (known?.generation === generation && known.targetKey === targetKey) {
      return known.view;
    }
    const view = this.build(entityRef, target, now, true);
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
    sloFigures: boolean,
  ): Promise<KmopEntityView> {
    const { items: found, clusters } = this.options.cache.lookup(target);
    // What a KMOP resource rendered is shown under it, not as items of its own.
    const items = nestRenderedObjects(found);
    if (sloFigures) {
      this.options.followers?.showsSlos(
        entityRef,
        items.slos.map(s => s.id),
      );
    }
    const slos =
      this.options.sloEvaluator && sloFigures
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
