import { LivePageFigures } from './livePage';
import { BenchOptions } from './options';
import { ProfileFrame } from './profile';
import type { ColdSyncFigures } from './stages/coldSync';
import { StageFailure } from './stages/context';
import { PrometheusFigures } from './stages/prometheus';
import { RouteFigures } from './stages/requestStage';

export type { RouteFigures } from './stages/requestStage';
export type { StageFailure } from './stages/context';

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
  /** The bench's own process (the simulated clusters) over the cold sync. */
  coldSyncSimulatorCpuMs: number;
  /** From the end of the sync to a settled heap (the cache writing held fields as text). */
  settle: ColdSyncFigures['settle'];
  /** One KMOP view as sent, as `NODE_ENV=development` pretty-prints it, and gzipped. */
  viewSize: { bytes: number; prettyBytes: number; gzipBytes: number };
  memory: ColdSyncFigures['memory'];
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
  /**
   * Prometheus queries per minute with 1 and with 50 open pages of one entity, from
   * a backend of its own; or why the stage was left out.
   */
  prometheus: PrometheusFigures | { skipped: string };
  /** Routes of stages whose requests failed: the run fails (`yarn bench` exits 1). */
  failures: StageFailure[];
  durationS: number;
}

export interface ProfileSummary {
  file: string;
  samples: number;
  self: ProfileFrame[];
  total: ProfileFrame[];
}
