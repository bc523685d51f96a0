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
 * A schema of the KMOP model (kmop-common), for use inside an action's schema,
 * so a field's format and message are written once, in the model. The model
 * and the scaffolder both build zod v3 schemas (the model with zod 3, the
 * scaffolder with zod 4's `zod/v3`): they parse inside each other and the
 * scaffolder's zod-to-json-schema reads them alike; only their TypeScript
 * types come from different copies, hence the cast. Each call returns a fresh
 * copy: zod-to-json-schema writes a schema met twice as a `$ref`, which an
 * action's input schema should not contain.
 */
export function modelSchema<T>(schema: {
  _output: T;
}): ReturnType<ScaffolderZod['custom']> & { _output: T } {
  const { constructor: Schema, _def: def } = schema as unknown as {
    constructor: new (d: unknown) => unknown;
    _def: object;
  };
  return new Schema({ ...def }) as ReturnType<ScaffolderZod['custom']> & {
    _output: T;
  };
}
