#!/usr/bin/env node
// Runs the build (`yarn build`: dist/kmop-operator.cjs, plain JavaScript with kmop-common
// bundled in), so it needs only the production dependencies: no TypeScript loader, no
// @backstage/cli.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '../dist/kmop-operator.cjs');
if (!existsSync(built)) {
  process.stderr.write(
    `kmop-operator: ${built} is missing; build it first (yarn workspace @kmop/operator build)\n`,
  );
  process.exit(1);
}
require(built).main();
