import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import yaml from 'yaml';
import { mockContext } from '../../__testUtils__/mockContext';
import { createKmopCatalogWaitAction } from './catalogWait';
import { examples } from './catalogWait.examples';

const ledger = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

describe('kmop:catalog:wait', () => {
  it('returns once the entity is in the catalog', async () => {
    // Not there on the first two looks, then there.
    const getEntityByRef = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue(ledger);
    const action = createKmopCatalogWaitAction({
      catalog: catalogServiceMock.mock({ getEntityByRef }),
    });
    const ctx = mockContext(action, { entityRef: 'component:default/ledger' });
    await action.handler(ctx);
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    expect(getEntityByRef.mock.calls[0][0]).toBe('component:default/ledger');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/ledger',
    );
  });

  it('fails after the timeout, naming the entity', async () => {
    const action = createKmopCatalogWaitAction({
      catalog: catalogServiceMock({ entities: [] }),
    });
    const error = await action
      .handler(
        mockContext(action, {
          entityRef: 'component:default/ledger',
          timeout: '1s',
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^input\.entityRef: component:default\/ledger is not in the catalog after 1s/,
    );
  });

  it('does not wait in a dry run', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    const action = createKmopCatalogWaitAction({ catalog });
    await action.handler(
      mockContext(
        action,
        { entityRef: 'component:default/ledger' },
        { isDryRun: true },
      ),
    );
    expect(getEntityByRef).not.toHaveBeenCalled();
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_, example) => {
      const input = yaml.parse(example.example).steps[0].input;
      const action = createKmopCatalogWaitAction({
        catalog: catalogServiceMock({ entities: [ledger] }),
      });
      const ctx = mockContext(action, input);
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('entityRef', input.entityRef);
    },
  );
});
