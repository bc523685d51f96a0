import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
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

/**
 * A schema of the KMOP model (kmop-common), for use inside an action's schema.
 * The model and the scaffolder both build zod v3 schemas (the scaffolder's
 * `zod/v3` of zod 4, the model's zod 3), which parse each other and which the
 * scaffolder's zod-to-json-schema reads alike; only their TypeScript types
 * come from different copies. So a field is described once, in the model.
 */
export function modelSchema<T>(schema: {
  _output: T;
}): ReturnType<ScaffolderZod['custom']> & { _output: T } {
  return schema as unknown as ReturnType<ScaffolderZod['custom']> & {
    _output: T;
  };
}
