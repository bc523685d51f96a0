import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { kmopClustersServiceRef } from '@kmop/plugin-kmop-node';
import { createKmopCatalogAnnotateAction } from './actions/catalogAnnotate/catalogAnnotate';
import { createKmopManifestsApplyAction } from './actions/manifestsApply/manifestsApply';
import { createKmopManifestsGenerateAction } from './actions/manifestsGenerate/manifestsGenerate';
import { createKmopManifestsValidateAction } from './actions/manifestsValidate/manifestsValidate';

/**
 * Adds the KMOP actions to the scaffolder: `kmop:manifests:generate`,
 * `kmop:manifests:validate`, `kmop:catalog:annotate` and `kmop:manifests:apply`.
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
      },
      async init({ scaffolder, clusters }) {
        scaffolder.addActions(
          createKmopManifestsGenerateAction(),
          createKmopManifestsValidateAction(),
          createKmopCatalogAnnotateAction(),
          createKmopManifestsApplyAction({ clusters }),
        );
      },
    });
  },
});
