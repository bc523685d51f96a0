import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotAllowedError } from '@backstage/errors';
import type { KmopRolloutView } from '@kmop/plugin-kmop-common';
import type {
  OperationService,
  RolloutOperationInput,
  RolloutOperationResult,
} from '../services/OperationService/OperationService';
import { createOperateRolloutAction } from './createOperateRolloutAction';

const target = {
  cluster: 'demo',
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  namespace: 'checkout',
  name: 'checkout',
};
const input = {
  entityRef: 'checkout',
  item: 'demo/argoproj.io/v1alpha1/Rollout/checkout/checkout',
  operation: 'promote',
  resourceVersion: '41',
};

function setup() {
  const registry = actionsRegistryServiceMock();
  const operations: jest.Mocked<OperationService> = {
    operate: jest.fn<Promise<RolloutOperationResult>, [RolloutOperationInput]>(
      async () => ({
        entityRef: 'component:default/checkout',
        operation: 'promote' as const,
        target,
        item: {
          resourceVersion: '42',
          health: 'progressing',
          phase: 'Progressing',
        } as KmopRolloutView,
        effect: 'Moves the rollout past its current pause or analysis step.',
        requests: [],
      }),
    ),
  };
  createOperateRolloutAction({ actionsRegistry: registry, operations });
  return { registry, operations };
}

describe('kmop:operate-rollout', () => {
  it('is destructive, not read-only', () => {
    const { registry } = setup();
    expect(registry.actions.get('test:operate-rollout')?.attributes).toEqual({
      destructive: true,
      readOnly: false,
      idempotent: false,
    });
  });

  it('goes through the operation service as the caller, and answers without repeating itself', async () => {
    const { registry, operations } = setup();
    const credentials = mockCredentials.user('user:default/guest');
    const { output } = await registry.invoke({
      id: 'test:operate-rollout',
      input,
      credentials,
    });
    expect(operations.operate).toHaveBeenCalledWith({
      entityRef: { kind: 'component', namespace: 'default', name: 'checkout' },
      item: input.item,
      operation: 'promote',
      resourceVersion: '41',
      credentials,
      via: 'action',
    });
    expect(output).toEqual({
      text: 'promote sent to Rollout checkout in cluster demo.',
      entityRef: 'component:default/checkout',
      operation: 'promote',
      target,
      effect: 'Moves the rollout past its current pause or analysis step.',
      resourceVersion: '42',
      health: 'progressing',
      phase: 'Progressing',
    });
  });

  it('refuses unknown arguments and unknown operations', async () => {
    const { registry, operations } = setup();
    await expect(
      registry.invoke({
        id: 'test:operate-rollout',
        input: { ...input, force: true },
        credentials: mockCredentials.user(),
      }),
    ).rejects.toThrow(/force/);
    await expect(
      registry.invoke({
        id: 'test:operate-rollout',
        input: { ...input, operation: 'delete' },
        credentials: mockCredentials.user(),
      }),
    ).rejects.toThrow(/operation/);
    expect(operations.operate).not.toHaveBeenCalled();
  });

  it('passes a refusal on as it is', async () => {
    const { registry, operations } = setup();
    operations.operate.mockRejectedValueOnce(
      new NotAllowedError(
        'Service principal external:mcp-clients may not operate rollouts',
      ),
    );
    await expect(
      registry.invoke({
        id: 'test:operate-rollout',
        input,
        credentials: mockCredentials.service('external:mcp-clients'),
      }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });
});
