import type { z } from 'zod/v3';

/**
 * The zod v3 API that schema builders take. Builders receive the instance to
 * build with instead of importing one, so the scaffolder and the actions
 * registry can each build the schema with their own copy of zod.
 *
 * @public
 */
export type KmopZod = typeof z;

/**
 * A schema of the KMOP model (kmop-common), for use inside a builder's schema,
 * so a field's format and message are written once, in the model. The model
 * builds with zod 3, the scaffolder and the actions registry with zod 4's
 * `zod/v3`: they parse inside each other and zod-to-json-schema reads them
 * alike. Each call returns a fresh copy: zod-to-json-schema writes a schema
 * met twice as a `$ref`, which an action's input schema should not contain.
 */
export function modelSchema<T>(schema: {
  _output: T;
}): ReturnType<KmopZod['custom']> & { _output: T } {
  const { constructor: Schema, _def: def } = schema as unknown as {
    constructor: new (d: unknown) => unknown;
    _def: object;
  };
  return new Schema({ ...def }) as ReturnType<KmopZod['custom']> & {
    _output: T;
  };
}
