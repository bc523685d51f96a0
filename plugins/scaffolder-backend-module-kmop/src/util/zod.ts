import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
import type { KmopZod } from '@kmop/plugin-kmop-node';
import { z as localZod } from 'zod/v3';

/**
 * The zod instance the scaffolder hands to action schema builders. Its types
 * come from the scaffolder's own copy of zod, which this package cannot
 * import directly.
 */
export type ScaffolderZod = Parameters<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>[string]
>[0];

/**
 * The same zod v3 API from this package's dependency, typed as the
 * scaffolder's, so one schema builder serves both the action's JSON Schema
 * (built by the scaffolder) and the parsing inside the handler.
 */
export const zod = localZod as unknown as ScaffolderZod;

/** The same zod v3 API typed as kmop-node's, for its schema builders. */
export const kmopZod: KmopZod = localZod;

/**
 * A schema builder written against kmop-node's zod (the golden-path input and
 * the shared fields live there), typed as one the scaffolder takes. Both are
 * the zod v3 API; only the copies differ, so the scaffolder's instance builds
 * the same schema at run time.
 */
export function asScaffolderSchema<T>(
  build: (z: KmopZod) => T,
): (z: ScaffolderZod) => ReturnType<ScaffolderZod['object']> {
  return build as unknown as (
    z: ScaffolderZod,
  ) => ReturnType<ScaffolderZod['object']>;
}
