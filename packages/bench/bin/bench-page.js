#!/usr/bin/env node
// `yarn bench:page`: the time a person waits for an entity's KMOP tab in Chromium.
// First: stop at once under an unsupported Node (as bin/bench.js does).
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
require('../../../scripts/checkNode.cjs');
require('@backstage/cli/config/nodeTransform.cjs');
require('../src/page/cli').main();
