import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { KmopEntityView } from '@kmop/plugin-kmop-common';

/** Builds the KMOP view of one catalog entity for one caller. */
export interface EntityViewService {
  getView(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<KmopEntityView>;
}
