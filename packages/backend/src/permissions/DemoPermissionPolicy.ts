import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  createCatalogConditionalDecision,
  catalogConditions,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * Named by its string: the permission is defined in kmop-common, and a policy only
 * needs its name (a production policy may not even depend on KMOP's packages).
 */
export const ROLLOUT_OPERATE_PERMISSION = 'kmop.rollout.operate';

/** @public */
export interface DemoPermissionPolicyOptions {
  userInfo: UserInfoService;
}

/**
 * The demo's policy: everything is allowed except operating a release, which only the
 * owners of the entity may do (`isEntityOwner`, evaluated by the catalog against the
 * person's ownership refs: the user and the groups it is a member of). A production
 * installation replaces it with its own policy.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  private readonly userInfo: UserInfoService;

  constructor(options: DemoPermissionPolicyOptions) {
    this.userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (request.permission.name !== ROLLOUT_OPERATE_PERMISSION) {
      return { result: AuthorizeResult.ALLOW };
    }
    // Only a person can own an entity; the permission is meant per entity.
    if (!user || !isResourcePermission(request.permission, 'catalog-entity')) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    return createCatalogConditionalDecision(
      request.permission,
      catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
    );
  }
}
