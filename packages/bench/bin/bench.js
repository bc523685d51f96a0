#!/usr/bin/env node
// First: stop at once under an unsupported Node. The check is the repository's (scripts/),
// shared with `yarn start` and `yarn test`, not a package's.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
require('../../../scripts/checkNode.cjs');
// Runs the TypeScript sources directly, as kube-sim's CLI does.
require('@backstage/cli/config/nodeTransform.cjs');
require('../src/cli').main();
