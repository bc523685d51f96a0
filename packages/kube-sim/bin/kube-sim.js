#!/usr/bin/env node
// Loads the TypeScript sources directly, as `backstage-cli package start` does.
require('@backstage/cli/config/nodeTransform.cjs');
require('../src/cli').main();
