#!/usr/bin/env node
// The whole test suite, as CI runs it: type checking, lint, unit and integration
// tests (Jest through backstage-cli), the packaging check (scripts/packaging) and the
// end-to-end tests (Playwright in Chromium against the running app). Prints one closing
// summary line.
// First: stop at once under an unsupported Node.
import './checkNode.cjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const skipE2e = args.has('--no-e2e');
const skipPackaging = args.has('--no-packaging');
const results = [];

function run(name, command, commandArgs, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const ok = result.status === 0;
  results.push({ name, ok, seconds });
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${seconds}s`);
  return ok;
}

const yarnBin = 'yarn';
run('types', yarnBin, ['tsc']);
run('lint', yarnBin, ['backstage-cli', 'repo', 'lint']);
// Formatting is part of lint: a diff that only reformats hides the change under review.
run('formatting', yarnBin, ['prettier', '--check', '.']);
// The public API of each published package against its committed report (report*.api.md):
// a change of public API shows in review. Reads the declarations the types stage wrote.
run('api reports', yarnBin, ['api-reports', '--ci']);

const report = join(mkdtempSync(join(tmpdir(), 'kmop-test-')), 'jest.json');
run(
  'unit and integration tests',
  yarnBin,
  ['backstage-cli', 'repo', 'test', '--json', `--outputFile=${report}`],
  // CI=true keeps backstage-cli out of watch mode.
  { CI: 'true' },
);

// The published packages as a platform team installs them: built, packed, linted with
// publint and installed from the tarballs into a stand-in Backstage app outside the
// repository, whose backend and frontend must load KMOP (scripts/packaging/check.mjs).
if (!skipPackaging) {
  run('packaging', 'node', ['scripts/packaging/check.mjs']);
}

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const jest = JSON.parse(readFileSync(report, 'utf8'));
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  const pending = jest.numPendingTests + jest.numTodoTests;
  if (pending > 0) {
    console.log(`${pending} tests are skipped or todo; the suite allows none.`);
    failed += pending;
  }
  if (jest.numRuntimeErrorTestSuites > 0) {
    console.log(`${jest.numRuntimeErrorTestSuites} test files failed to run.`);
    failed += jest.numRuntimeErrorTestSuites;
  }
} else {
  console.log('Jest wrote no report; counting the run as failed.');
  failed += 1;
}

if (!skipE2e) {
  const e2eReport = join(tmpdir(), `kmop-e2e-${process.pid}.json`);
  const ok = run('end-to-end tests', yarnBin, ['playwright', 'test'], {
    CI: 'true',
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
  });
  if (existsSync(e2eReport)) {
    const stats = JSON.parse(readFileSync(e2eReport, 'utf8')).stats ?? {};
    passed += stats.expected ?? 0;
    // A test that failed and then passed on a retry is not a pass: it failed once.
    if (stats.flaky > 0) {
      console.log(`${stats.flaky} end-to-end tests passed only on a retry.`);
    }
    failed +=
      (stats.unexpected ?? 0) + (stats.skipped ?? 0) + (stats.flaky ?? 0);
  } else if (!ok) {
    failed += 1;
  }
}

console.log('\n=== summary');
for (const r of results) {
  console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds}s)`);
}
const allOk = results.every(r => r.ok) && failed === 0;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
