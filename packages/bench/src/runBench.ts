import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { BenchBackend } from './backend/BenchBackend';
import {
  BenchCheckError,
  Target,
  TargetSample,
  percentiles,
  runInterleaved,
} from './load';
import {
  CRD_SEEDS,
  benchEntity,
  generateClusterObjects,
  serviceName,
} from './objects';
import { LivePageFigures, measureLivePage } from './livePage';
import { BenchOptions } from './options';
import { ProfileFrame, summarizeProfile } from './profile';
import { timeScaffolder } from './scaffolder';

const SIM_TOKEN = 'kmop-bench-token';

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

export type StageFigures = Record<
  'floor' | 'kmop' | 'kubernetes',
  RouteFigures
> & {
  /** The KMOP view asked with the ETag of the current view: `304`, no body. */
  kmopNotModified?: RouteFigures;
};

/** The organisation page's route beside the floor. */
export type OrgStageFigures = Record<'floor' | 'org', RouteFigures>;

/** Everything `yarn bench` measures. */
export interface BenchResult {
  machine: { cpus: number; node: string; loadAverage1m: number };
  options: BenchOptions;
  objects: {
    perCluster: number;
    cachedPerCluster: number;
    services: number;
    entities: number;
    byKind: Record<string, number>;
  };
  coldSyncMs: number;
  /**
   * CPU time the backend used from before the clusters came up to after its
   * first sync (lists received, parsed, indexed): the sync's own cost, apart
   * from the simulators' and other processes' share of a loaded machine.
   */
  coldSyncBackendCpuMs: number;
  /** One KMOP view as sent, as `NODE_ENV=development` pretty-prints it, and gzipped. */
  viewSize: { bytes: number; prettyBytes: number; gzipBytes: number };
  memory: {
    rssBeforeMiB: number;
    rssAfterMiB: number;
    heapBeforeMiB: number;
    heapAfterMiB: number;
    cachedObjects: number;
    rssBytesPerCachedObject: number;
    heapBytesPerCachedObject: number;
  };
  /**
   * Each entity once, one request at a time, before any view: the caller's
   * access to each is checked (catalog read and permission decision).
   */
  firstView: Pick<StageFigures, 'floor' | 'kmop'>;
  /** One request at a time. */
  sequential: StageFigures;
  /** `concurrency` requests at a time. */
  concurrent: StageFigures;
  /** `stressConcurrency` requests at a time; the Kubernetes backend is left out. */
  stress: Pick<StageFigures, 'floor' | 'kmop' | 'kmopNotModified'>;
  /**
   * The organisation page (`GET /api/kmop/v1/readiness/services`, a page of 50 sorted by
   * readiness, over every entity) beside the floor, one request at a time.
   */
  org: OrgStageFigures;
  ratios: {
    kmopOverKubernetesP50: number;
    kmopOverFloorP50: number;
    kmopFirstViewOverFloorP50: number;
    kmopOverFloorThroughput: number;
    kmopOverFloorStressP99: number;
    orgOverFloorP50: number;
    /** The `If-None-Match` → `304` path against the floor, p50 (concurrent). */
    kmopNotModifiedOverFloorP50: number;
    kmopNotModifiedOverFloorThroughput: number;
  };
  scaffolder: {
    generateValidateKmopMs: number;
    generateValidateNativeMs: number;
  };
  /** An open page: change-to-signal latency and an idle page's bytes per minute. */
  livePage: LivePageFigures;
  /** CPU profiles of the backend while serving KMOP views and during the cold sync. */
  profile?: Record<'view' | 'coldSync', ProfileSummary>;
  durationS: number;
}

const MiB = 1024 * 1024;

export interface ProfileSummary {
  file: string;
  samples: number;
  self: ProfileFrame[];
  total: ProfileFrame[];
}

/** A deterministic shuffle, so every run asks for the same entities in the same order. */
function entitySequence(entities: number, length: number): number[] {
  let seed = 0x6b6d6f70;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length }, () => Math.floor(random() * entities));
}

async function getJson(
  url: string,
  token?: string,
): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'x-requested-with': 'XMLHttpRequest',
    },
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON; keep the text for the error message
  }
  return { status: res.status, body };
}

async function waitUntil<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
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

/** Runs the whole benchmark; `log` receives progress lines. */
export async function runBench(
  options: BenchOptions,
  log: (line: string) => void = () => {},
): Promise<BenchResult> {
  const started = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), 'kmop-bench-'));
  const sims: KubeSim[] = [];
  let backend: BenchBackend | undefined;
  try {
    log(`generating ${options.objects} objects per cluster`);
    const generated = generateClusterObjects(options.objects);
    // The last service may be cut short; only whole services become entities.
    const entities = Math.min(
      options.entities,
      Math.max(1, generated.services - 1),
    );

    log(`starting ${options.clusters} simulated clusters`);
    for (let c = 0; c < options.clusters; c++) {
      const sim = await startKubeSim({ token: SIM_TOKEN, seeds: CRD_SEEDS });
      sims.push(sim);
      for (const object of generated.objects) sim.store.create(object);
      sim.faults.setLatency(options.latencyMs);
      // Down until the empty backend has been measured; then the first sync is timed.
      await sim.faults.down('refuse');
    }
    const clusterRequestCount = () =>
      sims.reduce((n, s) => n + s.requestCount, 0);

    const entityList = Array.from({ length: entities }, (_, i) =>
      benchEntity(i),
    );
    const entitiesFile = join(workDir, 'entities.yaml');
    writeFileSync(
      entitiesFile,
      entityList.map(e => stringify(e)).join('---\n'),
    );

    log('starting the Backstage backend');
    backend = await BenchBackend.start({
      workDir,
      entitiesFile,
      clusters: sims.map((s, c) => ({
        name: `sim-${c}`,
        url: s.url,
        token: SIM_TOKEN,
      })),
      accessTtl: options.accessTtl,
    });
    const benchBackend = backend;
    const baseUrl = backend.baseUrl;
    const token = await waitUntil('a guest token', 30_000, async () => {
      const { status, body } = await getJson(
        `${baseUrl}/api/auth/guest/refresh?env=development`,
      );
      return status === 200
        ? (body.backstageIdentity.token as string)
        : undefined;
    });
    log(`waiting for the catalog to hold ${entities} entities`);
    // The catalog ingests the entities file in batches: 2,000 entities took over 2 minutes
    // on a loaded 2-core machine. A bound on waiting, scaled with the entities; not measured.
    await waitUntil(
      'the catalog',
      Math.max(120_000, entities * 150),
      async () => {
        const last = serviceName(entities - 1);
        const { status } = await getJson(
          `${baseUrl}/api/catalog/entities/by-name/component/default/${last}`,
          token,
        );
        return status === 200 ? true : undefined;
      },
    );

    const before = await backend.memory();
    log('clusters up: timing the first sync');
    const counts = sims.map(s => s.requestCount);
    let firstRequestAt: number | undefined;
    const watchFirst = setInterval(() => {
      if (
        firstRequestAt === undefined &&
        sims.some((s, i) => s.requestCount > counts[i])
      ) {
        firstRequestAt = Date.now();
      }
    }, 1);
    const syncProfile = options.profile
      ? join(options.profile, `kmop-cold-sync-${Date.now()}.cpuprofile`)
      : undefined;
    if (syncProfile) await backend.startProfile();
    await Promise.all(sims.map(s => s.faults.up()));
    const synced = await waitUntil('the KMOP cache', 300_000, async () => {
      const { status, body } = await getJson(
        `${baseUrl}/api/kmop/v1/clusters`,
        token,
      );
      const items =
        status === 200
          ? (body.items as Array<{ state: string; lastSyncedAt?: string }>)
          : [];
      return items.length === sims.length &&
        items.every(c => c.state === 'ready')
        ? items
        : undefined;
    });
    clearInterval(watchFirst);
    if (syncProfile) await backend.stopProfile(syncProfile);
    const lastSynced = Math.max(
      ...synced.map(c => Date.parse(c.lastSyncedAt!)),
    );
    const coldSyncMs = lastSynced - (firstRequestAt ?? lastSynced);
    const after = await backend.memory();
    const cachedObjects = generated.cachedObjects * sims.length;

    let viewSize: BenchResult['viewSize'] | undefined;
    const entityRef = (i: number) =>
      `/api/kmop/v1/entities/component/default/${serviceName(i)}`;
    // The ETag of each entity's view, as a page holds it after its first read.
    const etags: string[] = [];
    const targets: Record<
      'floor' | 'kmop' | 'kmopNotModified' | 'kubernetes',
      Target
    > = {
      floor: {
        name: 'floor',
        request: () => ({ method: 'GET', path: '/api/kmop/v1/clusters' }),
        check: (_s, body) => {
          if (JSON.parse(body).items.length !== sims.length) {
            throw new BenchCheckError(
              `the clusters route answered ${body.slice(0, 200)}`,
            );
          }
        },
      },
      kmop: {
        name: 'kmop',
        request: i => ({ method: 'GET', path: entityRef(i) }),
        check: (_s, body, i) => {
          const view = JSON.parse(body);
          viewSize ??= {
            bytes: Buffer.byteLength(body),
            prettyBytes: Buffer.byteLength(JSON.stringify(view, null, 2)),
            gzipBytes: gzipSync(body).length,
          };
          const clusters = new Set(
            view.routes.map(
              (r: { source: { cluster: string } }) => r.source.cluster,
            ),
          );
          const sections = ['routes', 'slos', 'rollouts', 'resilience'].filter(
            s => view[s].length === 0,
          );
          if (clusters.size !== sims.length || sections.length > 0) {
            throw new BenchCheckError(
              `the KMOP view of ${serviceName(i)} has routes from ${
                clusters.size
              } of ${sims.length} clusters` +
                ` and empty sections [${sections.join(', ')}]`,
            );
          }
        },
      },
      kmopNotModified: {
        name: 'kmopNotModified',
        okStatus: 304,
        request: i => ({
          method: 'GET',
          path: entityRef(i),
          headers: { 'if-none-match': etags[i] },
        }),
        check: () => {},
      },
      kubernetes: {
        name: 'kubernetes',
        request: i => ({
          method: 'POST',
          path: `/api/kubernetes/services/${serviceName(i)}`,
          body: JSON.stringify({ entity: entityList[i] }),
        }),
        check: (_s, body, i) => {
          const { items } = JSON.parse(body);
          const problems = items.filter(
            (c: {
              errors: unknown[];
              resources: { type: string; resources: unknown[] }[];
            }) =>
              c.errors.length > 0 ||
              !c.resources.some(
                r => r.type === 'pods' && r.resources.length > 0,
              ),
          );
          if (items.length !== sims.length || problems.length > 0) {
            throw new BenchCheckError(
              `the Kubernetes backend answered for ${serviceName(
                i,
              )}: ${body.slice(0, 300)}`,
            );
          }
        },
      },
    };

    const stage = async (
      name: string,
      concurrency: number,
      list: Target[],
      requests: number,
      sequence = entitySequence(entities, requests),
    ) => {
      log(
        `${name}: ${sequence.length} requests per route at concurrency ${concurrency}`,
      );
      const samples = await runInterleaved({
        baseUrl,
        token,
        targets: list,
        sequence,
        concurrency,
        // Several rounds, so that a passing disturbance does not fall on
        // one route alone; a block is at least one full wave of requests.
        blockSize: Math.max(concurrency, Math.ceil(sequence.length / 10)),
        clusterRequestCount,
        backendRequestCount: () => benchBackend.loggedRequests(),
      });
      return Object.fromEntries([...samples].map(([k, v]) => [k, figures(v)]));
    };

    const all = [
      targets.floor,
      targets.kmop,
      targets.kmopNotModified,
      targets.kubernetes,
    ];
    const everyEntity = Array.from({ length: entities }, (_, i) => i);
    const firstView = (await stage(
      'first view of each entity',
      1,
      [targets.floor, targets.kmop],
      entities,
      everyEntity,
    )) as BenchResult['firstView'];
    // After the first views (they measure the first access check).
    for (let i = 0; i < entities; i++) {
      const res = await fetch(`${baseUrl}${entityRef(i)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await res.text();
      etags.push(res.headers.get('etag') ?? '');
    }
    await stage('warm-up', 2, all, Math.min(20, options.requests));
    const sequential = (await stage(
      'sequential',
      1,
      all,
      options.requests,
    )) as StageFigures;
    const concurrent = (await stage(
      'concurrent',
      options.concurrency,
      all,
      options.requests,
    )) as StageFigures;
    const stress = (await stage(
      'stress',
      options.stressConcurrency,
      [targets.floor, targets.kmop, targets.kmopNotModified],
      Math.max(options.requests, 4 * options.stressConcurrency),
    )) as BenchResult['stress'];

    // The organisation page reads every entity the caller may see and answers from the
    // cache: one catalog query and one batch of permission decisions per request.
    const orgTarget: Target = {
      name: 'org',
      request: () => ({
        method: 'GET',
        path: '/api/kmop/v1/readiness/services?sort=readiness&limit=50',
      }),
      check: (_s, body) => {
        const page = JSON.parse(body);
        if (page.totalItems !== entities || page.items.length === 0) {
          throw new BenchCheckError(
            `the organisation page listed ${page.totalItems} of ${entities} services`,
          );
        }
      },
    };
    const org = (await stage(
      `organisation page over ${entities} services`,
      1,
      [targets.floor, orgTarget],
      Math.max(10, Math.ceil(options.requests / 10)),
    )) as OrgStageFigures;

    const changes = Math.min(50, options.requests);
    log(
      `live page: ${changes} changes, each from a kube-sim write to its signal`,
    );
    const livePage = await measureLivePage({
      baseUrl,
      token,
      sim: sims[0],
      objects: generated.objects,
      entities,
      samples: changes,
      etagOf: i => etags[i],
      viewPath: entityRef,
    });

    let profile: BenchResult['profile'];
    if (options.profile) {
      const file = join(options.profile, `kmop-view-${Date.now()}.cpuprofile`);
      log(`profiling the KMOP view into ${file}`);
      await backend.startProfile();
      await stage(
        'profile',
        options.concurrency,
        [targets.kmop],
        options.requests,
      );
      await backend.stopProfile(file);
      profile = {
        view: { file, ...summarizeProfile(file) },
        coldSync: { file: syncProfile!, ...summarizeProfile(syncProfile!) },
      };
    }

    log('timing the scaffolder actions');
    const scaffolder = await timeScaffolder(options.scaffolderRuns);

    return {
      machine: {
        cpus: cpus().length,
        node: process.version,
        loadAverage1m: loadavg()[0],
      },
      options,
      objects: {
        perCluster: generated.objects.length,
        cachedPerCluster: generated.cachedObjects,
        services: generated.services,
        entities,
        byKind: generated.byKind,
      },
      coldSyncMs,
      // From after the first measurement's collections to before the second's.
      coldSyncBackendCpuMs: after.cpuMs - before.cpuAfterGcMs,
      viewSize: viewSize!,
      memory: {
        rssBeforeMiB: before.rss / MiB,
        rssAfterMiB: after.rss / MiB,
        heapBeforeMiB: before.heapUsed / MiB,
        heapAfterMiB: after.heapUsed / MiB,
        cachedObjects,
        rssBytesPerCachedObject: (after.rss - before.rss) / cachedObjects,
        heapBytesPerCachedObject:
          (after.heapUsed - before.heapUsed) / cachedObjects,
      },
      firstView,
      sequential,
      concurrent,
      stress,
      org,
      livePage,
      ratios: {
        kmopOverKubernetesP50:
          sequential.kmop.p50Ms / sequential.kubernetes.p50Ms,
        kmopOverFloorP50: sequential.kmop.p50Ms / sequential.floor.p50Ms,
        kmopFirstViewOverFloorP50: firstView.kmop.p50Ms / firstView.floor.p50Ms,
        kmopOverFloorThroughput:
          concurrent.kmop.requestsPerSecond /
          concurrent.floor.requestsPerSecond,
        kmopOverFloorStressP99: stress.kmop.p99Ms / stress.floor.p99Ms,
        orgOverFloorP50: org.org.p50Ms / org.floor.p50Ms,
        kmopNotModifiedOverFloorP50:
          concurrent.kmopNotModified!.p50Ms / concurrent.floor.p50Ms,
        kmopNotModifiedOverFloorThroughput:
          concurrent.kmopNotModified!.requestsPerSecond /
          concurrent.floor.requestsPerSecond,
      },
      scaffolder: {
        generateValidateKmopMs: scaffolder.kmopMs,
        generateValidateNativeMs: scaffolder.nativeMs,
      },
      ...(profile ? { profile } : {}),
      durationS: (Date.now() - started) / 1000,
    };
  } catch (error) {
    if (backend) {
      const tail = readFileSync(backend.logFile, 'utf8')
        .split('\n')
        .slice(-40)
        .join('\n');
      (error as Error).message += `\nthe backend ${
        backend.exit ?? 'is running'
      }; last lines of its log:\n${tail}`;
    }
    throw error;
  } finally {
    await backend?.stop();
    await Promise.all(sims.map(s => s.close()));
    rmSync(workDir, { recursive: true, force: true });
  }
}
