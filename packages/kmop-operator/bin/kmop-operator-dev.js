#!/usr/bin/env node
// Development entry: runs the TypeScript sources directly, as kube-sim's CLI does, so the
// repository's tests always run what is in src/. It needs @backstage/cli (a devDependency);
// the published and imaged entry, bin/kmop-operator.js, runs the build and does not.
require('@backstage/cli/config/nodeTransform.cjs');
require('../src/cli').main();
