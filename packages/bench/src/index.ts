/**
 * `yarn bench`: KMOP's entity view against Backstage's Kubernetes backend and an
 * authenticated no-op route, in one Backstage backend, on simulated clusters.
 *
 * @packageDocumentation
 */
export { runBench } from './runBench';
export type {
  BenchResult,
  RouteFigures,
  StageFailure,
  StageFigures,
} from './runBench';
export { DEFAULT_OPTIONS, SHORT_OPTIONS, parseBenchArgs } from './options';
export type { BenchOptions } from './options';
export { formatReport } from './report';
