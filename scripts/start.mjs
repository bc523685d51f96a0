#!/usr/bin/env node
// `yarn start`: the cluster simulator seeded with the demo objects, then the
// Backstage app (:3000) and backend (:7007) as `backstage-cli repo start` runs them.
// Set KMOP_SIMULATOR=off to start Backstage alone (against real clusters).
import { spawn } from 'node:child_process';

const simulatorPort = process.env.KMOP_SIMULATOR_PORT ?? '6443';
const children = [];

function start(name, command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
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

if (process.env.KMOP_SIMULATOR !== 'off') {
  start('kube-sim', process.execPath, [
    'packages/kube-sim/bin/kube-sim.js',
    '--port',
    simulatorPort,
    '--token',
    'kmop-dev-token',
    '--seed',
    'plugins/kmop-common/crds',
    '--seed',
    'examples/cluster',
    '--demo',
  ]);
}
start('backstage', 'yarn', [
  'backstage-cli',
  'repo',
  'start',
  ...process.argv.slice(2),
]);
