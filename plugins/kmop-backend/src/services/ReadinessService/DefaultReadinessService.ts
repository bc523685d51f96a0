import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KmopEntityTarget,
  KmopOrgBurningSlo,
  KmopOrgPage,
  KmopOrgQuery,
  KmopOrgRollout,
  KmopReadiness,
  KmopServiceSummary,
  burningSlo,
  nestRenderedObjects,
  computeReadiness,
  describeTarget,
  isKmopAvailable,
  isRolloutInProgress,
  kmopEntityReadPermission,
  pageServices,
  resolveEntityTarget,
  summarizeService,
} from '@kmop/plugin-kmop-common';
import { ClusterCache, KmopItems } from '@kmop/plugin-kmop-node';
import { LINKED, specRef } from '../../actions/createListServicesAction';
import { EntityViewService } from '../EntityViewService/EntityViewService';
import { SloEvaluator } from '../EntityViewService/DefaultEntityViewService';
import { KmopEntityReadiness, ReadinessService } from './ReadinessService';

/** Options of {@link DefaultReadinessService.create}. */
export interface DefaultReadinessServiceOptions {
  /** Reads one entity as the caller (catalog visibility and `kmop.entity.read`). */
  entityViews: EntityViewService;
  catalog: CatalogService;
  permissions: PermissionsService;
  cache: ClusterCache;
  /**
   * The entity views' SLO evaluator (shared, scheduled): the organisation view shows the
   * same SLO figures as each service's page. Without it, the figures the cache holds.
   */
  sloEvaluator?: SloEvaluator;
  now?: () => Date;
}

/**
 * Permission decisions asked in one request: about 210 bytes each, so a batch stays well
 * under the permission backend's 100 kB body limit.
 */
export const PERMISSION_BATCH = 250;

const EMPTY_ITEMS: KmopItems = {
  routes: [],
  slos: [],
  rollouts: [],
  resilience: [],
};

/**
 * Readiness from the cluster cache. One entity goes through the entity view (its
 * authorization, and Prometheus figures when configured); the organisation view reads the
 * catalog once with the caller's credentials (the catalog leaves out what they may not
 * see), asks the permission policy once for `kmop.entity.read` of all of them, and answers
 * from the cache, with SLO figures from the entity views' shared evaluator: without them a
 * service whose page alert fires on its own page read "no figures" here, and was missing
 * from the SLOs burning now. No call to a cluster.
 */
export class DefaultReadinessService implements ReadinessService {
  private readonly options: DefaultReadinessServiceOptions;

  static create(
    options: DefaultReadinessServiceOptions,
  ): DefaultReadinessService {
    return new DefaultReadinessService(options);
  }

  private constructor(options: DefaultReadinessServiceOptions) {
    this.options = options;
  }

  private now(): string {
    return (this.options.now ?? (() => new Date()))().toISOString();
  }

  async getEntityReadiness(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<KmopEntityReadiness> {
    const view = await this.options.entityViews.getView(ref, credentials);
    const { routes, slos, rollouts, resilience } = view;
    return {
      entityRef: view.entityRef,
      target: view.target,
      readiness: this.readinessOf(view.target, {
        routes,
        slos,
        rollouts,
        resilience,
      }),
      clusters: view.clusters,
      generatedAt: this.now(),
    };
  }

  async listServices(
    query: KmopOrgQuery,
    credentials: BackstageCredentials,
  ): Promise<KmopOrgPage> {
    const { items: entities } = await this.options.catalog.getEntities(
      { filter: LINKED },
      { credentials },
    );
    const readable = await this.readable(entities, credentials);
    const rollouts: KmopOrgRollout[] = [];
    const burning: KmopOrgBurningSlo[] = [];
    const summaries: KmopServiceSummary[] = [];
    const details = new Map<
      string,
      { rollouts: KmopOrgRollout[]; burning: KmopOrgBurningSlo[] }
    >();
    const figures = await Promise.all(
      readable.map(entity => this.itemsOf(entity)),
    );
    readable.forEach((entity, i) => {
      const { target, error, items } = figures[i];
      const entityRef = stringifyEntityRef(entity);
      const base = {
        entityRef,
        title: entity.metadata.title ?? entity.metadata.name,
        owner: specRef(entity, 'owner', 'group'),
        system: specRef(entity, 'system', 'system'),
      };
      const summary = summarizeService({
        ...base,
        items,
        readiness: this.readinessOf(target, items),
      });
      summaries.push(error ? { ...summary, error } : summary);
      details.set(entityRef, {
        rollouts: items.rollouts.filter(isRolloutInProgress).map(r => ({
          entityRef,
          cluster: r.source.cluster,
          ...(r.source.namespace ? { namespace: r.source.namespace } : {}),
          name: r.source.name,
          kind: r.source.kind,
          strategy: r.strategy,
          ...(r.phase ? { phase: r.phase } : {}),
          ...(r.canaryWeight !== undefined
            ? { canaryWeight: r.canaryWeight }
            : {}),
          paused: r.paused === true,
        })),
        burning: items.slos
          .map(s => burningSlo(entityRef, s))
          .filter((s): s is KmopOrgBurningSlo => s !== undefined),
      });
    });
    const page = pageServices(summaries, query);
    for (const s of page.matching) {
      const d = details.get(s.entityRef)!;
      rollouts.push(...d.rollouts);
      burning.push(...d.burning);
    }
    burning.sort((a, b) => (b.burnRate?.rate ?? 0) - (a.burnRate?.rate ?? 0));
    const { matching: _matching, ...rest } = page;
    return {
      ...rest,
      rolloutsInProgress: rollouts,
      slosBurning: burning,
      generatedAt: this.now(),
    };
  }

  /** An entity's target and items, its SLOs with the shared evaluator's figures. */
  private async itemsOf(entity: Entity): Promise<{
    target: KmopEntityTarget;
    error?: string;
    items: KmopItems;
  }> {
    let target: KmopEntityTarget = {};
    try {
      if (isKmopAvailable(entity)) target = resolveEntityTarget(entity);
    } catch (e) {
      const error = `Invalid annotation: ${(e as Error).message}`;
      return { target, error, items: EMPTY_ITEMS };
    }
    // As the entity view shows them: what a KMOP resource rendered is under it, not an
    // item of its own (its SLO would be listed twice as burning).
    const items = nestRenderedObjects(this.options.cache.lookup(target).items);
    const evaluator = this.options.sloEvaluator;
    if (!evaluator || items.slos.length === 0) return { target, items };
    return {
      target,
      items: { ...items, slos: await evaluator.evaluate(items.slos) },
    };
  }

  private readinessOf(
    target: KmopEntityTarget,
    items: KmopItems,
  ): KmopReadiness {
    const noTarget = !target.serviceName && !target.labelSelector;
    const { facts, neighbours } = noTarget
      ? { facts: [], neighbours: [] }
      : this.options.cache.readinessFacts(target);
    return computeReadiness({
      items,
      facts,
      neighbours,
      lookedFor: describeTarget(target),
    });
  }

  /**
   * The entities whose KMOP view the caller may read, asked in batches of
   * {@link PERMISSION_BATCH}: the permission backend refuses a request body over 100 kB
   * (413), which one batch of 2,000 entities (420 kB) was.
   */
  private async readable(
    entities: Entity[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const readable: Entity[] = [];
    for (let start = 0; start < entities.length; start += PERMISSION_BATCH) {
      const batch = entities.slice(start, start + PERMISSION_BATCH);
      const decisions = await this.options.permissions.authorize(
        batch.map(e => ({
          permission: kmopEntityReadPermission,
          resourceRef: stringifyEntityRef(getCompoundEntityRef(e)),
        })),
        { credentials },
      );
      readable.push(
        ...batch.filter(
          (_e, i) => decisions[i]?.result === AuthorizeResult.ALLOW,
        ),
      );
    }
    return readable;
  }
}
