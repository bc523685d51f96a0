// The demo's clusters, one definition for `yarn start` (scripts/start.mjs, on the
// fixed demo ports) and `yarn bench:page` (packages/bench, on free ports): the two
// cluster simulators in demo mode, the demo Prometheus when installed, and the KMOP
// operator against each cluster. Backstage itself is the caller's to start: `yarn
// start` runs the development server, the bench a production backend.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoPrometheus } from './prometheus.mjs';

export const REPO_ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../..',
);
// The simulators' development token; app-config.yaml sends it.
export const DEMO_TOKEN = 'kmop-dev-token';
const path = file => resolve(REPO_ROOT, file);

// Resolves with the simulator's URL once it listens (so its CA file exists before
// anything reads it); rejects when it exits first.
function startSimulator(spawnNode, name, port, seeds, flags) {
  const child = spawnNode(name, [
    path('packages/kube-sim/bin/kube-sim.js'),
    '--port',
    String(port),
    '--token',
    DEMO_TOKEN,
    '--demo',
    ...seeds.flatMap(seed => ['--seed', path(seed)]),
    ...flags,
  ]);
  return new Promise((resolveUrl, reject) => {
    let text = '';
    child.stdout.on('data', chunk => {
      text += chunk;
      const match = /kube-sim listening on (\S+)/.exec(text);
      if (match) resolveUrl(match[1]);
    });
    child.once('exit', code => reject(new Error(`${name} exited (${code})`)));
  });
}

// demo-eu serves plain HTTP; client-node sends the token over it only with TLS
// verification off, which has nothing to verify there.
function writeEuKubeconfig(file, server) {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'demo-eu',
        cluster: { server, 'insecure-skip-tls-verify': true },
      },
    ],
    users: [{ name: 'demo-eu', user: { token: DEMO_TOKEN } }],
    contexts: [
      { name: 'demo-eu', context: { cluster: 'demo-eu', user: 'demo-eu' } },
    ],
    'current-context': 'demo-eu',
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
}

async function startMetrics(simulatorUrl, caFile, log) {
  let prometheus;
  try {
    prometheus = await startDemoPrometheus({
      simulatorUrl,
      caFile,
      token: DEMO_TOKEN,
    });
  } catch (error) {
    log(`the demo Prometheus did not start: ${error.message}`);
  }
  log(
    prometheus
      ? `Prometheus on ${prometheus.url} with 31 days of demo traffic: SLO figures are live`
      : 'no demo Prometheus (install prometheus for live burn rates): SLOs show no SLI, budget or burn rates',
  );
  return prometheus;
}

/**
 * Starts the simulators, the demo Prometheus (unless `prometheus` is false) and the
 * operators, and returns where they are: `{ demoUrl, euUrl, caFile, prometheus }`, or
 * undefined when `stopped()` turned true meanwhile (Ctrl-C, a child that exited).
 * - `ports`: `{ demo, eu }`, 0 for free ones.
 * - `tlsDir`: demo's CA and kubeconfig (`yarn start` keeps them between starts),
 *   relative to the repository or absolute.
 * - `spawnNode(name, args)`: starts `node ...args` in the repository's root with
 *   stdout piped; what happens to the output and to an exit is the caller's.
 * - `quiet`: the operator build prints nothing (the bench's stdout is its report).
 */
export async function startDemoClusters(options) {
  const { ports, spawnNode, log, stopped = () => false } = options;
  const tlsDir = path(options.tlsDir);
  // The operators run the build, as the image does (esbuild: about a second), before
  // any child starts, so a failed build stops here.
  execFileSync(
    process.execPath,
    [path('packages/kmop-operator/scripts/build.js')],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'],
    },
  );
  const [demoUrl, euUrl] = await Promise.all([
    startSimulator(
      spawnNode,
      'kube-sim',
      ports.demo,
      ['plugins/kmop-common/crds', 'examples/cluster'],
      // As given, not resolved: it goes into demo's kubeconfig, which keeps `yarn start`'s
      // relative .kube-sim/ca.crt.
      ['--tls-dir', options.tlsDir],
    ),
    startSimulator(
      spawnNode,
      'kube-sim demo-eu',
      ports.eu,
      [
        'examples/cluster/crds',
        'plugins/kmop-common/crds',
        'examples/cluster-eu',
      ],
      ['--admin'],
    ),
  ]);
  const caFile = resolve(tlsDir, 'ca.crt');
  if (stopped()) return undefined;
  const prometheus =
    options.prometheus === false
      ? undefined
      : await startMetrics(demoUrl, caFile, log);
  if (stopped()) {
    await prometheus?.stop().catch(() => {});
    return undefined;
  }
  // The demo Prometheus holds cluster demo's traffic: that operator measures its SLOs.
  const euKubeconfig = resolve(tlsDir, 'kubeconfig-demo-eu');
  writeEuKubeconfig(euKubeconfig, euUrl);
  for (const [cluster, kubeconfig, prometheusUrl] of [
    ['demo', resolve(tlsDir, 'kubeconfig'), prometheus?.url],
    ['demo-eu', euKubeconfig, undefined],
  ]) {
    spawnNode(`kmop-operator ${cluster}`, [
      path('packages/kmop-operator/bin/kmop-operator.js'),
      '--kubeconfig',
      kubeconfig,
      // One replica per cluster: no Lease to wait for.
      '--no-leader-elect',
      // Probes and metrics on a free port: the demo needs none of them.
      '--http-host',
      '127.0.0.1',
      '--http-port',
      '0',
      ...(prometheusUrl ? ['--prometheus-url', prometheusUrl] : []),
    ]);
  }
  return { demoUrl, euUrl, caFile, prometheus };
}
