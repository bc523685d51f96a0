import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { kmopRolloutOperatePermission } from '@kmop/plugin-kmop-common';
import { OperationsConfig } from './readOperationsConfig';

/** Options of {@link RolloutOperateAuthorizer.create}. */
export interface RolloutOperateAuthorizerOptions {
  permissions: PermissionsService;
  operations: OperationsConfig;
}

/**
 * Decides whether a caller may operate the rollouts of an entity: operations must be
 * enabled, a service principal must be named in `kmop.operations.allowServicePrincipals`
 * (Backstage's ServerPermissionClient answers ALLOW to every service principal without
 * asking the policy, so the policy alone would let any static token operate), and the
 * policy must allow `kmop.rollout.operate` on the entity.
 */
export class RolloutOperateAuthorizer {
  private readonly permissions: PermissionsService;
  private readonly operations: OperationsConfig;

  static create(
    options: RolloutOperateAuthorizerOptions,
  ): RolloutOperateAuthorizer {
    return new RolloutOperateAuthorizer(options);
  }

  private constructor(options: RolloutOperateAuthorizerOptions) {
    this.permissions = options.permissions;
    this.operations = options.operations;
  }

  /** Throws NotAllowedError (403) with the reason when operations are off. */
  assertEnabled(): void {
    if (!this.operations.enabled) {
      throw new NotAllowedError(
        'Rollout operations are turned off in this Backstage: set kmop.operations.enabled: true to allow them',
      );
    }
  }

  /** Throws NotAllowedError (403) unless the caller may operate `entityRef`'s rollouts. */
  async authorize(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    this.assertEnabled();
    const principal = credentials.principal as {
      type?: string;
      subject?: string;
    };
    if (principal.type === 'service') {
      const subject = principal.subject ?? '';
      if (!this.operations.allowServicePrincipals.includes(subject)) {
        throw new NotAllowedError(
          `Service principal ${subject} may not operate rollouts: only people may, unless kmop.operations.allowServicePrincipals names it`,
        );
      }
    } else if (principal.type !== 'user') {
      throw new NotAllowedError('Only signed-in callers may operate rollouts');
    }
    const [decision] = await this.permissions.authorize(
      [{ permission: kmopRolloutOperatePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not operate the rollouts of ${entityRef} (permission kmop.rollout.operate)`,
      );
    }
  }
}
