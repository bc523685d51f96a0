import { KMOP_KINDS, KmopKind } from '@kmop/plugin-kmop-common';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT as REPO } from '../objects';
import {
  reportChildStatuses,
  runChildControllers,
  watchCollection,
} from './controllers';
import { serviceObjects } from './objects';

// The built operator, as the image runs it (built first: the TypeScript loader of the
// development entry would add its own CPU time and memory to the figures).
const OPERATOR = join(REPO, 'packages/kmop-operator/bin/kmop-operator.js');
const BUILD_OPERATOR = join(REPO, 'packages/kmop-operator/scripts/build.js');
const KINDS = [
  'Microservice',
  'GatewayRoute',
  'ServiceLevelObjective',
  'RolloutPolicy',
  'ResiliencePolicy',
];

/** What the operator stage measured. */
export interface OperatorFigures {
  services: number;
  kmopObjects: number;
  /** From creating every object at once until every one is Ready=True. */
  timeToAllReadyMs: number;
  reconciles: number;
  reconcilesPerSecond: number;
  /** API requests the simulator received per reconcile, until all were Ready. */
  apiRequestsPerReconcile: number;
  /** Writes the operator sent (applies, deletes, status patches, events) until all were Ready. */
  writesUntilReady: number;
  /** The operator's resident memory once all were Ready. */
  operatorRssMiB: number;
  /**
   * CPU time the operator process used until all were Ready: unlike the time, it does not
   * grow with what else the machine runs.
   */
  operatorCpuSeconds: number;
  /** Steady state: resyncs that ran and the writes that reached the API server meanwhile. */
  steadyState: {
    resyncs: number;
    reconciles: number;
    writes: number;
    apiWrites: number;
  };
}

function metric(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (
      line.startsWith(name) &&
      (line[name.length] === ' ' || line[name.length] === '{')
    ) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}

async function poll(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`operator stage: timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

const isReady = (o: any) =>
  o.status?.conditions?.some(
    (c: any) => c.type === 'Ready' && c.status === 'True',
  ) && o.status.observedGeneration === o.metadata.generation;

/**
 * Counts the kmop.dev objects and those Ready for their generation from watch events, so
 * waiting for all of them costs the simulator one event per change, not a list per poll.
 */
function trackReadiness(sim: KubeSim, signal: AbortSignal) {
  const seen = new Set<string>();
  const notReady = new Set<string>();
  for (const kind of KINDS) {
    const plural = KMOP_KINDS[kind as KmopKind].plural;
    void watchCollection(
      sim.url,
      `/apis/kmop.dev/v1alpha1/${plural}`,
      signal,
      (type, o) => {
        const key = `${kind}/${o.metadata.namespace}/${o.metadata.name}`;
        if (type === 'DELETED') {
          seen.delete(key);
          notReady.delete(key);
          return;
        }
        seen.add(key);
        if (isReady(o)) notReady.delete(key);
        else notReady.add(key);
      },
    );
  }
  return { ready: () => seen.size - notReady.size, total: () => seen.size };
}

/** Every kmop.dev object Ready, read from the store: the final word on the watch's count. */
function allReady(sim: KubeSim): boolean {
  return KINDS.every(kind =>
    (sim.store.list('kmop.dev/v1alpha1', kind) as any[]).every(isReady),
  );
}

/**
 * The operator stage: kube-sim with the KMOP and ecosystem CRDs, the real operator process,
 * `services` services (five kmop.dev objects each) created at once; measures the time until
 * all are Ready, reconciles per second, API requests per reconcile and memory, then checks
 * that resyncs in a steady state send no writes.
 */
export async function runOperatorStage(
  services: number,
  log: (line: string) => void,
): Promise<OperatorFigures> {
  const crds = join(REPO, 'examples/cluster/crds');
  const sim = await startKubeSim({
    seeds: [
      join(REPO, 'plugins/kmop-common/crds'),
      ...readdirSync(crds).map(f => join(crds, f)),
    ],
    historySize: 100_000,
  });
  const dir = mkdtempSync(join(tmpdir(), 'kmop-bench-operator-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'sim',
          cluster: { server: sim.url, 'insecure-skip-tls-verify': true },
        },
      ],
      users: [{ name: 'bench', user: {} }],
      contexts: [{ name: 'sim', context: { cluster: 'sim', user: 'bench' } }],
      'current-context': 'sim',
    }),
  );
  const resyncMs = 5000;
  let operator: ChildProcess | undefined;
  // Ends the bench's watches (its simulated controllers and its readiness count).
  const watches = new AbortController();
  try {
    execFileSync(process.execPath, [BUILD_OPERATOR], { stdio: 'inherit' });
    operator = spawn(
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
        '--resync',
        `${resyncMs}ms`,
        '--concurrency',
        '8',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let port: number | undefined;
    // The operator logs JSON lines; the bench only needs the port of its /metrics.
    operator.stdout!.on('data', chunk => {
      const m = /"port":(\d+)/.exec(String(chunk));
      if (m) port = Number(m[1]);
    });
    const metrics = async () =>
      (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    await poll(
      async () => {
        if (port === undefined) return false;
        return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
      },
      'the operator to be ready',
      120_000,
    );

    log(
      `operator stage: creating ${services} services (${
        services * KINDS.length
      } kmop.dev objects) at once`,
    );
    const namespaces = Math.max(1, Math.ceil(services / 50));
    runChildControllers(sim, watches.signal);
    const readiness = trackReadiness(sim, watches.signal);
    const before = { requests: sim.requestCount, metrics: await metrics() };
    const started = Date.now();
    for (let i = 0; i < services; i++) {
      for (const o of serviceObjects(`svc-${i}`, `bench-${i % namespaces}`)) {
        sim.store.create(o as never);
      }
    }
    const total = services * KINDS.length;
    await poll(
      () => readiness.total() === total && readiness.ready() === total,
      'every kmop.dev object to be Ready',
      30 * 60_000,
    );
    // The watch's count, checked once against the store.
    if (!allReady(sim)) {
      throw new Error(
        'operator stage: the watch counted an object Ready that is not',
      );
    }
    const timeToAllReadyMs = Date.now() - started;
    const at = { requests: sim.requestCount, metrics: await metrics() };
    const reconciles =
      metric(at.metrics, 'kmop_operator_reconciles_total') -
      metric(before.metrics, 'kmop_operator_reconciles_total');
    log(
      `operator stage: all Ready after ${(timeToAllReadyMs / 1000).toFixed(
        1,
      )} s; watching a steady state`,
    );

    // Steady state: wait for two resyncs to run with nothing changing.
    await poll(
      async () => reportChildStatuses(sim) === 0,
      'the simulated controllers to settle',
      60_000,
    );
    await poll(
      async () => (await metrics()).includes('kmop_operator_queue_depth 0'),
      'an empty queue',
      60_000,
    );
    const steadyFrom = {
      metrics: await metrics(),
      rv: Number(sim.store.resourceVersion),
    };
    const steadyStart = Date.now();
    await poll(
      () => Date.now() - steadyStart > 2 * resyncMs + 1000,
      'two resyncs',
      60_000,
    );
    await poll(
      async () => (await metrics()).includes('kmop_operator_queue_depth 0'),
      'the resyncs to drain',
      120_000,
    );
    const steadyTo = await metrics();
    const steadyReconciles =
      metric(steadyTo, 'kmop_operator_reconciles_total') -
      metric(steadyFrom.metrics, 'kmop_operator_reconciles_total');
    return {
      services,
      kmopObjects: services * KINDS.length,
      timeToAllReadyMs,
      reconciles,
      reconcilesPerSecond: reconciles / (timeToAllReadyMs / 1000),
      apiRequestsPerReconcile: (at.requests - before.requests) / reconciles,
      writesUntilReady:
        metric(at.metrics, 'kmop_operator_api_writes_total') -
        metric(before.metrics, 'kmop_operator_api_writes_total'),
      operatorRssMiB:
        metric(at.metrics, 'kmop_operator_process_resident_memory_bytes') /
        1024 /
        1024,
      operatorCpuSeconds:
        metric(at.metrics, 'kmop_operator_process_cpu_seconds_total') -
        metric(before.metrics, 'kmop_operator_process_cpu_seconds_total'),
      steadyState: {
        resyncs: Math.round(steadyReconciles / (services * KINDS.length)),
        reconciles: steadyReconciles,
        writes:
          metric(steadyTo, 'kmop_operator_api_writes_total') -
          metric(steadyFrom.metrics, 'kmop_operator_api_writes_total'),
        // Every write to the simulator moves its resourceVersion.
        apiWrites: Number(sim.store.resourceVersion) - steadyFrom.rv,
      },
    };
  } finally {
    watches.abort();
    operator?.kill('SIGTERM');
    await new Promise(r =>
      operator && operator.exitCode === null
        ? operator.once('exit', r)
        : r(null),
    );
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
