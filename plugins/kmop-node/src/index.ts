/**
 * Cluster configuration and Kubernetes clients shared by the KMOP backend and
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
