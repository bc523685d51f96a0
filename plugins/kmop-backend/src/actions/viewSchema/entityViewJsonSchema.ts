// Build-time code: ts-json-schema-generator is a devDependency, so the caller (the generator
// script or a test) passes its createGenerator in and nothing of it is bundled.
import type { createGenerator } from 'ts-json-schema-generator';
import path from 'node:path';

/** The committed schema, relative to this package. */
export const ENTITY_VIEW_SCHEMA_FILE =
  'src/actions/viewSchema/entityView.schema.json';

/** What regenerates it. */
export const REGENERATE_ENTITY_VIEW_SCHEMA =
  'yarn workspace @kmop/plugin-kmop-backend generate:view-schema';

/**
 * The JSON schema of `KmopEntityView` (`packageDir` is kmop-backend's folder in the repo), generated from its TypeScript declaration in
 * kmop-common, with the declarations' doc comments as descriptions. The view type stays the
 * one source of truth: get-entity-view's output schema is built from this file.
 */
export function generateEntityViewJsonSchema(
  generator: typeof createGenerator,
  packageDir: string,
): string {
  const schema = generator({
    path: path.resolve(packageDir, '../kmop-common/src/view/types.ts'),
    tsconfig: path.resolve(packageDir, '../../tsconfig.json'),
    type: 'KmopEntityView',
    // `yarn tsc` checks the types; the generator only reads them.
    skipTypeCheck: true,
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    additionalProperties: false,
  }).createSchema('KmopEntityView');
  return `${JSON.stringify(schema, null, 2)}\n`;
}
