import { mockServices } from '@backstage/backend-test-utils';
import type { Permission } from '@backstage/plugin-permission-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * A permission service that denies one permission on one entity and allows everything else,
 * so a test that expects a 403 fails if the route checks another permission, or checks it
 * without the entity (`resourceRef`), or not at all; a policy that denies everything cannot
 * tell these apart.
 */
export function denyOne(permission: Permission, resourceRef: string) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          r.permission.name === permission.name &&
          'resourceRef' in r &&
          r.resourceRef === resourceRef
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
}
