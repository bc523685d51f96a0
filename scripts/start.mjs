#!/usr/bin/env node
// `yarn start`: the cluster simulator seeded with the demo objects, then the
// Backstage app (:3000) and backend (:7007) as `backstage-cli repo start` runs them.
// Set KMOP_SIMULATOR=off to start Backstage alone (against real clusters).
// The simulator serves TLS with a CA kept in .kube-sim/ (generated on first start),
// which app-config.yaml trusts with caFile, and writes .kube-sim/kubeconfig for kubectl.
import { spawn } from 'node:child_process';

const simulatorPort = process.env.KMOP_SIMULATOR_PORT ?? '6443';
const children = [];

function start(name, command, args, stdio = 'inherit') {
  const child = spawn(command, args, { stdio });
  children.push(child);
  child.on('exit', (code, signal) => {
    console.log(`[kmop] ${name} exited (${signal ?? code}); stopping the rest`);
    stopAll();
    process.exitCode = code ?? 1;
  });
  return child;
}

function stopAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
  }
}

process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

// Resolves once the simulator listens, so its CA file exists before the backend reads it.
function startSimulator() {
  const child = start(
    'kube-sim',
    process.execPath,
    [
      'packages/kube-sim/bin/kube-sim.js',
      '--port',
      simulatorPort,
      '--token',
      'kmop-dev-token',
      '--tls-dir',
      '.kube-sim',
      '--seed',
      'plugins/kmop-common/crds',
      '--seed',
      'examples/cluster',
      '--demo',
    ],
    ['inherit', 'pipe', 'inherit'],
  );
  return new Promise(resolve => {
    child.stdout.on('data', chunk => {
      process.stdout.write(chunk);
      if (chunk.toString().includes('kube-sim listening')) resolve();
    });
    child.on('exit', resolve);
  });
}

if (process.env.KMOP_SIMULATOR !== 'off') {
  await startSimulator();
}
start('backstage', 'yarn', [
  'backstage-cli',
  'repo',
  'start',
  ...process.argv.slice(2),
]);
