import { SHORT_OPTIONS } from './options';
import { formatReport } from './report';
import { runBench } from './runBench';

// The short mode at tiny sizes: every figure is produced and is a number.
// Whether the targets are met is for the full run to show, not for a test.
// A whole backend and two simulated clusters: minutes on a loaded shared machine.
jest.setTimeout(600_000);

/** Every leaf of the result that should be a figure, with its path. */
function figuresOf(value: unknown, path = ''): Array<[string, unknown]> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) =>
      figuresOf(v, `${path}.${k}`),
    );
  }
  return [[path, value]];
}

describe('yarn bench --short', () => {
  it('produces every figure', async () => {
    const result = await runBench({
      ...SHORT_OPTIONS,
      clusters: 2,
      objects: 300,
      requests: 12,
      concurrency: 3,
      stressConcurrency: 6,
      entities: 4,
      scaffolderRuns: 1,
      // Two evaluation rounds per window: enough to count, not to judge.
      prometheusWindowS: 10,
    });

    // The Prometheus stage ran (the machine has prometheus) and counted the backend's
    // queries while 1, then 50 pages read the view.
    expect('skipped' in result.prometheus).toBe(false);
    const prometheus = result.prometheus as Exclude<
      typeof result.prometheus,
      { skipped: string }
    >;
    expect(prometheus.onePage.queries).toBeGreaterThan(0);
    expect(prometheus.fiftyPages.pages).toBe(50);

    const numbers = figuresOf({
      coldSyncMs: result.coldSyncMs,
      viewSize: result.viewSize,
      memory: result.memory,
      firstView: result.firstView,
      sequential: result.sequential,
      concurrent: result.concurrent,
      stress: result.stress,
      org: result.org,
      ratios: result.ratios,
      scaffolder: result.scaffolder,
      prometheus: {
        onePage: prometheus.onePage,
        fiftyPages: prometheus.fiftyPages,
      },
    });
    for (const [path, value] of numbers) {
      expect([path, typeof value]).toEqual([path, 'number']);
      expect([path, Number.isFinite(value)]).toEqual([path, true]);
    }
    for (const stage of [
      result.firstView,
      result.sequential,
      result.concurrent,
      result.stress,
      result.org,
    ]) {
      for (const route of Object.values(stage)) {
        expect(route.errors).toBe(0);
        expect(route.requests).toBeGreaterThan(0);
      }
    }
    // A stage with a failed request fails the run (yarn bench exits 1).
    expect(result.failures).toEqual([]);
    expect(Object.keys(result.sequential).sort()).toEqual([
      'floor',
      'kmop',
      'kmopNotModified',
      'kubernetes',
    ]);
    // A page that holds the current view's ETag gets a 304 with no body.
    expect(result.concurrent.kmopNotModified!.bytesPerResponse).toBe(0);
    // The counters count: Backstage's Kubernetes backend asks every cluster, and
    // KMOP's first view of an entity reads it from the catalog.
    expect(result.sequential.kubernetes.clusterRequestsPerView).toBeGreaterThan(
      0,
    );
    expect(result.firstView.kmop.catalogReadsPerView).toBeGreaterThan(0);
    expect(result.objects.perCluster).toBe(300);
    // The three demo services' files repeated to 300 objects, less the kinds KMOP's view does
    // not cache (workload plumbing, and what readiness only indexes as facts); the cache of
    // each of the 2 clusters holds the rest.
    const notCached = ['Pod', 'ReplicaSet', 'Service', 'ConfigMap', 'Secret'];
    const { byKind } = result.objects;
    const cached =
      300 - notCached.reduce((sum, kind) => sum + (byKind[kind] ?? 0), 0);
    expect(notCached.every(kind => (byKind[kind] ?? 0) > 0)).toBe(true);
    expect(result.objects.cachedPerCluster).toBe(cached);
    expect(result.memory.cachedObjects).toBe(2 * cached);

    const report = formatReport(result);
    for (const label of [
      'cold sync',
      'per cached object',
      'scaffolder generate + validate',
      'KMOP ÷ Kubernetes backend',
      'organisation page ÷ floor',
      'If-None-Match (304)',
      'Prometheus queries per minute, 1 / 50 open pages',
    ]) {
      expect(report).toContain(label);
    }
  });
});
