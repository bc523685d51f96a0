import {
  KubeSim,
  PrometheusServer,
  startKubeSim,
  startPrometheus,
} from '@kmop/kube-sim';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchBackend } from '../backend/BenchBackend';
import { entityViewPath } from '../http';
import { CRD_SEEDS, benchEntity, generateClusterObjects } from '../objects';
import { OpenPage, PageReads } from '../openPage';
import { BenchOptions } from '../options';
import { keepBackendLog, startBackend, withBackendLog } from './backend';
import { SIM_TOKEN } from './clusters';
import { waitForClusters } from './coldSync';
import { StageFailure } from './context';

/**
 * `kmop.prometheus.evaluationInterval` of the stage's backend: 5 s instead of the 30 s
 * default, so that a one-minute window holds a dozen rounds. The figure scales with it.
 */
export const EVALUATION_INTERVAL_S = 5;
/** The production default, to say what the figure is at it. */
const DEFAULT_EVALUATION_INTERVAL_S = 30;
/** How often the stage changes an object of the viewed entity, so the pages hear signals. */
const CHANGE_INTERVAL_MS = 5_000;
/** Objects per cluster: a few whole services, the first of them the one viewed. */
const OBJECTS = 100;
const VIEWED = 0;

/** What the Prometheus stage counted with some pages open. */
export interface OpenPagesFigures {
  pages: number;
  /** Instant queries Prometheus received from the backend in the window. */
  queries: number;
  queriesPerMinute: number;
  /** Reads of the view by all pages in the window: a view (`200`) or `304`. */
  viewReads: number;
  notModifiedReads: number;
  /** Signals the pages heard in the window. */
  signals: number;
  /** Changes the stage made to an object of the viewed entity in the window. */
  changes: number;
}

/** Prometheus queries per minute with 1 and with 50 pages of one entity open. */
export interface PrometheusFigures {
  entity: string;
  clusters: number;
  /** SLOs of the viewed entity (one object per SLO per cluster). */
  slos: number;
  evaluationIntervalS: number;
  defaultEvaluationIntervalS: number;
  windowS: number;
  /** The machine's one-minute load average at the start and the end of the stage. */
  loadAverage1m: { start: number; end: number };
  onePage: OpenPagesFigures;
  fiftyPages: OpenPagesFigures;
}

const TOOLS = ['prometheus', 'promtool'];
const TOOL_DIRS = ['/usr/bin', '/usr/local/bin', '/bin'];

/**
 * Why the stage cannot run on this machine, or undefined when it can: it runs the real
 * `prometheus` (and `promtool` to backfill it), where kube-sim's `startPrometheus` looks.
 */
export function prometheusMissing(): string | undefined {
  const missing = TOOLS.filter(
    tool => !TOOL_DIRS.some(dir => existsSync(join(dir, tool))),
  );
  if (missing.length === 0) return undefined;
  return (
    `the Prometheus stage needs ${missing.join(
      ' and ',
    )} (Debian's prometheus ` +
    `package: apt-get install prometheus), not found in ${TOOL_DIRS.join(
      ', ',
    )}; ` +
    'pass --skip-prometheus to run the bench without that stage'
  );
}

/** The entity's error and request counters for the last 3 hours, once a minute, up to now. */
function backfill(service: string) {
  const now = Math.floor(Date.now() / 1000);
  const minutes = Array.from({ length: 180 }, (_, m) => now - (180 - m) * 60);
  return ['200', '500'].map(code => ({
    labels: { service, code },
    samples: minutes.map((ts, m): [number, number] => [
      ts,
      code === '200' ? 600 * m : m,
    ]),
  }));
}

/**
 * Instant queries Prometheus has answered so far, by its own counter: only the backend asks
 * `/api/v1/query` (the bench reads `/metrics`, counted apart).
 */
async function queriesServed(prometheus: PrometheusServer): Promise<number> {
  const res = await fetch(`${prometheus.url}/metrics`);
  const text = await res.text();
  let served = 0;
  for (const line of text.split('\n')) {
    if (
      line.startsWith('prometheus_http_requests_total{') &&
      line.includes('handler="/api/v1/query"')
    ) {
      served += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return served;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function sum(pages: OpenPage[]): PageReads {
  const total: PageReads = { views: 0, notModified: 0, signals: 0, errors: 0 };
  for (const { reads } of pages) {
    total.views += reads.views;
    total.notModified += reads.notModified;
    total.signals += reads.signals;
    total.errors += reads.errors;
    total.firstError ??= reads.firstError;
  }
  return total;
}

/**
 * The backend over its own small clusters (a few services; the view reads the SLOs of
 * the first) with a real Prometheus, which counts the instant queries it answers.
 * Opens one page of the entity and counts the queries over a window, then 49 more pages
 * and counts again. Meanwhile an object of the entity changes every 5 s, so every page
 * hears signals and reads the view again, as a page on a live service does. The SLO
 * evaluation is scheduled per SLO and shared by every viewer, so both counts should be
 * the same; the window starts half an interval after a round of queries, so it holds
 * whole rounds.
 */
export async function prometheusStage(
  options: Pick<
    BenchOptions,
    'clusters' | 'latencyMs' | 'accessTtl' | 'prometheusWindowS'
  >,
  log: (line: string) => void,
  failures: StageFailure[],
): Promise<PrometheusFigures> {
  const loadAtStart = loadavg()[0];
  const workDir = mkdtempSync(join(tmpdir(), 'kmop-bench-prometheus-'));
  const sims: KubeSim[] = [];
  let prometheus: PrometheusServer | undefined;
  let backend: BenchBackend | undefined;
  const pages: OpenPage[] = [];
  try {
    const generated = generateClusterObjects(OBJECTS);
    const entityList = Array.from(
      { length: Math.max(1, generated.services - 1) },
      (_, i) => benchEntity(i),
    );
    const viewed = entityList[VIEWED].metadata.name;
    const ofViewed = generated.objects.filter(
      o => o.metadata.labels?.['app.kubernetes.io/name'] === viewed,
    );
    const slos =
      ofViewed.filter(o => o.kind === 'ServiceLevelObjective').length *
      options.clusters;
    // Not an SLO: its change signals the pages without changing what is evaluated.
    const changed = ofViewed.find(o => o.kind === 'GatewayRoute');
    if (slos === 0 || !changed) {
      throw new Error(`the bench's ${viewed} has no SLO or no GatewayRoute`);
    }

    log(
      `prometheus: starting ${options.clusters} clusters, Prometheus and a backend evaluating every ${EVALUATION_INTERVAL_S} s`,
    );
    for (let c = 0; c < options.clusters; c++) {
      const sim = await startKubeSim({ token: SIM_TOKEN, seeds: CRD_SEEDS });
      sims.push(sim);
      for (const object of generated.objects) sim.store.create(object);
      sim.faults.setLatency(options.latencyMs);
    }
    prometheus = await startPrometheus({
      metric: 'http_requests',
      series: backfill(viewed),
    });
    const counted = prometheus;
    const up = await startBackend({
      workDir,
      sims,
      entityList,
      accessTtl: options.accessTtl,
      kmop: {
        prometheus: {
          baseUrl: prometheus.url,
          evaluationInterval: `${EVALUATION_INTERVAL_S}s`,
        },
      },
      log,
      onStarted: b => {
        backend = b;
      },
    });
    await waitForClusters(up.backend.baseUrl, up.token, sims.length);

    let change = 0;
    const measure = async (count: number): Promise<OpenPagesFigures> => {
      log(`prometheus: ${count} open page(s) of ${viewed}`);
      // From before the new pages' first reads: a failed first read is a failure too.
      const opened = sum(pages);
      while (pages.length < count) {
        pages.push(
          await OpenPage.open({
            baseUrl: up.backend.baseUrl,
            token: up.token,
            entityRef: `component:default/${viewed}`,
            viewPath: entityViewPath(VIEWED),
          }),
        );
      }
      // Half an interval after a round began, so the window holds whole rounds.
      const before = await queriesServed(counted);
      const roundBy = Date.now() + 4 * EVALUATION_INTERVAL_S * 1000;
      while (
        (await queriesServed(counted)) === before &&
        Date.now() < roundBy
      ) {
        await sleep(200);
      }
      await sleep((EVALUATION_INTERVAL_S * 1000) / 2);

      const queries = await queriesServed(counted);
      const reads = sum(pages);
      const windowMs = options.prometheusWindowS * 1000;
      const end = Date.now() + windowMs;
      let changes = 0;
      while (Date.now() < end) {
        sims[0].store.patch(
          {
            apiVersion: changed.apiVersion,
            kind: changed.kind,
            namespace: changed.metadata.namespace,
            name: changed.metadata.name,
          },
          {
            metadata: {
              annotations: { 'kmop.dev/bench-change': String(change++) },
            },
          },
        );
        changes++;
        await sleep(Math.min(CHANGE_INTERVAL_MS, end - Date.now()));
      }
      const queried = (await queriesServed(counted)) - queries;
      const after = sum(pages);
      if (after.errors > opened.errors) {
        failures.push({
          stage: `prometheus, ${count} open page(s)`,
          route: 'page view reads',
          errors: after.errors - opened.errors,
          requests:
            after.views +
            after.notModified +
            after.errors -
            (opened.views + opened.notModified + opened.errors),
          ...(after.firstError ? { firstError: after.firstError } : {}),
        });
      }
      return {
        pages: count,
        queries: queried,
        queriesPerMinute: (queried * 60_000) / windowMs,
        viewReads:
          after.views + after.notModified - (reads.views + reads.notModified),
        notModifiedReads: after.notModified - reads.notModified,
        signals: after.signals - reads.signals,
        changes,
      };
    };

    const onePage = await measure(1);
    const fiftyPages = await measure(50);
    return {
      entity: viewed,
      clusters: options.clusters,
      slos,
      evaluationIntervalS: EVALUATION_INTERVAL_S,
      defaultEvaluationIntervalS: DEFAULT_EVALUATION_INTERVAL_S,
      windowS: options.prometheusWindowS,
      loadAverage1m: { start: loadAtStart, end: loadavg()[0] },
      onePage,
      fiftyPages,
    };
  } catch (error) {
    throw withBackendLog(error, backend);
  } finally {
    for (const page of pages) page.close();
    await backend?.stop();
    keepBackendLog(backend, failures);
    await prometheus?.stop();
    await Promise.all(sims.map(s => s.close()));
    rmSync(workDir, { recursive: true, force: true });
  }
}
