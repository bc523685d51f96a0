#!/usr/bin/env node
// The benchmark's Backstage backend, started by the bench as a child process.
require('@backstage/cli/config/nodeTransform.cjs');
require('../src/backend/main').main();
