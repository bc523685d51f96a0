#!/usr/bin/env node
// The packaging check (`yarn test` stage "packaging"; alone: `node scripts/packaging/check.mjs`).
// Workspace links hide packaging faults, so this installs KMOP as a platform team would:
//  1. builds each published package (the api-reports list in package.json) and packs it
//     with `yarn pack` (which runs the package's prepack and postpack: backstage-cli's
//     production package.json) into a temporary directory;
//  2. lints every tarball with publint: an error fails the check, except the two that
//     backstage-cli's own output format always carries (ACCEPTED below);
//  3. creates a stand-in Backstage app in the OS temporary directory, outside the
//     repository, whose package.json depends on the tarballs and on the @backstage
//     packages the repository uses, and installs it with Yarn;
//  4. starts the stand-in's backend (createBackend with KMOP's plugin and modules) and asks
//     KMOP's routes, the scaffolder's actions and Tech Insights' fact schemas for KMOP;
//  5. bundles the stand-in's frontend (createApp with the catalog and KMOP) for the
//     browser, renders it in jsdom, signs in as a guest and opens KMOP's page, which must
//     show the stand-in backend's answer.
// The package.json files are restored even when a step fails; the temporary directory is
// removed (in the background) unless KMOP_PACKAGING_KEEP=1.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
const standinFiles = join(repo, 'scripts/packaging/standin');
const rootPackage = readJson(join(repo, 'package.json'));
const yarnRelease = join(repo, '.yarn/releases/yarn-4.13.0.cjs');

// The published packages: the ones with an API report.
const packageDirs = rootPackage.scripts['api-reports']
  .split(/\s+/)
  .filter(arg => arg.startsWith('plugins/'));

// publint errors that every package packed by backstage-cli carries, Backstage's own
// included (e.g. @backstage/plugin-catalog-react): backstage-cli writes each entry point's
// conditions as import, require, types and adds a `backstage` condition naming the
// feature type (package metadata, not a file). TypeScript still finds the declarations:
// it tries the next condition when `import` has no declaration file beside it.
const ACCEPTED = [
  { code: 'EXPORTS_TYPES_SHOULD_BE_FIRST' },
  { code: 'EXPORTS_VALUE_INVALID', lastPathKey: 'backstage' },
];

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const log = message => console.log(`[packaging ${seconds()}] ${message}`);

const work = mkdtempSync(join(tmpdir(), 'kmop-packaging-'));
const tarballDir = join(work, 'tarballs');
const appDir = join(work, 'app');
mkdirSync(tarballDir);
let backend;
let failed = false;
// Each package.json as it was, put back even when the check is interrupted.
const manifests = new Map();
const children = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) process.kill(-child.pid, 'SIGTERM');
    for (const [path, text] of manifests) {
      if (readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
      rmSync(`${path}-prepack`, { force: true });
    }
    if (backend) backend.kill();
    spawn('rm', ['-rf', work], { detached: true, stdio: 'ignore' }).unref();
    process.exit(1);
  });
}

try {
  const tarballs = await packAll();
  await lintAll(tarballs);
  installStandIn(tarballs);
  const backendUrl = await startBackend();
  await checkBackend(backendUrl);
  checkFrontend(backendUrl);
  log('passed');
} catch (error) {
  failed = true;
  console.error(`[packaging] FAILED: ${error.stack ?? error}`);
} finally {
  if (backend && backend.exitCode === null) backend.kill();
  if (process.env.KMOP_PACKAGING_KEEP) {
    log(`kept ${work}`);
  } else {
    // The stand-in's node_modules is about 100,000 files; removing them took minutes on a
    // busy machine, so a detached rm does it while the next stage runs.
    spawn('rm', ['-rf', work], { detached: true, stdio: 'ignore' }).unref();
  }
}
process.exit(failed ? 1 : 0);

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

// Yarn run by `yarn test` passes its own project to children through these variables;
// the stand-in is a project of its own. (YARN_* settings, e.g. a registry, pass through.)
function cleanEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const key of Object.keys(env)) {
    if (
      /^(npm_(package|lifecycle|execpath|node_execpath|config_user_agent)|BERRY_)/.test(
        key,
      ) ||
      ['PROJECT_CWD', 'INIT_CWD', 'NODE_PATH'].includes(key)
    ) {
      delete env[key];
    }
  }
  return env;
}

function runOrThrow(command, args, options) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${options.cwd}) failed:\n${
        result.stdout ?? ''
      }${result.stderr ?? ''}${result.error ?? ''}`,
    );
  }
  return result.stdout;
}

// Two packages at a time: building and prepack's type analysis are mostly one process each.
async function packAll() {
  const queue = [...packageDirs];
  const tarballs = [];
  const worker = async () => {
    for (let dir = queue.shift(); dir; dir = queue.shift()) {
      tarballs.push(await packOne(dir));
    }
  };
  // Both finish (and restore their package.json) before a failure is reported.
  const settled = await Promise.allSettled([worker(), worker()]);
  const failure = settled.find(r => r.status === 'rejected');
  if (failure) throw failure.reason;
  // In the order of the api-reports list, whatever order they finished in.
  return packageDirs.map(dir => tarballs.find(t => t.dir === dir));
}

async function packOne(dir) {
  const pkgDir = join(repo, dir);
  const manifestPath = join(pkgDir, 'package.json');
  const manifest = readFileSync(manifestPath, 'utf8');
  manifests.set(manifestPath, manifest);
  const hadSchema = existsSync(join(pkgDir, 'config.schema.json'));
  const hadDist = existsSync(join(pkgDir, 'dist'));
  const name = JSON.parse(manifest).name;
  const tarball = join(tarballDir, `${basename(dir)}.tgz`);
  try {
    await runAsync('yarn', ['backstage-cli', 'package', 'build'], pkgDir);
    // Runs the package's prepack (backstage-cli package prepack) and postpack.
    await runAsync('yarn', ['pack', '--out', tarball], pkgDir);
  } finally {
    // postpack restores package.json; a prepack that failed half-way does not.
    if (readFileSync(manifestPath, 'utf8') !== manifest) {
      writeFileSync(manifestPath, manifest);
    }
    rmSync(join(pkgDir, 'package.json-prepack'), { force: true });
    if (!hadSchema) rmSync(join(pkgDir, 'config.schema.json'), { force: true });
    if (!hadDist)
      rmSync(join(pkgDir, 'dist'), { recursive: true, force: true });
  }
  log(`packed ${name}`);
  return { name, dir, tarball };
}

function runAsync(command, args, cwd) {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so an interrupted check can stop yarn and what it started.
      detached: true,
    });
    children.add(child);
    child.on('exit', () => children.delete(child));
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('error', fail);
    child.on('close', code =>
      code === 0
        ? ok(output)
        : fail(
            new Error(
              `${command} ${args.join(' ')} (in ${cwd}) failed:\n${output}`,
            ),
          ),
    );
  });
}

async function lintAll(tarballs) {
  const errors = [];
  for (const { name, tarball } of tarballs) {
    const bytes = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: {
        tarball: bytes.buffer.slice(
          bytes.byteOffset,
          bytes.byteOffset + bytes.byteLength,
        ),
      },
      level: 'warning',
    });
    const counts = { accepted: 0, warning: 0 };
    for (const message of messages) {
      const text = `${name}: ${message.type} ${message.code}: ${formatMessage(
        message,
        pkg,
        { color: false },
      )}`;
      const accepted = ACCEPTED.some(
        a =>
          a.code === message.code &&
          (!a.lastPathKey || message.path.at(-1) === a.lastPathKey),
      );
      if (message.type === 'error' && !accepted) {
        errors.push(text);
      } else if (message.type === 'error') {
        counts.accepted += 1;
      } else {
        counts.warning += 1;
      }
    }
    // A tarball must name its KMOP dependencies by version, never by workspace.
    for (const [dep, range] of Object.entries(pkg.dependencies ?? {})) {
      if (/^(workspace|link|file|portal):/.test(range)) {
        errors.push(`${name}: dependency ${dep} is "${range}"`);
      }
    }
    log(
      `publint ${name}: ${counts.accepted} accepted backstage-cli errors, ${counts.warning} warnings`,
    );
  }
  if (errors.length > 0) {
    throw new Error(`publint found errors:\n${errors.join('\n')}`);
  }
}

function installStandIn(tarballs) {
  mkdirSync(appDir);
  const file = name => `file:${tarballs.find(t => t.name === name).tarball}`;
  const versions = readJson(join(repo, 'packages/backend/package.json'));
  const appVersions = readJson(join(repo, 'packages/app/package.json'));
  const range = name =>
    versions.dependencies[name] ??
    versions.devDependencies?.[name] ??
    appVersions.dependencies[name] ??
    rootPackage.devDependencies[name];
  const standin = {
    name: 'kmop-stand-in',
    private: true,
    dependencies: {
      ...Object.fromEntries(
        [
          '@backstage/backend-defaults',
          '@backstage/config',
          '@backstage/plugin-auth-backend',
          '@backstage/plugin-auth-backend-module-guest-provider',
          '@backstage/plugin-catalog-backend',
          '@backstage/plugin-permission-backend',
          '@backstage/plugin-scaffolder-backend',
          '@backstage/plugin-signals-backend',
          '@backstage-community/plugin-tech-insights-backend',
          'better-sqlite3',
          '@backstage/frontend-defaults',
          '@backstage/plugin-catalog',
          'react',
          'react-dom',
          'react-router-dom',
          'jsdom',
        ].map(name => [name, range(name)]),
      ),
      // Not a dependency of the repository's demo backend (it has its own policy).
      '@backstage/plugin-permission-backend-module-allow-all-policy': '^0.2.23',
      // The stand-in's bundler; @backstage/cli would bring webpack and much more.
      esbuild: '^0.28.1',
      ...Object.fromEntries(
        [
          '@kmop/plugin-kmop',
          '@kmop/plugin-kmop-backend',
          '@kmop/plugin-catalog-backend-module-kmop',
          '@kmop/plugin-scaffolder-backend-module-kmop',
          '@kmop/plugin-tech-insights-backend-module-kmop',
        ].map(name => [name, file(name)]),
      ),
    },
    // The repository's pins for the registry mirror (README: dependencies), and the KMOP
    // libraries the plugins depend on by version: from their tarballs, as nothing is
    // published to the registry yet.
    resolutions: {
      ...rootPackage.resolutions,
      '@kmop/plugin-kmop-common': file('@kmop/plugin-kmop-common'),
      '@kmop/plugin-kmop-node': file('@kmop/plugin-kmop-node'),
    },
    dependenciesMeta: { keytar: { built: false } },
  };
  for (const [name, value] of Object.entries(standin.dependencies)) {
    if (!value)
      throw new Error(`no version of ${name} found in the repository`);
  }
  writeFileSync(
    join(appDir, 'package.json'),
    `${JSON.stringify(standin, null, 2)}\n`,
  );
  // The repository's Yarn settings without its yarnPath, and its lockfile as the starting
  // point: the stand-in gets the third-party versions the repository is tested with (and
  // that the mirror has); Yarn drops the workspace entries and resolves the tarballs.
  const yarnrc = readFileSync(join(repo, '.yarnrc.yml'), 'utf8')
    .split('\n')
    .filter(line => !line.startsWith('yarnPath:'))
    .join('\n');
  writeFileSync(join(appDir, '.yarnrc.yml'), yarnrc);
  cpSync(join(repo, 'yarn.lock'), join(appDir, 'yarn.lock'));
  for (const f of readdirSync(standinFiles)) {
    cpSync(join(standinFiles, f), join(appDir, f));
  }
  const env = cleanEnv({ YARN_ENABLE_TELEMETRY: '0' });
  try {
    runOrThrow('node', [yarnRelease, 'install', '--no-immutable'], {
      cwd: appDir,
      env,
    });
  } catch {
    // Yarn 4 on Node 24 can crash on a retried network error; one more try is enough.
    runOrThrow('node', [yarnRelease, 'install', '--no-immutable'], {
      cwd: appDir,
      env,
    });
  }
  // Copies from the tarballs, not links into the repository.
  for (const { name } of tarballs) {
    const installed = join(appDir, 'node_modules', name);
    if (lstatSync(installed).isSymbolicLink()) {
      throw new Error(`${name} is a link in the stand-in app`);
    }
  }
  log(`installed the stand-in app in ${appDir}`);
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

async function startBackend() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const token = randomBytes(24).toString('hex');
  writeFileSync(
    join(appDir, 'app-config.yaml'),
    JSON.stringify(
      {
        app: { baseUrl: 'http://127.0.0.1:3000' },
        backend: {
          baseUrl: url,
          listen: { host: '127.0.0.1', port },
          database: { client: 'better-sqlite3', connection: ':memory:' },
          auth: {
            externalAccess: [
              { type: 'static', options: { token, subject: 'kmop-stand-in' } },
            ],
          },
        },
        auth: {
          providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
        },
        // One cluster nobody answers on: KMOP lists it with its state.
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'stand-in',
                  url: 'http://127.0.0.1:9',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'none',
                },
              ],
            },
          ],
        },
        techInsights: {
          factRetrievers: {
            kmopReadinessFactRetriever: {
              cadence: '0 0 1 1 *',
              lifecycle: { maxItems: 1 },
            },
          },
        },
      },
      null,
      2,
    ),
  );
  const logs = [];
  backend = spawn('node', ['backend.cjs'], {
    cwd: appDir,
    env: cleanEnv({ NODE_ENV: 'production' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  backend.stdout.on('data', d => logs.push(d.toString()));
  backend.stderr.on('data', d => logs.push(d.toString()));
  startBackend.logs = logs;
  startBackend.token = token;
  // A generous bound: the first start on a busy 2-core machine is slow.
  for (let i = 0; i < 240; i++) {
    if (backend.exitCode !== null) {
      throw new Error(`the stand-in backend exited:\n${logs.join('')}`);
    }
    try {
      const res = await fetch(`${url}/api/kmop/health`);
      if (res.ok) {
        log(`stand-in backend up at ${url}`);
        return url;
      }
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`the stand-in backend did not start:\n${logs.join('')}`);
}

async function checkBackend(url) {
  const headers = { Authorization: `Bearer ${startBackend.token}` };
  const get = async path => {
    const res = await fetch(`${url}${path}`, { headers });
    return { status: res.status, body: await res.json() };
  };
  const expect = (ok, what, got) => {
    if (!ok)
      throw new Error(`${what}; got ${JSON.stringify(got).slice(0, 500)}`);
  };

  // The cluster list fills in once the cache has read the configuration.
  let clusters;
  for (let i = 0; i < 120; i++) {
    clusters = await get('/api/kmop/v1/clusters');
    if (clusters.body.items?.some(c => c.name === 'stand-in')) break;
    await new Promise(r => setTimeout(r, 500));
  }
  expect(
    clusters.status === 200 &&
      clusters.body.items?.some(c => c.name === 'stand-in'),
    'GET /api/kmop/v1/clusters lists the configured cluster',
    clusters,
  );
  const missing = await get('/api/kmop/v1/entities/component/default/nothing');
  expect(
    missing.status === 404 && missing.body.error?.name === 'NotFoundError',
    'an entity the catalog does not have is a 404 NotFoundError',
    missing,
  );
  const services = await get('/api/kmop/v1/readiness/services');
  expect(
    services.status === 200,
    'GET /api/kmop/v1/readiness/services',
    services,
  );
  const actions = await get('/api/kmop/.backstage/actions/v1/actions');
  const kmopActions = actions.body.actions?.map(a => a.id) ?? [];
  expect(
    kmopActions.some(id => id.startsWith('kmop:')),
    "KMOP's actions are in the actions registry",
    actions.status,
  );
  const scaffolder = await get('/api/scaffolder/v2/actions');
  const scaffolderActions = (scaffolder.body ?? [])
    .map(a => a.id)
    .filter(id => id.startsWith('kmop:'));
  expect(
    scaffolderActions.length > 0,
    "the scaffolder lists KMOP's actions",
    scaffolder.status,
  );
  const schemas = await get('/api/tech-insights/fact-schemas');
  expect(
    schemas.body?.some?.(s => s.id === 'kmopReadinessFactRetriever'),
    "Tech Insights has KMOP's readiness fact schema",
    schemas.status,
  );
  // The catalog module has no route of its own: its entity provider logs each run.
  for (let i = 0; i < 120; i++) {
    if (startBackend.logs.join('').includes('KMOP entity provider:')) break;
    await new Promise(r => setTimeout(r, 500));
  }
  const providerLine = startBackend.logs
    .join('')
    .split('\n')
    .find(line => line.includes('KMOP entity provider:'));
  expect(
    providerLine,
    "the catalog runs KMOP's entity provider",
    'no log line',
  );
  log(
    `backend: /api/kmop/v1/clusters ${JSON.stringify(clusters.body.items)}; ` +
      `entity view of a missing entity 404; readiness/services 200; ` +
      `${
        kmopActions.length
      } KMOP actions registered; scaffolder actions ${scaffolderActions.join(
        ', ',
      )}; ` +
      `Tech Insights fact schema kmopReadinessFactRetriever; catalog: ${
        JSON.parse(providerLine).message
      }`,
  );
}

function checkFrontend(url) {
  const result = spawnSync('node', ['frontend.mjs', url], {
    cwd: appDir,
    env: cleanEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = (result.stdout ?? '')
    .split('\n')
    .find(l => l.startsWith('{"bundledModules"'));
  if (result.status !== 0 || !line) {
    throw new Error(
      `the stand-in frontend check failed:\n${result.stdout}${result.stderr}`,
    );
  }
  const seen = JSON.parse(line);
  log(
    `frontend: bundled ${seen.bundledModules} modules (${seen.bundledKmopFiles} from @kmop tarballs); ` +
      `@kmop/plugin-kmop/alpha default is ${seen.alphaDefault.type} "${seen.alphaDefault.id}", ` +
      `@kmop/plugin-kmop's kmopPlugin is "${seen.legacyPlugin.id}"; ` +
      `/kmop rendered in jsdom after guest sign-in, requests ${seen.requests
        .map(r => `${new URL(r.url).pathname} ${r.status}`)
        .join(', ')}; page: ${seen.page.slice(0, 160)}`,
  );
}
