import { KubeSim } from '@kmop/kube-sim';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchBackend } from './backend/BenchBackend';
import { benchEntity } from './objects';
import { BenchOptions } from './options';
import { BenchResult } from './result';
import { timeScaffolder } from './scaffolder';
import { keepBackendLog, startBackend, withBackendLog } from './stages/backend';
import { startClusters } from './stages/clusters';
import { coldSync } from './stages/coldSync';
import { concurrent } from './stages/concurrent';
import { BenchRun, StageFailure } from './stages/context';
import { firstView } from './stages/firstView';
import { livePage } from './stages/livePage';
import { organisation } from './stages/organisation';
import { profile } from './stages/profile';
import { prometheusMissing, prometheusStage } from './stages/prometheus';
import { sequential } from './stages/sequential';
import { stress } from './stages/stress';
import { viewTargets } from './stages/targets';
import { warmUp } from './stages/warmUp';

export type {
  BenchResult,
  OrgStageFigures,
  ProfileSummary,
  RouteFigures,
  StageFailure,
  StageFigures,
} from './result';

/**
 * Runs the whole benchmark, stage by stage (`src/stages/`); `log` receives
 * progress lines. Routes whose requests failed are in `failures`. Without
 * `prometheus` on this machine it stops at once, unless told to skip that stage.
 */
export async function runBench(
  options: BenchOptions,
  log: (line: string) => void = () => {},
): Promise<BenchResult> {
  const started = Date.now();
  const missing = options.skipPrometheus ? undefined : prometheusMissing();
  if (missing) throw new Error(missing);
  const result = await viewStages(options, log);
  // After the view stages' backend has stopped: this stage runs its own.
  const prometheus = options.skipPrometheus
    ? { skipped: 'left out (--skip-prometheus)' }
    : await prometheusStage(options, log, result.failures);
  return {
    ...result,
    prometheus,
    durationS: (Date.now() - started) / 1000,
  };
}

/** Every stage on the bench's clusters and backend, in order. */
async function viewStages(
  options: BenchOptions,
  log: (line: string) => void,
): Promise<Omit<BenchResult, 'prometheus' | 'durationS'>> {
  const workDir = mkdtempSync(join(tmpdir(), 'kmop-bench-'));
  const sims: KubeSim[] = [];
  let backend: BenchBackend | undefined;
  const failures: StageFailure[] = [];
  try {
    const { generated, entities } = await startClusters(options, log, sims);
    const entityList = Array.from({ length: entities }, (_, i) =>
      benchEntity(i),
    );
    const up = await startBackend({
      workDir,
      sims,
      entityList,
      accessTtl: options.accessTtl,
      log,
      onStarted: b => {
        backend = b;
      },
    });
    const run: BenchRun = {
      options,
      log,
      sims,
      generated,
      entities,
      entityList,
      backend: up.backend,
      token: up.token,
      etags: [],
      failures,
    };

    const sync = await coldSync(run);
    const { targets, viewSize } = viewTargets(run);
    const firstViewFigures = await firstView(run, targets);
    await warmUp(run, targets);
    const sequentialFigures = await sequential(run, targets);
    const concurrentFigures = await concurrent(run, targets);
    const stressFigures = await stress(run, targets);
    const org = await organisation(run, targets);
    const livePageFigures = await livePage(run);
    const profileFigures = options.profile
      ? await profile(run, targets, sync.syncProfile!)
      : undefined;
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
      coldSyncMs: sync.coldSyncMs,
      coldSyncBackendCpuMs: sync.coldSyncBackendCpuMs,
      coldSyncSimulatorCpuMs: sync.coldSyncSimulatorCpuMs,
      settle: sync.settle,
      viewSize: viewSize()!,
      memory: sync.memory,
      firstView: firstViewFigures,
      sequential: sequentialFigures,
      concurrent: concurrentFigures,
      stress: stressFigures,
      org,
      livePage: livePageFigures,
      ratios: {
        kmopOverKubernetesP50:
          sequentialFigures.kmop.p50Ms / sequentialFigures.kubernetes.p50Ms,
        kmopOverFloorP50:
          sequentialFigures.kmop.p50Ms / sequentialFigures.floor.p50Ms,
        kmopFirstViewOverFloorP50:
          firstViewFigures.kmop.p50Ms / firstViewFigures.floor.p50Ms,
        kmopOverFloorThroughput:
          concurrentFigures.kmop.requestsPerSecond /
          concurrentFigures.floor.requestsPerSecond,
        kmopOverFloorStressP99:
          stressFigures.kmop.p99Ms / stressFigures.floor.p99Ms,
        orgOverFloorP50: org.org.p50Ms / org.floor.p50Ms,
        kmopNotModifiedOverFloorP50:
          concurrentFigures.kmopNotModified!.p50Ms /
          concurrentFigures.floor.p50Ms,
        kmopNotModifiedOverFloorThroughput:
          concurrentFigures.kmopNotModified!.requestsPerSecond /
          concurrentFigures.floor.requestsPerSecond,
      },
      scaffolder: {
        generateValidateKmopMs: scaffolder.kmopMs,
        generateValidateNativeMs: scaffolder.nativeMs,
      },
      ...(profileFigures ? { profile: profileFigures } : {}),
      failures: run.failures,
    };
  } catch (error) {
    throw withBackendLog(error, backend);
  } finally {
    await backend?.stop();
    keepBackendLog(backend, failures);
    await Promise.all(sims.map(s => s.close()));
    rmSync(workDir, { recursive: true, force: true });
  }
}
