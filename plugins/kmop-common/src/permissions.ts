import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the KMOP view of a catalog entity. It is a resource permission on catalog entities,
 * so policies can decide per entity (e.g. with the catalog's `isEntityOwner` rule).
 *
 * The resource type is written out: `RESOURCE_TYPE_CATALOG_ENTITY` is exported by
 * `@backstage/plugin-catalog-common/alpha`, which this package does not depend on (and
 * `@backstage/catalog-model/alpha` does not export it). Its value is the same string.
 *
 * @public
 */
export const kmopEntityReadPermission = createPermission({
  name: 'kmop.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Using KMOP's manifest tools (validate, generate) through the actions registry. A basic
 * permission: the tools read no entity and no cluster, so a policy decides per caller only.
 * It is the actions' `visibilityPermission`: a caller denied it does not see them.
 *
 * @public
 */
export const kmopManifestsUsePermission = createPermission({
  name: 'kmop.manifests.use',
  attributes: { action: 'read' },
});

/**
 * Operating a rollout of a catalog entity (promote, abort, retry, pause, restart…) from its
 * page or through the `operate-rollout` action. A resource permission on catalog entities
 * with the `update` action, so a policy can grant it to the entity's owners
 * (`catalogConditions.isEntityOwner`) and nobody else.
 *
 * @public
 */
export const kmopRolloutOperatePermission = createPermission({
  name: 'kmop.rollout.operate',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission KMOP defines, for `permissionsRegistry.addPermissions`.
 *
 * @public
 */
export const kmopPermissions = [
  kmopEntityReadPermission,
  kmopManifestsUsePermission,
  kmopRolloutOperatePermission,
];
