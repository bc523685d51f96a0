#!/usr/bin/env node
// `yarn start`: two cluster simulators seeded with the demo objects, a
// Prometheus with the demo SLOs' traffic when `prometheus` and `promtool` are
// installed, then the Backstage app (:3000) and backend (:7007) as
// `backstage-cli repo start` runs them.
// - `demo` (:6443) serves examples/cluster over TLS with a CA kept in .kube-sim/
//   (generated on first start), which app-config.yaml trusts with caFile; it
//   writes .kube-sim/kubeconfig for kubectl.
// - `demo-eu` (:6445, plain HTTP) serves examples/cluster-eu and the fault
//   endpoint, so tests can take one cluster down.
// Both play the controllers a cluster runs (kube-sim's demo mode), and the KMOP
// operator runs against each, one child process per cluster, so the kmop.dev
// objects' status is what the operator computes; demo's operator measures the
// SLOs against the demo Prometheus when it runs.
// KMOP_SIMULATOR=off starts Backstage alone (against real clusters), and
// KMOP_PROMETHEUS=off leaves the demo Prometheus out.
// First: stop at once under an unsupported Node (it would hang, not fail).
import './checkNode.cjs';
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { startDemoPrometheus } from './demo/prometheus.mjs';

const simulatorPort = process.env.KMOP_SIMULATOR_PORT ?? '6443';
const euSimulatorPort = process.env.KMOP_SIMULATOR_EU_PORT ?? '6445';
// The simulators' development token; app-config.yaml sends it.
const token = 'kmop-dev-token';
const tlsDir = '.kube-sim';
const children = [];
let prometheus;
let stopping = false;

function start(name, command, args, { stdio = 'inherit', env } = {}) {
  const child = spawn(command, args, { stdio, env: env ?? process.env });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.log(
        `[kmop] ${name} exited (${signal ?? code}); stopping the rest`,
      );
      process.exitCode = code ?? 1;
    }
    stopAll();
  });
  return child;
}

function stopAll() {
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
  }
  prometheus?.stop().catch(() => {});
  prometheus = undefined;
}

process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

// Resolves once the simulator listens (so its CA file exists before the
// backend reads it), or when it exits.
function startSimulator(name, port, seeds, flags) {
  const child = start(
    name,
    process.execPath,
    [
      'packages/kube-sim/bin/kube-sim.js',
      '--port',
      port,
      '--token',
      token,
      ...seeds.flatMap(seed => ['--seed', seed]),
      ...flags,
    ],
    { stdio: ['inherit', 'pipe', 'inherit'] },
  );
  return new Promise(resolve => {
    child.stdout.on('data', chunk => {
      process.stdout.write(chunk);
      if (chunk.toString().includes('kube-sim listening')) resolve();
    });
    child.on('exit', resolve);
  });
}

// The operator's JSON log lines, prefixed with the cluster, so they read apart from
// Backstage's.
function startOperator(cluster, kubeconfig, prometheusUrl) {
  const child = start(
    `kmop-operator ${cluster}`,
    process.execPath,
    [
      'packages/kmop-operator/bin/kmop-operator.js',
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
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let buffer = '';
  child.stdout.on('data', chunk => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) console.log(`[kmop-operator ${cluster}] ${line}`);
  });
}

// demo-eu serves plain HTTP; client-node sends the token over it only with TLS
// verification off, which has nothing to verify there.
function writeEuKubeconfig() {
  const file = `${tlsDir}/kubeconfig-demo-eu`;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'demo-eu',
        cluster: {
          server: `http://127.0.0.1:${euSimulatorPort}`,
          'insecure-skip-tls-verify': true,
        },
      },
    ],
    users: [{ name: 'demo-eu', user: { token } }],
    contexts: [
      { name: 'demo-eu', context: { cluster: 'demo-eu', user: 'demo-eu' } },
    ],
    'current-context': 'demo-eu',
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

async function startDemoMetrics() {
  try {
    prometheus = await startDemoPrometheus({
      simulatorUrl: `https://127.0.0.1:${simulatorPort}`,
      caFile: `${tlsDir}/ca.crt`,
      token,
    });
  } catch (error) {
    console.log(`[kmop] the demo Prometheus did not start: ${error.message}`);
  }
  if (prometheus) {
    console.log(
      `[kmop] Prometheus on ${prometheus.url} with 31 days of demo traffic: SLO figures are live`,
    );
  } else {
    console.log(
      '[kmop] no demo Prometheus (install prometheus for live burn rates): SLOs show no SLI, budget or burn rates',
    );
  }
}

const env = { ...process.env };
if (process.env.KMOP_SIMULATOR !== 'off') {
  // The operators run the build, as the image does (esbuild: about a second), before any
  // child starts, so a failed build stops here.
  execFileSync(process.execPath, ['packages/kmop-operator/scripts/build.js'], {
    stdio: 'inherit',
  });
  await Promise.all([
    startSimulator(
      'kube-sim',
      simulatorPort,
      ['plugins/kmop-common/crds', 'examples/cluster'],
      ['--tls-dir', tlsDir, '--demo'],
    ),
    startSimulator(
      'kube-sim demo-eu',
      euSimulatorPort,
      [
        'examples/cluster/crds',
        'plugins/kmop-common/crds',
        'examples/cluster-eu',
      ],
      ['--admin', '--demo'],
    ),
  ]);
  if (process.env.KMOP_PROMETHEUS !== 'off' && !stopping) {
    await startDemoMetrics();
    // Backstage reads APP_CONFIG_* variables as config on top of app-config.yaml.
    if (prometheus) env.APP_CONFIG_kmop_prometheus_baseUrl = prometheus.url;
  }
  if (!stopping) {
    // The demo Prometheus holds cluster demo's traffic: that operator measures its SLOs.
    startOperator('demo', `${tlsDir}/kubeconfig`, prometheus?.url);
    startOperator('demo-eu', writeEuKubeconfig());
  }
}
if (!stopping) {
  start(
    'backstage',
    'yarn',
    ['backstage-cli', 'repo', 'start', ...process.argv.slice(2)],
    { env },
  );
}
