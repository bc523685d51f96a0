import fs from 'node:fs';
import path from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import {
  ENTITY_VIEW_SCHEMA_FILE,
  REGENERATE_ENTITY_VIEW_SCHEMA,
  generateEntityViewJsonSchema,
} from './entityViewJsonSchema';

jest.setTimeout(60_000);

describe('the JSON schema of the entity view', () => {
  it('is up to date with the view type', () => {
    const packageDir = path.resolve(__dirname, '../../..');
    const committed = fs.readFileSync(
      path.resolve(packageDir, ENTITY_VIEW_SCHEMA_FILE),
      'utf8',
    );
    const state =
      committed === generateEntityViewJsonSchema(createGenerator, packageDir)
        ? 'up to date'
        : `${ENTITY_VIEW_SCHEMA_FILE} differs from the view type. Run: ${REGENERATE_ENTITY_VIEW_SCHEMA}`;
    expect(state).toBe('up to date');
  });
});
