import { parseArgs } from 'node:util';

/** What one benchmark run does. */
export interface BenchOptions {
  /** Simulated clusters. */
  clusters: number;
  /** Objects per cluster, across the supported kinds, Deployments, Pods and Services. */
  objects: number;
  /** Latency injected into every cluster request, ms. */
  latencyMs: number;
  /** Requests per route in each stage. */
  requests: number;
  /** Requests in flight in the concurrent stage. */
  concurrency: number;
  /** Requests in flight in the stress stage (KMOP view and floor only). */
  stressConcurrency: number;
  /** Catalog entities the requests go to. */
  entities: number;
  /** Runs of the scaffolder actions (the median is reported). */
  scaffolderRuns: number;
  /**
   * `kmop.authorization.cacheTtl` of the benchmark's backend. Long by default,
   * so the stages measure a view whose access check is reused (the view a
   * person's open page refreshes); the first-view stage measures one that is not.
   */
  accessTtl: string;
  /** Folder to write a CPU profile of the backend serving KMOP views into. */
  profile?: string;
  /** Services (five kmop.dev objects each) the operator stage creates at once. */
  operatorServices: number;
  /** Leave out the Prometheus stage (it needs Debian's prometheus package). */
  skipPrometheus: boolean;
  /** Seconds of each of the Prometheus stage's two measured windows (1 page, 50 pages). */
  prometheusWindowS: number;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  clusters: 5,
  objects: 20_000,
  latencyMs: 20,
  requests: 300,
  concurrency: 50,
  stressConcurrency: 200,
  entities: 200,
  scaffolderRuns: 21,
  accessTtl: '1h',
  operatorServices: 100,
  skipPrometheus: false,
  prometheusWindowS: 60,
};

/** `--short`: the same stages with fewer objects and requests (under 2 minutes on 2 cores). */
export const SHORT_OPTIONS: BenchOptions = {
  ...DEFAULT_OPTIONS,
  clusters: 2,
  objects: 4_000,
  requests: 120,
  concurrency: 20,
  entities: 50,
  scaffolderRuns: 7,
  operatorServices: 20,
  prometheusWindowS: 30,
};

export const USAGE = `yarn bench [options]

Runs KMOP's entity view, Backstage's Kubernetes backend and an authenticated
route that does nothing (the floor) in one Backstage backend against simulated
clusters, and prints latency, throughput, cluster requests per view, cold-sync
time, memory per cached object and the scaffolder actions' time.

  --clusters <n>      simulated clusters (default ${DEFAULT_OPTIONS.clusters})
  --objects <n>       objects per cluster (default ${DEFAULT_OPTIONS.objects})
  --latency <ms>      latency injected into every cluster request (default ${DEFAULT_OPTIONS.latencyMs})
  --requests <n>      requests per route and stage (default ${DEFAULT_OPTIONS.requests})
  --concurrency <n>   requests in flight in the concurrent stage (default ${DEFAULT_OPTIONS.concurrency})
  --stress <n>        requests in flight in the stress stage (default ${DEFAULT_OPTIONS.stressConcurrency})
  --entities <n>      catalog entities the requests go to (default ${DEFAULT_OPTIONS.entities})
  --scaffolder-runs <n>  runs of generate + validate (default ${DEFAULT_OPTIONS.scaffolderRuns})
  --access-ttl <d>    kmop.authorization.cacheTtl of the backend (default ${DEFAULT_OPTIONS.accessTtl})
  --profile <dir>     also write a CPU profile of the backend serving KMOP views
  --prometheus-window <s>  seconds of each window of the Prometheus stage (default ${DEFAULT_OPTIONS.prometheusWindowS}, --short ${SHORT_OPTIONS.prometheusWindowS})
  --prometheus        run only the Prometheus stage: queries per minute with 1 and
                      50 open pages, on a backend of its own (--clusters applies)
  --skip-prometheus   leave out the Prometheus stage (it needs the prometheus and
                      promtool binaries of Debian's prometheus package; without
                      them and without this option the bench stops at once)
  --operator          run only the operator stage: the KMOP operator reconciling
                      --operator-services services (five kmop.dev objects each) on kube-sim
  --operator-services <n>  services of the operator stage (default ${DEFAULT_OPTIONS.operatorServices}, --short ${SHORT_OPTIONS.operatorServices})
  --short             clusters ${SHORT_OPTIONS.clusters}, objects ${SHORT_OPTIONS.objects}, requests ${SHORT_OPTIONS.requests}, concurrency ${SHORT_OPTIONS.concurrency}, entities ${SHORT_OPTIONS.entities}
                      (other options still apply on top)
  --json              print the figures as JSON
  -h, --help          this text
`;

function positiveInteger(
  name: string,
  value: string | undefined,
  allowZero = false,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw new Error(
      `--${name} must be a ${
        allowZero ? 'non-negative' : 'positive'
      } integer, got "${value}"`,
    );
  }
  return n;
}

/** Parses the command line; throws an Error naming the bad option. */
export function parseBenchArgs(argv: string[]): {
  options: BenchOptions;
  json: boolean;
  help: boolean;
  operator: boolean;
  prometheus: boolean;
} {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      clusters: { type: 'string' },
      objects: { type: 'string' },
      latency: { type: 'string' },
      requests: { type: 'string' },
      concurrency: { type: 'string' },
      stress: { type: 'string' },
      entities: { type: 'string' },
      'scaffolder-runs': { type: 'string' },
      profile: { type: 'string' },
      'access-ttl': { type: 'string' },
      short: { type: 'boolean' },
      operator: { type: 'boolean' },
      'operator-services': { type: 'string' },
      prometheus: { type: 'boolean' },
      'skip-prometheus': { type: 'boolean' },
      'prometheus-window': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const base = values.short ? SHORT_OPTIONS : DEFAULT_OPTIONS;
  const given: Partial<BenchOptions> = {
    clusters: positiveInteger('clusters', values.clusters),
    objects: positiveInteger('objects', values.objects),
    latencyMs: positiveInteger('latency', values.latency, true),
    requests: positiveInteger('requests', values.requests),
    concurrency: positiveInteger('concurrency', values.concurrency),
    stressConcurrency: positiveInteger('stress', values.stress),
    entities: positiveInteger('entities', values.entities),
    scaffolderRuns: positiveInteger(
      'scaffolder-runs',
      values['scaffolder-runs'],
    ),
    profile: values.profile,
    accessTtl: values['access-ttl'],
    operatorServices: positiveInteger(
      'operator-services',
      values['operator-services'],
    ),
    skipPrometheus: values['skip-prometheus'],
    prometheusWindowS: positiveInteger(
      'prometheus-window',
      values['prometheus-window'],
    ),
  };
  const options = { ...base };
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  return {
    options,
    json: values.json ?? false,
    help: values.help ?? false,
    operator: values.operator ?? false,
    prometheus: values.prometheus ?? false,
  };
}
