import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
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
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createKmopManifestsGenerateAction(),
          createKmopManifestsValidateAction(),
          createKmopCatalogAnnotateAction(),
          createKmopManifestsApplyAction({ config }),
        );
      },
    });
  },
});
