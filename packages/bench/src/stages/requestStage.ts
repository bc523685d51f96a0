import { Target, TargetSample, percentiles, runInterleaved } from '../load';
import { BenchRun, StageFailure } from './context';

/** Latency, throughput and cluster traffic of one route in one stage. */
export interface RouteFigures {
  requests: number;
  errors: number;
  firstError?: string;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  bytesPerResponse: number;
  clusterRequestsPerView: number;
  /** Catalog reads the backend served per request of this route (KMOP's, or the Kubernetes backend's). */
  catalogReadsPerView: number;
  /** Permission decisions asked over HTTP per request of this route. */
  permissionRequestsPerView: number;
}

/** A deterministic shuffle, so every run asks for the same entities in the same order. */
export function entitySequence(entities: number, length: number): number[] {
  let seed = 0x6b6d6f70;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length }, () => Math.floor(random() * entities));
}

function figures(sample: TargetSample): RouteFigures {
  const { p50, p90, p99 } = percentiles(sample.latenciesMs);
  const requests = sample.requests;
  return {
    requests,
    errors: sample.errors,
    ...(sample.firstError ? { firstError: sample.firstError } : {}),
    p50Ms: p50,
    p90Ms: p90,
    p99Ms: p99,
    requestsPerSecond: (1000 * requests) / sample.busyMs,
    bytesPerResponse: sample.bytes / Math.max(1, requests),
    clusterRequestsPerView: sample.clusterRequests / Math.max(1, requests),
    catalogReadsPerView: sample.catalogReads / Math.max(1, requests),
    permissionRequestsPerView:
      sample.permissionRequests / Math.max(1, requests),
  };
}

/** The routes of a stage that had failed requests, as the run reports them. */
export function stageFailures(
  stage: string,
  routes: Record<string, RouteFigures>,
): StageFailure[] {
  return Object.entries(routes)
    .filter(([, f]) => f.errors > 0)
    .map(([route, f]) => ({
      stage,
      route,
      errors: f.errors,
      requests: f.requests,
      ...(f.firstError ? { firstError: f.firstError } : {}),
    }));
}

/**
 * Sends `requests` requests per route at `concurrency`, the routes interleaved
 * (see {@link runInterleaved}), and gives each route's figures. A route with
 * failed requests is added to the run's failures: its figures are printed, and
 * the run fails.
 */
export async function requestStage(
  run: BenchRun,
  stage: {
    name: string;
    concurrency: number;
    targets: Target[];
    requests: number;
    /** Entity indexes in order; a deterministic shuffle by default. */
    sequence?: number[];
    /** Requests per block; by default at least one wave and a tenth of the requests. */
    blockSize?: number;
  },
): Promise<Record<string, RouteFigures>> {
  const sequence =
    stage.sequence ?? entitySequence(run.entities, stage.requests);
  const { concurrency } = stage;
  run.log(
    `${stage.name}: ${sequence.length} requests per route at concurrency ${concurrency}`,
  );
  const samples = await runInterleaved({
    baseUrl: run.backend.baseUrl,
    token: run.token,
    targets: stage.targets,
    sequence,
    concurrency,
    // Several rounds, so that a passing disturbance does not fall on
    // one route alone; a block is at least one full wave of requests.
    blockSize:
      stage.blockSize ?? Math.max(concurrency, Math.ceil(sequence.length / 10)),
    clusterRequestCount: () => run.sims.reduce((n, s) => n + s.requestCount, 0),
    backendRequestCount: () => run.backend.loggedRequests(),
    collectGarbage: () => run.backend.collectGarbage(),
  });
  const routes = Object.fromEntries(
    [...samples].map(([k, v]) => [k, figures(v)]),
  );
  run.failures.push(...stageFailures(stage.name, routes));
  return routes;
}
