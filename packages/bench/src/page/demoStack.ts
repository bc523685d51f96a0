import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../objects';

// What `yarn start` runs (scripts/start.mjs), on free ports, with the production app:
// the two cluster simulators in demo mode, the demo Prometheus when installed, the KMOP
// operator against each cluster, and the demo backend (packages/backend) with
// NODE_ENV=production serving the built app (packages/app/dist) itself, as a production
// backend does. No fixed port is bound, so it runs beside `yarn start` and other helpers.

const TOKEN = 'kmop-dev-token'; // the simulators' development token (app-config.yaml)
const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);
const KUBE_SIM = join(REPO_ROOT, 'packages/kube-sim/bin/kube-sim.js');
const OPERATOR = join(REPO_ROOT, 'packages/kmop-operator/bin/kmop-operator.js');
const BUILD_OPERATOR = join(
  REPO_ROOT,
  'packages/kmop-operator/scripts/build.js',
);
const PROMETHEUS = join(REPO_ROOT, 'scripts/demo/prometheus.mjs');
export const APP_DIST = join(REPO_ROOT, 'packages/app/dist');

/** The running demo; `stop()` ends every process it started. */
export interface DemoStack {
  baseUrl: string;
  /** A guest token for the backend's API. */
  token: string;
  prometheus: boolean;
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

/**
 * Polls `check` every 250 ms until it gives a value; a bound on waiting, not a
 * measurement. `failed` names a reason to stop at once (a process that exited).
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  failed: () => string | undefined = () => undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = failed();
    if (reason) throw new Error(`${reason} while waiting for ${what}`);
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
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
  const output = (name: string, child: ChildProcess) => {
    // Kept for a failure message: the last lines each child wrote.
    const tail: string[] = [];
    const keep = (chunk: Buffer) => {
      tail.push(...chunk.toString().split('\n'));
      tail.splice(0, Math.max(0, tail.length - 30));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGTERM') {
        log(`${name} exited (${signal ?? code}):\n${tail.join('\n')}`);
      }
    });
  };

  const simulator = (name: string, args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [KUBE_SIM, '--port', '0', '--token', TOKEN, '--demo', ...args],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(child);
      output(name, child);
      child.stdout!.on('data', chunk => {
        const match = /kube-sim listening on (\S+)/.exec(chunk.toString());
        if (match) resolve(match[1]);
      });
      child.once('exit', code => reject(new Error(`${name} exited (${code})`)));
    });

  try {
    log('building the operator (as yarn start does)');
    execFileSync(process.execPath, [BUILD_OPERATOR], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    log('starting the two cluster simulators');
    const tlsDir = join(dir, 'tls');
    const [demoUrl, euUrl] = await Promise.all([
      simulator('kube-sim demo', [
        '--seed',
        'plugins/kmop-common/crds',
        '--seed',
        'examples/cluster',
        '--tls-dir',
        tlsDir,
      ]),
      simulator('kube-sim demo-eu', [
        '--seed',
        'examples/cluster/crds',
        '--seed',
        'plugins/kmop-common/crds',
        '--seed',
        'examples/cluster-eu',
        '--admin',
      ]),
    ]);

    // The demo script is plain JavaScript shared with `yarn start`; a computed path keeps
    // the bench from importing across packages at build time.
    const { startDemoPrometheus } = await import(PROMETHEUS);
    prometheus = await startDemoPrometheus({
      simulatorUrl: demoUrl,
      caFile: join(tlsDir, 'ca.crt'),
      token: TOKEN,
    }).catch((error: Error) => {
      log(`no demo Prometheus: ${error.message}`);
      return undefined;
    });
    log(
      prometheus
        ? `demo Prometheus on ${prometheus.url}`
        : 'no demo Prometheus (prometheus/promtool not installed): SLOs show no figures',
    );

    const euKubeconfig = join(dir, 'kubeconfig-demo-eu');
    writeFileSync(
      euKubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'demo-eu',
            cluster: { server: euUrl, 'insecure-skip-tls-verify': true },
          },
        ],
        users: [{ name: 'demo-eu', user: { token: TOKEN } }],
        contexts: [
          {
            name: 'demo-eu',
            context: { cluster: 'demo-eu', user: 'demo-eu' },
          },
        ],
        'current-context': 'demo-eu',
      }),
    );
    for (const [name, kubeconfig, prom] of [
      ['demo', join(tlsDir, 'kubeconfig'), prometheus?.url],
      ['demo-eu', euKubeconfig, undefined],
    ] as const) {
      const child = spawn(
        process.execPath,
        [
          OPERATOR,
          '--kubeconfig',
          kubeconfig,
          '--no-leader-elect',
          '--http-host',
          '127.0.0.1',
          '--http-port',
          '0',
          ...(prom ? ['--prometheus-url', prom] : []),
        ],
        { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      children.push(child);
      output(`kmop-operator ${name}`, child);
    }

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
                serviceAccountToken: TOKEN,
                caFile: join(tlsDir, 'ca.crt'),
                skipMetricsLookup: true,
              },
              {
                name: 'demo-eu',
                url: euUrl,
                authProvider: 'serviceAccount',
                serviceAccountToken: TOKEN,
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
    output('backend', backend);

    const backendExited = () =>
      backend.exitCode === null && backend.signalCode === null
        ? undefined
        : 'the backend exited';
    const token = await waitFor(
      'a guest token',
      300_000,
      async () => {
        const res = await fetch(
          `${baseUrl}/api/auth/guest/refresh?env=development`,
          { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
        );
        if (!res.ok) return undefined;
        const body = (await res.json()) as any;
        return body.backstageIdentity.token as string;
      },
      backendExited,
    );
    // A person opens the page of a running system: the catalog holds the entity and
    // KMOP's cache has every cluster's objects. Waiting here is not measured.
    log(`waiting for ${entity}'s KMOP view: clusters synced, routes read`);
    let last = '';
    await waitFor(
      `${entity}'s KMOP view`,
      300_000,
      async () => {
        const res = await fetch(
          `${baseUrl}/api/kmop/v1/entities/component/default/${entity}`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        last = `${res.status} ${(await res.clone().text()).slice(0, 300)}`;
        if (!res.ok) return undefined;
        const view = (await res.json()) as any;
        const synced = view.clusters.every((c: any) => c.state === 'ready');
        return synced && view.routes.length > 0 ? true : undefined;
      },
      backendExited,
    ).catch(error => {
      throw new Error(`${error.message}; its last answer: ${last}`);
    });
    return { baseUrl, token, prometheus: Boolean(prometheus), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
