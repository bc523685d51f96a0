#!/usr/bin/env node
/*
 * Writes the CustomResourceDefinitions of the KMOP kinds to crds/ and the field reference to
 * docs/resource-model.md, both generated from the zod schemas in src/model by the build-time
 * code in src/crdgen (kept out of the runtime model, which the browser and the backend load).
 *
 * Run it after changing a schema: yarn workspace @kmop/plugin-kmop-common generate:crds
 * A test fails while the committed files differ from what this script would write.
 */
const fs = require('node:fs');
const path = require('node:path');

// Lets plain Node require the TypeScript sources.
require('@backstage/cli/config/nodeTransform.cjs');

const YAML = require('yaml');
const { zodToJsonSchema } = require('zod-to-json-schema');
const { KMOP_KIND_NAMES } = require('../src/model/constants');
const { kmopCrd, kmopCrdFileName } = require('../src/crdgen/crds');
const { renderCrdYaml } = require('../src/crdgen/crdYaml');
const {
  RESOURCE_MODEL_DOC_PATH,
  renderResourceModelReference,
} = require('../src/crdgen/referenceDocs');

const packageDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(packageDir, '../..');
const crdDir = path.join(packageDir, 'crds');

function write(file, content) {
  const previous = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : undefined;
  fs.writeFileSync(file, content);
  const state = previous === content ? 'unchanged' : 'written';
  process.stdout.write(`${state}: ${path.relative(repoRoot, file)}\n`);
}

fs.mkdirSync(crdDir, { recursive: true });
for (const kind of KMOP_KIND_NAMES) {
  const crd = kmopCrd(kind, zodToJsonSchema);
  write(
    path.join(crdDir, kmopCrdFileName(kind)),
    renderCrdYaml(crd, YAML.stringify),
  );
}

const docPath = path.join(repoRoot, RESOURCE_MODEL_DOC_PATH);
fs.mkdirSync(path.dirname(docPath), { recursive: true });
write(docPath, renderResourceModelReference(zodToJsonSchema));
