import { Entity } from '@backstage/catalog-model';
import { KubeSim } from '@kmop/kube-sim';
import { BenchBackend } from '../backend/BenchBackend';
import { ClusterObjects } from '../objects';
import { BenchOptions } from '../options';

/** A route of a stage whose requests did not all succeed: the run fails. */
export interface StageFailure {
  stage: string;
  route: string;
  errors: number;
  requests: number;
  firstError?: string;
  /** A copy of the backend's log, kept after the run; and its first error lines. */
  backendLog?: { file: string; errors: string[] };
}

/** What the stages of one run share: the clusters, the backend, the caller. */
export interface BenchRun {
  options: BenchOptions;
  log: (line: string) => void;
  sims: KubeSim[];
  generated: ClusterObjects;
  /** Entities `svc-0` … the requests go to. */
  entities: number;
  entityList: Entity[];
  backend: BenchBackend;
  token: string;
  /** The ETag of each entity's view, as a page holds it after its first read. */
  etags: string[];
  /** Routes of stages whose requests failed, in the order met. */
  failures: StageFailure[];
}
