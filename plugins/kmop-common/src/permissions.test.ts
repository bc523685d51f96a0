import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  kmopEntityReadPermission,
  kmopManifestsUsePermission,
  kmopPermissions,
  kmopRolloutOperatePermission,
} from './permissions';

describe('permissions', () => {
  it('defines kmop.entity.read as a read permission on catalog entities', () => {
    expect(kmopEntityReadPermission).toEqual({
      type: 'resource',
      name: 'kmop.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    expect(
      isResourcePermission(kmopEntityReadPermission, 'catalog-entity'),
    ).toBe(true);
  });

  it('defines kmop.manifests.use as a basic permission', () => {
    expect(kmopManifestsUsePermission).toEqual({
      type: 'basic',
      name: 'kmop.manifests.use',
      attributes: { action: 'read' },
    });
  });

  it('defines kmop.rollout.operate as an update permission on catalog entities', () => {
    expect(kmopRolloutOperatePermission).toEqual({
      type: 'resource',
      name: 'kmop.rollout.operate',
      attributes: { action: 'update' },
      resourceType: 'catalog-entity',
    });
  });

  it('lists every KMOP permission once', () => {
    expect(kmopPermissions).toEqual([
      kmopEntityReadPermission,
      kmopManifestsUsePermission,
      kmopRolloutOperatePermission,
    ]);
  });
});
