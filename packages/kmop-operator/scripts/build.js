#!/usr/bin/env node
// Builds the operator into one plain JavaScript file, dist/kmop-operator.cjs, so that running
// it needs neither TypeScript nor @backstage/cli (whose loader only the repo's development
// entry, bin/kmop-operator-dev.js, uses). kmop-common's TypeScript sources are bundled in: the
// workspace package has no build of its own at runtime. Every npm package stays an external
// require, resolved from node_modules as any dependency is.
//   node scripts/build.js [--outfile <file>] [--metafile <file>]
const esbuild = require('esbuild');
const { writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { parseArgs } = require('node:util');

const { values } = parseArgs({
  options: {
    outfile: { type: 'string' },
    metafile: { type: 'string' },
  },
});

// Bundles the workspace's own packages (@kmop/*) and leaves the rest to node_modules.
const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, args =>
      args.path.startsWith('@kmop/')
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

async function main() {
  const result = await esbuild.build({
    entryPoints: [resolve(__dirname, '../src/cli.ts')],
    outfile: values.outfile ?? resolve(__dirname, '../dist/kmop-operator.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: 'linked',
    plugins: [externalNpmPackages],
    metafile: values.metafile !== undefined,
    logLevel: 'warning',
  });
  if (values.metafile) {
    writeFileSync(values.metafile, JSON.stringify(result.metafile));
  }
}

main().catch(() => {
  // esbuild has already printed the errors.
  process.exitCode = 1;
});
