import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ClusterCache } from '@kmop/plugin-kmop-node';
import { EntityViewService } from '../EntityViewService/EntityViewService';
import {
  DefaultReadinessService,
  PERMISSION_BATCH,
} from './DefaultReadinessService';

function service(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'kmop.dev/service-name': name },
    },
    spec: { type: 'service', owner: 'group:default/team', lifecycle: 'x' },
  };
}

describe('DefaultReadinessService', () => {
  it('asks the permission policy in batches the permission backend accepts, and counts only what the caller may read', async () => {
    const entities = Array.from({ length: 600 }, (_, i) => service(`svc-${i}`));
    const batches: number[] = [];
    const permissions = mockServices.permissions.mock({
      authorize: async requests => {
        batches.push(requests.length);
        return requests.map(r => ({
          result:
            'resourceRef' in r && r.resourceRef === 'component:default/svc-7'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })) as never;
      },
    });
    // A cache that holds nothing: every service is listed, none has items.
    const cache = {
      lookup: () => ({
        items: { routes: [], slos: [], rollouts: [], resilience: [] },
      }),
      readinessFacts: () => ({ facts: [], neighbours: [] }),
    } as unknown as ClusterCache;
    const readiness = DefaultReadinessService.create({
      entityViews: {} as EntityViewService,
      catalog: catalogServiceMock.mock({
        getEntities: async () => ({ items: entities }),
      }),
      permissions,
      cache,
    });

    const page = await readiness.listServices(
      { limit: 500 },
      mockCredentials.user(),
    );

    expect(batches).toEqual([PERMISSION_BATCH, PERMISSION_BATCH, 100]);
    expect(page.totalItems).toBe(599);
    expect(page.items.map(s => s.entityRef)).not.toContain(
      'component:default/svc-7',
    );
  });
});
