import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  kmopClusterCacheServiceRef,
  kmopClustersServiceRef,
} from '@kmop/plugin-kmop-node';
import { createKmopCatalogAnnotateAction } from './actions/catalogAnnotate/catalogAnnotate';
import { createKmopCatalogWaitAction } from './actions/catalogWait/catalogWait';
import { createKmopManifestsApplyAction } from './actions/manifestsApply/manifestsApply';
import { createKmopManifestsGenerateAction } from './actions/manifestsGenerate/manifestsGenerate';
import { createKmopManifestsValidateAction } from './actions/manifestsValidate/manifestsValidate';

/**
 * Adds the KMOP actions to the scaffolder: `kmop:manifests:generate`,
 * `kmop:manifests:validate`, `kmop:catalog:annotate`, `kmop:manifests:apply`
 * and `kmop:catalog:wait`.
 *
 * @public
 */
export const scaffolderModuleKmop = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kmop',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        clusters: kmopClustersServiceRef,
        catalog: catalogServiceRef,
        cache: kmopClusterCacheServiceRef,
      },
      async init({ scaffolder, clusters, catalog, cache }) {
        scaffolder.addActions(
          createKmopManifestsGenerateAction(),
          createKmopManifestsValidateAction(),
          createKmopCatalogAnnotateAction(),
          createKmopManifestsApplyAction({ clusters, cache }),
          createKmopCatalogWaitAction({ catalog }),
        );
      },
    });
  },
});
