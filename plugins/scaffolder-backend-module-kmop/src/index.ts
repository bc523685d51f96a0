/**
 * Scaffolder actions that generate, validate, annotate and apply KMOP
 * resources and the native manifests they compile to.
 *
 * @packageDocumentation
 */

export { scaffolderModuleKmop as default } from './module';
export { createKmopManifestsGenerateAction } from './actions/manifestsGenerate/manifestsGenerate';
export { createKmopManifestsValidateAction } from './actions/manifestsValidate/manifestsValidate';
export { createKmopCatalogAnnotateAction } from './actions/catalogAnnotate/catalogAnnotate';
export {
  createKmopManifestsApplyAction,
  KMOP_FIELD_MANAGER,
} from './actions/manifestsApply/manifestsApply';
export type { KmopManifestsApplyActionOptions } from './actions/manifestsApply/manifestsApply';
export {
  createKmopCatalogWaitAction,
  type KmopCatalogWaitActionOptions,
} from './actions/catalogWait/catalogWait';
