import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the KMOP view of a catalog entity. It is a resource permission on catalog entities,
 * so policies can decide per entity (e.g. with the catalog's `isEntityOwner` rule).
 *
 * The resource type is written out: `RESOURCE_TYPE_CATALOG_ENTITY` is exported by
 * `@backstage/plugin-catalog-common/alpha`, which this package does not depend on (and
 * `@backstage/catalog-model/alpha` does not export it). Its value is the same string.
 */
export const kmopEntityReadPermission = createPermission({
  name: 'kmop.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/** Every permission KMOP defines, for `permissionsRegistry.addPermissions`. */
export const kmopPermissions = [kmopEntityReadPermission];
