import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  KmopEntityView,
  KmopOperationName,
  KmopRolloutView,
  KmopSource,
  KmopOrgPage,
  KmopOrgQuery,
  KmopReadiness,
} from '@kmop/plugin-kmop-common';

/**
 * An operation on a rollout item of an entity's view.
 *
 * @public
 */
export interface KmopOperationRequest {
  /** Id of the rollout item. */
  item: string;
  operation: KmopOperationName;
  /** The `resourceVersion` the person saw: the cluster refuses the change if it moved on. */
  resourceVersion: string;
}

/**
 * What an operation did.
 *
 * @public
 */
export interface KmopOperationResult {
  operation: KmopOperationName;
  /** The object the requests went to (a RolloutPolicy's rendered Rollout or Canary). */
  target: KmopSource;
  /** The target as read back from its cluster after the operation. */
  item: KmopRolloutView;
  effect: string;
  /** Set when it changed the spec of an object a GitOps tool manages. */
  warning?: string;
}

/**
 * One entity's readiness as the backend answers it.
 *
 * @public
 */
export interface KmopEntityReadinessResponse {
  entityRef: string;
  readiness: KmopReadiness;
  generatedAt: string;
}

/**
 * What the KMOP frontend asks of the KMOP backend.
 *
 * @public
 */
export interface KmopApi {
  /** Everything KMOP knows about one catalog entity: routes, SLOs, rollouts, resilience, clusters. */
  getEntityView(entityRef: CompoundEntityRef): Promise<KmopEntityView>;
  /**
   * The YAML of the source object behind one item of the entity's view (managedFields
   * dropped). The backend answers only for items of that entity's own view.
   */
  getSourceObject(
    entityRef: CompoundEntityRef,
    itemId: string,
  ): Promise<string>;
  /**
   * Promotes, aborts, retries, pauses, resumes or restarts a rollout item of the entity's
   * view. A stale `resourceVersion` fails with a 409 `ResponseError` whose body carries the
   * item as it is now (`body.item`).
   */
  operateRollout(
    entityRef: CompoundEntityRef,
    request: KmopOperationRequest,
  ): Promise<KmopOperationResult>;
  /** The entity's readiness over the twelve components. */
  getEntityReadiness(
    entityRef: CompoundEntityRef,
  ): Promise<KmopEntityReadinessResponse>;
  /** The organisation view: services the caller may see, filtered, sorted and paged by the backend. */
  listServices(query: KmopOrgQuery): Promise<KmopOrgPage>;
}

/**
 * The KMOP API.
 *
 * @public
 */
export const kmopApiRef = createApiRef<KmopApi>({
  id: 'plugin.kmop.service',
});
