/**
 * The KMOP operator: reconciles kmop.dev resources into the native objects they compile to.
 *
 * @packageDocumentation
 */

export { startOperator } from './operator';
export type { OperatorOptions, RunningOperator } from './operator';
export { render, asChild, FIELD_MANAGER, MANAGED_BY } from './render';
export type { RenderResult, RenderOptions } from './render';
export { TARGETS_ANNOTATION, DEFAULT_TARGETS, parseTargets } from './targets';
export { CHILD_RESOURCES, KMOP_RESOURCES } from './resources';
export { main, parseCliArgs, USAGE } from './cli';
