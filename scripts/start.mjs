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
import { spawn } from 'node:child_process';
import { REPO_ROOT, startDemoClusters } from './demo/stack.mjs';

const children = [];
let prometheus;
let stopping = false;

function start(name, command, args, { stdio = 'inherit', env } = {}) {
  const child = spawn(command, args, {
    stdio,
    env: env ?? process.env,
    cwd: REPO_ROOT,
  });
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

// The simulators' output as they write it; the operator's JSON log lines prefixed
// with the cluster, so they read apart from Backstage's.
function startNode(name, args) {
  const child = start(name, process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (!name.startsWith('kmop-operator')) {
    child.stdout.on('data', chunk => process.stdout.write(chunk));
    return child;
  }
  let buffer = '';
  child.stdout.on('data', chunk => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) console.log(`[${name}] ${line}`);
  });
  return child;
}

const env = { ...process.env };
if (process.env.KMOP_SIMULATOR !== 'off') {
  const clusters = await startDemoClusters({
    ports: {
      demo: process.env.KMOP_SIMULATOR_PORT ?? '6443',
      eu: process.env.KMOP_SIMULATOR_EU_PORT ?? '6445',
    },
    tlsDir: '.kube-sim',
    prometheus: process.env.KMOP_PROMETHEUS !== 'off',
    spawnNode: startNode,
    log: line => console.log(`[kmop] ${line}`),
    stopped: () => stopping,
  }).catch(error => {
    // A child that exited has said so already and stopped the rest (start above).
    if (!stopping) {
      console.log(`[kmop] ${error.message}; stopping the rest`);
      process.exitCode = 1;
      stopAll();
    }
    return undefined;
  });
  prometheus = clusters?.prometheus;
  // Backstage reads APP_CONFIG_* variables as config on top of app-config.yaml.
  if (prometheus) env.APP_CONFIG_kmop_prometheus_baseUrl = prometheus.url;
}
if (!stopping) {
  start(
    'backstage',
    'yarn',
    ['backstage-cli', 'repo', 'start', ...process.argv.slice(2)],
    { env },
  );
}
