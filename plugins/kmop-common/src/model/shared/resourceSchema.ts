import { z } from 'zod/v3';
import { KMOP_API_VERSION, KMOP_KINDS, KmopKind } from '../constants';
import { objectMetaSchema } from './metadata';

/** The full object schema of a KMOP kind: apiVersion, kind, metadata, spec and optional status. */
export function kmopResourceSchema<
  K extends KmopKind,
  Spec extends z.ZodTypeAny,
  Status extends z.ZodTypeAny,
>(kind: K, spec: Spec, status: Status) {
  return z
    .object({
      apiVersion: z
        .literal(KMOP_API_VERSION)
        .describe(`API version of the resource: \`${KMOP_API_VERSION}\`.`),
      kind: z.literal(kind).describe(`Kind of the resource: \`${kind}\`.`),
      metadata: objectMetaSchema,
      spec,
      status: status
        .optional()
        .describe(
          'What the KMOP operator last observed; written by the operator, never by hand.',
        ),
    })
    .strict()
    .describe(KMOP_KINDS[kind].description);
}
