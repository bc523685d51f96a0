/**
 * A Kubernetes API server simulator: discovery, CRDs, get/list/watch/create/update/patch/
 * delete with Kubernetes' own shapes and status codes, fault injection, seeds and a demo
 * mode, for demos, integration tests and benchmarks.
 *
 * @packageDocumentation
 */

export { startKubeSim } from './server';
export type { KubeSim, KubeSimOptions } from './server';
export { generateKubeSimTls } from './tls';
export type { KubeSimTls } from './tls';
export type { SimStore } from './simStore';
export { Faults } from './faults';
export type { DownMode, ErrorFault, FaultState, FaultTarget } from './faults';
export type { FaultRequest } from './admin';
export { ApiError } from './errors';
export type { Status, StatusDetails } from './errors';
export type {
  KubeObject,
  ObjectMeta,
  ObjectRef,
  OwnerReference,
} from './types';
