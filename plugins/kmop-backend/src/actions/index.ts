import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EntityViewService } from '../services/EntityViewService/EntityViewService';
import type { OperationService } from '../services/OperationService/OperationService';
import { createExplainReleaseAction } from './createExplainReleaseAction';
import { createGenerateManifestsAction } from './createGenerateManifestsAction';
import { createGetEntityViewAction } from './createGetEntityViewAction';
import { createListServicesAction } from './createListServicesAction';
import { createOperateRolloutAction } from './createOperateRolloutAction';
import { createValidateManifestsAction } from './createValidateManifestsAction';

/** Options of {@link createKmopActions}. */
export interface KmopActionsOptions {
  actionsRegistry: ActionsRegistryService;
  entityViews: EntityViewService;
  catalog: CatalogService;
  operations: OperationService;
}

/**
 * Registers KMOP's actions: `get-entity-view`, `list-services`,
 * `explain-release`, `validate-manifests`, `generate-manifests` and
 * `operate-rollout` (the only one that changes anything).
 */
export function createKmopActions(options: KmopActionsOptions): void {
  createGetEntityViewAction(options);
  createListServicesAction(options);
  createExplainReleaseAction(options);
  createValidateManifestsAction(options);
  createGenerateManifestsAction(options);
  createOperateRolloutAction(options);
}
