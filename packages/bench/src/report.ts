import { BenchResult, ProfileSummary, RouteFigures } from './result';
import { failureMessage } from './stages/failures';

function ms(n: number): string {
  if (n >= 100) return n.toFixed(0);
  return n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
const int = (n: number) => Math.round(n).toLocaleString('en-US');
function ratio(n: number): string {
  if (n >= 10) return n.toFixed(0);
  return n >= 1 ? n.toFixed(1) : n.toFixed(3);
}

const ROUTES = {
  floor: 'floor: GET /api/kmop/v1/clusters',
  kmop: 'KMOP: GET /api/kmop/v1/entities/…',
  kmopNotModified: 'KMOP with If-None-Match (304)',
  kubernetes: 'Kubernetes backend: POST /api/kubernetes/services/…',
  org: 'organisation page: GET /api/kmop/v1/readiness/services (50 per page)',
};

function row(name: string, f: RouteFigures): string {
  return `| ${name} | ${ms(f.p50Ms)} | ${ms(f.p90Ms)} | ${ms(f.p99Ms)} | ${int(
    f.requestsPerSecond,
  )} | ${f.clusterRequestsPerView.toFixed(2)} | ${f.catalogReadsPerView.toFixed(
    2,
  )} | ${f.permissionRequestsPerView.toFixed(2)} | ${int(
    f.bytesPerResponse,
  )} | ${f.errors} |`;
}

function stage(
  title: string,
  figures: Partial<Record<keyof typeof ROUTES, RouteFigures>>,
): string[] {
  const lines = [
    `${title}`,
    '',
    '| route | p50 ms | p90 ms | p99 ms | req/s | cluster requests per view | catalog reads per view | permission requests per view | bytes per answer, as sent (a browser’s Accept-Encoding) | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const key of Object.keys(ROUTES) as (keyof typeof ROUTES)[]) {
    const f = figures[key];
    if (f) lines.push(row(ROUTES[key], f));
  }
  for (const f of Object.values(figures)) {
    if (f?.firstError) lines.push(`first error: ${f.firstError}`);
  }
  lines.push('');
  return lines;
}

/** The Prometheus stage's rows of the figures table. */
export function prometheusRows(p: BenchResult['prometheus']): string[] {
  const title = 'Prometheus queries per minute, 1 / 50 open pages';
  if ('skipped' in p) return [`| ${title} | not measured: ${p.skipped} |`];
  const perRound = (f: { queriesPerMinute: number }) =>
    (f.queriesPerMinute * p.evaluationIntervalS) / 60 / p.slos;
  const atDefault = (f: { queriesPerMinute: number }) =>
    (f.queriesPerMinute * p.evaluationIntervalS) / p.defaultEvaluationIntervalS;
  return [
    `| ${title} of ${p.entity} (${p.slos} SLOs on ${
      p.clusters
    } clusters; kmop.prometheus.evaluationInterval ${
      p.evaluationIntervalS
    } s by the bench's config, default ${p.defaultEvaluationIntervalS} s; ${
      p.windowS
    } s windows; load ${p.loadAverage1m.start.toFixed(
      1,
    )} → ${p.loadAverage1m.end.toFixed(
      1,
    )}) | ${p.onePage.queriesPerMinute.toFixed(
      1,
    )} / ${p.fiftyPages.queriesPerMinute.toFixed(1)} |`,
    `| the same per SLO per evaluation round, 1 / 50 pages; and per minute at the ${
      p.defaultEvaluationIntervalS
    } s default | ${perRound(p.onePage).toFixed(1)} / ${perRound(
      p.fiftyPages,
    ).toFixed(1)}; ${atDefault(p.onePage).toFixed(1)} / ${atDefault(
      p.fiftyPages,
    ).toFixed(1)} |`,
    `| the pages' view reads after the signals they heard in those windows (an object of ${
      p.entity
    } changed every 5 s) | 1 page: ${int(p.onePage.viewReads)} reads (${int(
      p.onePage.notModifiedReads,
    )} of them 304) after ${int(p.onePage.signals)} signals; 50 pages: ${int(
      p.fiftyPages.viewReads,
    )} (${int(p.fiftyPages.notModifiedReads)}) after ${int(
      p.fiftyPages.signals,
    )} |`,
  ];
}

/** The figures as Markdown tables, as they go into the README. */
export function formatReport(r: BenchResult): string {
  const o = r.options;
  const lines = [
    `kmop bench: ${o.clusters} clusters × ${int(
      r.objects.perCluster,
    )} objects (${int(r.objects.cachedPerCluster)} of kinds KMOP caches), ${
      o.latencyMs
    } ms cluster latency, ${r.objects.entities} entities; ` +
      `${r.machine.cpus} CPUs, Node ${
        r.machine.node
      }, load average ${r.machine.loadAverage1m.toFixed(1)}`,
    '',
    ...stage(
      `first view of each entity by the caller (1 in flight, ${r.objects.entities} requests per route)`,
      r.firstView,
    ),
    ...stage(
      `sequential, access checks reused (kmop.authorization.cacheTtl ${o.accessTtl}; 1 in flight, ${o.requests} requests per route)`,
      r.sequential,
    ),
    ...stage(
      `concurrent (${o.concurrency} in flight; ${r.concurrent.floor.requests} requests per route, the Kubernetes backend ${r.concurrent.kubernetes.requests})`,
      r.concurrent,
    ),
    ...stage(`stress (${o.stressConcurrency} in flight)`, r.stress),
    ...stage(
      `organisation page over ${r.objects.entities} services (1 in flight)`,
      r.org,
    ),
    '| figure | value |',
    '|---|---:|',
    `| KMOP ÷ Kubernetes backend, p50 (sequential) | ${ratio(
      r.ratios.kmopOverKubernetesP50,
    )} (${ratio(1 / r.ratios.kmopOverKubernetesP50)}× faster) |`,
    `| KMOP ÷ floor, p50 (sequential) | ${ratio(r.ratios.kmopOverFloorP50)} |`,
    `| KMOP ÷ floor, p50 (first view) | ${ratio(
      r.ratios.kmopFirstViewOverFloorP50,
    )} |`,
    `| KMOP ÷ floor, throughput (concurrent) | ${ratio(
      r.ratios.kmopOverFloorThroughput,
    )} |`,
    `| organisation page ÷ floor, p50 | ${ratio(r.ratios.orgOverFloorP50)} |`,
    `| KMOP ÷ floor, p99 (stress) | ${ratio(
      r.ratios.kmopOverFloorStressP99,
    )} |`,
    `| KMOP 304 path ÷ floor, p50 / throughput (concurrent) | ${ratio(
      r.ratios.kmopNotModifiedOverFloorP50,
    )} / ${ratio(r.ratios.kmopNotModifiedOverFloorThroughput)} |`,
    `| change to signal, kube-sim write to the WebSocket client, p50 / p99 (${
      r.livePage.changeToSignal.samples
    } changes) | ${ms(r.livePage.changeToSignal.p50Ms)} / ${ms(
      r.livePage.changeToSignal.p99Ms,
    )} ms |`,
    `| idle open page: slow poll's 304 (${int(
      r.livePage.idlePage.notModifiedRequestBytes,
    )} B sent, ${int(
      r.livePage.idlePage.notModifiedResponseBytes,
    )} B back, every ${int(
      r.livePage.idlePage.pollIntervalS,
    )} s) + WebSocket ping/pong | ${int(
      r.livePage.idlePage.bytesPerMinute,
    )} B per minute |`,
    ...prometheusRows(r.prometheus),
    `| cold sync, first list of all kinds on all clusters | ${int(
      r.coldSyncMs,
    )} ms |`,
    `| backend CPU time during the cold sync (lists received, parsed, indexed) | ${int(
      r.coldSyncBackendCpuMs,
    )} ms |`,
    `| the simulated clusters' CPU time over the cold sync (the bench's process, serving the lists on the same cores) | ${int(
      r.coldSyncSimulatorCpuMs,
    )} ms |`,
    `| backend CPU after the sync until its heap settled (the cache writing the objects' fields as text), over ${int(
      r.settle.ms,
    )} ms | ${int(r.settle.backendCpuMs)} ms |`,
    `| one KMOP view: uncompressed / pretty-printed (development) / gzipped, as a browser receives it | ${int(
      r.viewSize.bytes,
    )} / ${int(r.viewSize.prettyBytes)} / ${int(r.viewSize.gzipBytes)} B |`,
    `| backend resident memory, before → after the cache filled | ${int(
      r.memory.rssBeforeMiB,
    )} → ${int(r.memory.rssAfterMiB)} MiB |`,
    `| resident memory per cached object (${int(
      r.memory.cachedObjects,
    )} objects) | ${int(r.memory.rssBytesPerCachedObject)} B |`,
    `| JS heap per cached object, settled (at the end of the sync) | ${int(
      r.memory.heapBytesPerCachedObject,
    )} B (${int(r.memory.heapBytesPerCachedObjectAtSync)} B) |`,
    `| scaffolder generate + validate, KMOP resources (median of ${
      o.scaffolderRuns
    }) | ${ms(r.scaffolder.generateValidateKmopMs)} ms |`,
    `| scaffolder generate + validate, native manifests (median of ${
      o.scaffolderRuns
    }) | ${ms(r.scaffolder.generateValidateNativeMs)} ms |`,
    '',
  ];
  const profiles: Array<[string, ProfileSummary | undefined]> = [
    ['serving KMOP views', r.profile?.view],
    ['during the cold sync', r.profile?.coldSync],
  ];
  for (const [what, p] of profiles) {
    if (!p) continue;
    lines.push(
      `CPU profile of the backend ${what}: ${p.file} (${p.samples} samples)`,
    );
    lines.push('', '| self % | total % | function |', '|---:|---:|---|');
    for (const f of p.self)
      lines.push(
        `| ${f.selfPct.toFixed(1)} | ${f.totalPct.toFixed(1)} | ${f.frame} |`,
      );
    lines.push(
      '',
      '| total % | self % | function (by total time) |',
      '|---:|---:|---|',
    );
    for (const f of p.total)
      lines.push(
        `| ${f.totalPct.toFixed(1)} | ${f.selfPct.toFixed(1)} | ${f.frame} |`,
      );
    lines.push('');
  }
  const failed = failureMessage(r.failures);
  if (failed) {
    lines.push(
      "FAILED: requests of these stages failed (their routes' figures count them):",
      failed,
      '',
    );
  }
  lines.push(`finished in ${r.durationS.toFixed(0)} s`);
  return lines.join('\n');
}
