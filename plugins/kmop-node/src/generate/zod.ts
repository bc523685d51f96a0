import type { z, ZodTypeAny } from 'zod/v3';

/**
 * The zod v3 API that schema builders take (`zod/v3` of the one zod package KMOP shares with
 * Backstage). Builders receive the instance to build with instead of importing one, as the
 * scaffolder and the actions registry hand theirs to an action's schema builders.
 *
 * @public
 */
export type KmopZod = typeof z;

/**
 * A schema of the KMOP model (kmop-common), for use inside a builder's schema, so a field's
 * format and message are written once, in the model. Each call returns a fresh instance
 * (`describe` returns a new schema with the same checks): zod-to-json-schema, which the
 * scaffolder and the actions registry use, writes an instance met twice as a `$ref`, which an
 * action's input schema should not contain. An empty description is left out of JSON Schema.
 */
export function modelSchema<S extends ZodTypeAny>(schema: S): S {
  return schema.describe(schema.description ?? '');
}
