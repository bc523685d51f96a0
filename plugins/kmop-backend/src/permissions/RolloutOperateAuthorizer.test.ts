import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RolloutOperateAuthorizer } from './RolloutOperateAuthorizer';
import { readOperationsConfig } from './readOperationsConfig';

const ENTITY = 'component:default/checkout';

function authorizer(
  operations: JsonObject,
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async requests => requests.map(() => ({ result }))),
  });
  return {
    permissions,
    subject: RolloutOperateAuthorizer.create({
      permissions,
      operations: readOperationsConfig(
        mockServices.rootConfig({ data: { kmop: { operations } } }),
      ),
    }),
  };
}

describe('RolloutOperateAuthorizer', () => {
  it('refuses everyone while operations are off, naming the key to set', async () => {
    const { subject, permissions } = authorizer({});
    await expect(
      subject.authorize(ENTITY, mockCredentials.user()),
    ).rejects.toThrow(
      'Rollout operations are turned off in this Backstage: set kmop.operations.enabled: true to allow them',
    );
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('asks the policy for kmop.rollout.operate on the entity', async () => {
    const { subject, permissions } = authorizer({ enabled: true });
    await subject.authorize(ENTITY, mockCredentials.user());
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'kmop.rollout.operate',
            resourceType: 'catalog-entity',
          }),
          resourceRef: ENTITY,
        },
      ],
      { credentials: mockCredentials.user() },
    );
  });

  it('refuses a person the policy denies', async () => {
    const { subject } = authorizer({ enabled: true }, AuthorizeResult.DENY);
    await expect(
      subject.authorize(ENTITY, mockCredentials.user()),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('refuses a service principal the configuration does not name, even when the policy would allow it', async () => {
    const { subject, permissions } = authorizer({
      enabled: true,
      allowServicePrincipals: ['external:release-bot'],
    });
    await expect(
      subject.authorize(
        ENTITY,
        mockCredentials.service('external:mcp-clients'),
      ),
    ).rejects.toThrow(
      'Service principal external:mcp-clients may not operate rollouts: only people may, unless kmop.operations.allowServicePrincipals names it',
    );
    expect(permissions.authorize).not.toHaveBeenCalled();
    await expect(
      subject.authorize(
        ENTITY,
        mockCredentials.service('external:release-bot'),
      ),
    ).resolves.toBeUndefined();
  });
});
