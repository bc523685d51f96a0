/**
 * The KMOP resource model, entity annotations, view model, normalizers, SLO math,
 * compilers and permissions, shared by the KMOP frontend, backend and scaffolder module.
 *
 * @packageDocumentation
 */
export * from './view';
export * from './release/operations';
export * from './release/patches';
export * from './normalizers';
export * from './slo';
export * from './release';
export * from './model';
export * from './entity';
export * from './permissions';
export * from './compilers';
export * from './duration';
export * from './util';
export * from './readiness';
