#!/usr/bin/env node
// Runs the TypeScript sources directly, as kube-sim's CLI does.
require('@backstage/cli/config/nodeTransform.cjs');
require('../src/cli').main();
