import { mockServices } from '@backstage/backend-test-utils';
import { DefaultKmopClusterService } from '@kmop/plugin-kmop-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createKmopCatalogAnnotateAction } from './catalogAnnotate/catalogAnnotate';
import { createKmopCatalogWaitAction } from './catalogWait/catalogWait';
import { createKmopManifestsApplyAction } from './manifestsApply/manifestsApply';
import { createKmopManifestsGenerateAction } from './manifestsGenerate/manifestsGenerate';
import { createKmopManifestsValidateAction } from './manifestsValidate/manifestsValidate';

type JsonSchema = {
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Paths of properties whose schema has no description. */
function undescribed(schema: JsonSchema, path: string): string[] {
  const missing: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const here = `${path}.${name}`;
    if (!property.description) missing.push(here);
    missing.push(...undescribed(property, here));
  }
  const nested = [
    ...[schema.items ?? []].flat(),
    ...(schema.anyOf ?? []),
    ...(schema.allOf ?? []),
  ];
  for (const child of nested) missing.push(...undescribed(child, `${path}[]`));
  return missing;
}

describe('action schemas', () => {
  const actions = [
    createKmopManifestsGenerateAction(),
    createKmopManifestsValidateAction(),
    createKmopCatalogAnnotateAction(),
    createKmopManifestsApplyAction({
      clusters: DefaultKmopClusterService.create({
        config: mockServices.rootConfig({ data: {} }),
        logger: mockServices.logger.mock(),
      }),
    }),
    createKmopCatalogWaitAction({ catalog: catalogServiceMock() }),
  ];

  it.each(actions.map(a => [a.id, a] as const))(
    '%s describes every input and output field',
    (_, action) => {
      expect(action.description).toBeTruthy();
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(undescribed(action.schema!.input as JsonSchema, 'input')).toEqual(
        [],
      );
      expect(
        undescribed(action.schema!.output as JsonSchema, 'output'),
      ).toEqual([]);
    },
  );
});
