import { KMOP_EXAMPLE_MANIFESTS } from '@kmop/plugin-kmop-common/testUtils';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { OperatorHarness, waitUntil } from './__testUtils__/harness';

// Generous: a build and a real operator process, on shared CI machines.
jest.setTimeout(180_000);

const PACKAGE = resolve(__dirname, '..');
const REPO = resolve(PACKAGE, '../..');
const pkg = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
/** The npm packages a production install of the operator provides (workspaces are bundled). */
const productionDeps = Object.entries(
  pkg.dependencies as Record<string, string>,
)
  .filter(([, range]) => !range.startsWith('workspace:'))
  .map(([name]) => name);

/** The environment of the built operator: nothing that would load a module of its own. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  return env;
}

/** Where the repo's install put a package (the package's own node_modules first). */
function installedDir(name: string): string {
  const dir = [
    join(PACKAGE, 'node_modules', name),
    join(REPO, 'node_modules', name),
  ].find(d => existsSync(join(d, 'package.json')));
  if (!dir) throw new Error(`${name} is not installed`);
  return dir;
}

/** Can `request` be resolved from `dir` by a plain node process? */
function resolvable(request: string, dir: string): boolean {
  const result = spawnSync(
    process.execPath,
    ['-e', `require.resolve(${JSON.stringify(request)})`],
    { cwd: dir, env: cleanEnv(), encoding: 'utf8' },
  );
  return result.status === 0;
}

/**
 * The operator as an image or an install carries it: bin/kmop-operator.js, the build, and a
 * node_modules of its production dependencies only — in a temporary directory, outside the
 * repository, so nothing else (@backstage/cli above all) can be resolved from it.
 */
describe('the built operator', () => {
  let dir: string;
  let app: string;
  let externals: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kmop-operator-build-'));
    app = join(dir, 'app');
    const metafile = join(dir, 'meta.json');
    const build = spawnSync(
      process.execPath,
      [
        join(PACKAGE, 'scripts/build.js'),
        '--outfile',
        join(app, 'dist/kmop-operator.cjs'),
        '--metafile',
        metafile,
      ],
      { encoding: 'utf8' },
    );
    if (build.status !== 0 || build.stderr !== '') {
      throw new Error(`the build failed: ${build.stderr}`);
    }
    mkdirSync(join(app, 'bin'));
    copyFileSync(
      join(PACKAGE, 'bin/kmop-operator.js'),
      join(app, 'bin/kmop-operator.js'),
    );
    for (const name of productionDeps) {
      const link = join(app, 'node_modules', name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(installedDir(name), link, 'dir');
    }
    const meta = JSON.parse(readFileSync(metafile, 'utf8'));
    externals = Object.values(
      meta.outputs as Record<
        string,
        { imports: { path: string; external?: boolean }[] }
      >,
    ).flatMap(o => o.imports.filter(i => i.external).map(i => i.path));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('requires only Node built-ins and its production dependencies', () => {
    const npmPackages = new Set(
      externals
        .filter(p => !p.startsWith('node:') && !builtinModules.includes(p))
        .map(p =>
          p
            .split('/')
            .slice(0, p.startsWith('@') ? 2 : 1)
            .join('/'),
        ),
    );
    expect([...npmPackages].filter(p => !productionDeps.includes(p))).toEqual(
      [],
    );
    // kmop-common is bundled, not required: its package has no build of its own.
    expect(externals.filter(p => p.startsWith('@kmop/'))).toEqual([]);
  });

  it('runs where @backstage/cli cannot be resolved', () => {
    // The development entry's loader: resolvable in the repository, not beside the build.
    const loader = '@backstage/cli/config/nodeTransform.cjs';
    expect(resolvable(loader, PACKAGE)).toBe(true);
    expect(resolvable(loader, join(app, 'bin'))).toBe(false);
    expect(resolvable(loader, join(app, 'dist'))).toBe(false);

    const result = spawnSync(
      process.execPath,
      [join(app, 'bin/kmop-operator.js'), '--help'],
      { cwd: app, env: cleanEnv(), encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--targets <list>');
    expect(result.stdout).toContain('kmop.dev/targets');
  });

  describe('against kube-sim', () => {
    let harness: OperatorHarness;

    beforeAll(async () => {
      harness = await OperatorHarness.start();
    });

    afterAll(async () => {
      await harness.close();
    });

    it('reconciles a Microservice into its Deployment', async () => {
      harness.sim.store.create(
        parse(KMOP_EXAMPLE_MANIFESTS.Microservice) as never,
      );
      const operator = harness.startOperator(['--no-leader-elect'], {
        bin: join(app, 'bin/kmop-operator.js'),
        env: cleanEnv(),
      });
      const ref = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'payments',
        name: 'payments-api',
      };
      const deployment = await waitUntil(
        () => harness.sim.store.get(ref) as { metadata: Record<string, any> },
        'the Deployment the built operator renders',
      );
      expect(deployment.metadata.labels['app.kubernetes.io/managed-by']).toBe(
        'kmop-operator',
      );
      expect(operator.lines.filter(l => l.stderr)).toEqual([]);
    });
  });
});
