import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

type MockOptions = NonNullable<Parameters<typeof createMockActionContext>[0]>;

/**
 * A mock context for `action`, typed as its handler expects, with any input:
 * tests hand actions input the scaffolder's JSON Schema check would reject.
 * `isDryRun` and `checkpoint`, which createMockActionContext does not take,
 * are set on the context it returns.
 */
export function mockContext<
  A extends { handler: (ctx: never) => Promise<void> },
>(
  _action: A,
  input: unknown,
  options: Omit<MockOptions, 'input'> = {},
): Parameters<A['handler']>[0] {
  const { isDryRun, checkpoint, ...rest } = options;
  const ctx = createMockActionContext({
    // A logger whose methods are jest mocks, so tests can check what was logged.
    logger: mockServices.logger.mock(),
    ...rest,
    input: input as MockOptions['input'],
  });
  return {
    ...ctx,
    ...(isDryRun !== undefined ? { isDryRun } : {}),
    ...(checkpoint ? { checkpoint } : {}),
  } as unknown as Parameters<A['handler']>[0];
}
