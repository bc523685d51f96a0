import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  KmopEntityView,
  KmopOrgPage,
  KmopOrgQuery,
  KmopReadiness,
} from '@kmop/plugin-kmop-common';

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
