import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../objects';
import { reportExit, waitForView } from './waits';

// What `yarn start` runs (scripts/start.mjs), on free ports, with the production app:
// the two cluster simulators in demo mode, the demo Prometheus when installed, the KMOP
// operator against each cluster, and the demo backend (packages/backend) with
// NODE_ENV=production serving the built app (packages/app/dist) itself, as a production
// backend does. No fixed port is bound, so it runs beside `yarn start` and other helpers.

const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);
// The demo's clusters as `yarn start` starts them: plain JavaScript shared with it; a
// computed path keeps the bench from importing across packages at build time.
const DEMO_STACK = join(REPO_ROOT, 'scripts/demo/stack.mjs');
export const APP_DIST = join(REPO_ROOT, 'packages/app/dist');

/** The running demo; `stop()` ends every process it started. */
export interface DemoStack {
  baseUrl: string;
  /** A guest token for the backend's API. */
  token: string;
  prometheus: boolean;
  /**
   * `--dev`: when the development server listened, after `yarn start` began, and how long
   * its first compile took from then.
   */
  devServer?: { listeningMs: number; compileMs: number };
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise(r => server.close(r));
  return port;
}

/** Builds the production app (packages/app/dist) unless it is there and `rebuild` is off. */
export function buildApp(rebuild: boolean, log: (line: string) => void) {
  if (existsSync(join(APP_DIST, 'index.html')) && !rebuild) {
    log('reusing packages/app/dist (--rebuild builds it again)');
    return;
  }
  log('building the production app: yarn workspace app build');
  execFileSync('yarn', ['workspace', 'app', 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Starts the whole demo; on failure stops what it started and throws. */
export async function startDemoStack(options: {
  /** The Component (in the default namespace) whose view must be complete first. */
  entity: string;
  log: (line: string) => void;
}): Promise<DemoStack> {
  const { entity, log } = options;
  const children: ChildProcess[] = [];
  let prometheus: { url: string; stop(): Promise<void> } | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'kmop-bench-page-'));
  // Interrupted while starting (no stack to stop yet): the children still go.
  const killAll = () => children.forEach(child => child.kill('SIGTERM'));
  process.once('exit', killAll);
  const stop = async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
      }
    }
    await Promise.all(
      children.map(
        child =>
          child.exitCode !== null ||
          child.signalCode !== null ||
          new Promise(r => child.once('exit', r)),
      ),
    );
    await prometheus?.stop().catch(() => {});
    process.off('exit', killAll);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { DEMO_TOKEN, startDemoClusters } = await import(DEMO_STACK);
    log(
      'building the operator, starting the simulators, Prometheus and operators',
    );
    const clusters = await startDemoClusters({
      ports: { demo: 0, eu: 0 },
      tlsDir: join(dir, 'tls'),
      quiet: true,
      log,
      spawnNode: (name: string, args: string[]) => {
        const child = spawn(process.execPath, args, {
          cwd: REPO_ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.push(child);
        reportExit(name, child, log);
        return child;
      },
    });
    prometheus = clusters.prometheus;
    const { demoUrl, euUrl, caFile } = clusters;

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = {
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { host: '127.0.0.1', port },
        cors: { origin: baseUrl },
      },
      // The guest provider refuses to run under NODE_ENV=production unless told to.
      auth: {
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'demo',
                url: demoUrl,
                authProvider: 'serviceAccount',
                serviceAccountToken: DEMO_TOKEN,
                caFile,
                skipMetricsLookup: true,
              },
              {
                name: 'demo-eu',
                url: euUrl,
                authProvider: 'serviceAccount',
                serviceAccountToken: DEMO_TOKEN,
                skipMetricsLookup: true,
              },
            ],
          },
        ],
      },
      ...(prometheus
        ? { kmop: { prometheus: { baseUrl: prometheus.url } } }
        : {}),
    };
    const configFile = join(dir, 'app-config.bench-page.json');
    writeFileSync(configFile, JSON.stringify(config));
    log(`starting the backend (NODE_ENV=production) on ${baseUrl}`);
    // From packages/backend, as `yarn start` runs it: app-config.yaml's catalog paths are
    // relative to it. The sources are loaded through Backstage's TypeScript loader, as
    // `backstage-cli package start` does; the app it serves is the production build.
    const backend = spawn(
      process.execPath,
      [
        '--require',
        NODE_TRANSFORM,
        'src/index.ts',
        '--config',
        join(REPO_ROOT, 'app-config.yaml'),
        '--config',
        configFile,
      ],
      {
        cwd: join(REPO_ROOT, 'packages/backend'),
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    children.push(backend);
    reportExit('backend', backend, log);

    const token = await waitForView({
      backendUrl: baseUrl,
      entity,
      log,
      failed: () =>
        backend.exitCode === null && backend.signalCode === null
          ? undefined
          : 'the backend exited',
    });
    return { baseUrl, token, prometheus: Boolean(prometheus), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
