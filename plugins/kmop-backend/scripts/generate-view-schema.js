#!/usr/bin/env node
/*
 * Writes the JSON schema of KmopEntityView (kmop-common's view type), from which the
 * get-entity-view action builds its output schema, so the view type stays the one source.
 *
 * Run it after changing the view types: yarn workspace @kmop/plugin-kmop-backend generate:view-schema
 * A test fails while the committed file differs from what this script would write.
 */
const fs = require('node:fs');
const path = require('node:path');

// Lets plain Node require the TypeScript sources.
require('@backstage/cli/config/nodeTransform.cjs');

const { createGenerator } = require('ts-json-schema-generator');
const {
  ENTITY_VIEW_SCHEMA_FILE,
  generateEntityViewJsonSchema,
} = require('../src/actions/viewSchema/entityViewJsonSchema');

const packageDir = path.resolve(__dirname, '..');
const file = path.resolve(packageDir, ENTITY_VIEW_SCHEMA_FILE);
fs.writeFileSync(
  file,
  generateEntityViewJsonSchema(createGenerator, packageDir),
);
process.stdout.write(`written: ${path.relative(process.cwd(), file)}\n`);
