// Every permission check of the KMOP backend lives in this folder, as in
// Backstage's Kubernetes backend: a reader looking for what guards a route or
// an action finds it here, and a new check joins the ones already here.
export { EntityAccessCache, callerKey } from './EntityAccessCache';
export type { EntityAccessCacheOptions } from './EntityAccessCache';
export { EntityReadAccess } from './EntityReadAccess';
export type { EntityReadAccessOptions } from './EntityReadAccess';
export { RolloutOperateAuthorizer } from './RolloutOperateAuthorizer';
export type { RolloutOperateAuthorizerOptions } from './RolloutOperateAuthorizer';
export { readOperationsConfig } from './readOperationsConfig';
export type { OperationsConfig } from './readOperationsConfig';
