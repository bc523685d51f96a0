import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { KmopEntityView } from '@kmop/plugin-kmop-common';

/** What {@link EntityViewService.getView} may leave out. */
export interface EntityViewOptions {
  /**
   * False leaves out the live SLI figures (a query to Prometheus per SLO), for
   * a caller that only needs to know which items the view holds. Default true.
   */
  sloFigures?: boolean;
}

/** Builds the KMOP view of one catalog entity for one caller. */
export interface EntityViewService {
  getView(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
    options?: EntityViewOptions,
  ): Promise<KmopEntityView>;
}
