/**
 * Cluster configuration, Kubernetes clients, the shared cluster cache, manifest
 * validation and the golden path's manifest generation, shared by the KMOP backend and
 * the KMOP scaffolder module.
 *
 * @packageDocumentation
 */
export * from './config/types';
export * from './auth';
export * from './clusters';
export * from './client/KubeClient';
export * from './client/KubeRequestError';
export * from './client/discovery';
export * from './client/applyServerSide';
export * from './cache';
export * from './manifests';
export * from './generate';
