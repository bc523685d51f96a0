import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EntityViewService } from '../services/EntityViewService/EntityViewService';
import { createExplainReleaseAction } from './createExplainReleaseAction';
import { createGenerateManifestsAction } from './createGenerateManifestsAction';
import { createGetEntityViewAction } from './createGetEntityViewAction';
import { createListServicesAction } from './createListServicesAction';
import { createValidateManifestsAction } from './createValidateManifestsAction';

/** Options of {@link createKmopActions}. */
export interface KmopActionsOptions {
  actionsRegistry: ActionsRegistryService;
  entityViews: EntityViewService;
  catalog: CatalogService;
}

/**
 * Registers KMOP's actions: `get-entity-view`, `list-services`,
 * `explain-release`, `validate-manifests` and `generate-manifests`.
 */
export function createKmopActions(options: KmopActionsOptions): void {
  createGetEntityViewAction(options);
  createListServicesAction(options);
  createExplainReleaseAction(options);
  createValidateManifestsAction(options);
  createGenerateManifestsAction(options);
}
