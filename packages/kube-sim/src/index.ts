/**
 * A Kubernetes API server simulator: discovery, CRDs, get/list/watch/create/update/patch/
 * delete with Kubernetes' own shapes and status codes, fault injection, seeds and a demo
 * mode, for demos, integration tests and benchmarks.
 *
 * @packageDocumentation
 */

export { startKubeSim } from './server';
export type { KubeSim, KubeSimOptions } from './server';
export { generateKubeSimTls } from './api/tls';
export type { KubeSimTls } from './api/tls';
export type { SimStore } from './writes/simStore';
export { Faults } from './faults/faults';
export type {
  DownMode,
  ErrorFault,
  FaultState,
  FaultTarget,
} from './faults/faults';
export type { FaultRequest } from './api/admin';
export { freePort, startPrometheus } from './prometheus/prometheus';
export type { CounterSeries, PrometheusServer } from './prometheus/prometheus';
export { ApiError } from './errors';
export type { Status, StatusDetails } from './errors';
export type {
  KubeObject,
  ObjectMeta,
  ObjectRef,
  OwnerReference,
} from './types';
