import { z } from 'zod/v3';

/** One native object the KMOP operator rendered from a resource. */
export const childRefSchema = z
  .object({
    apiVersion: z.string().max(316).describe('apiVersion of the object.'),
    kind: z.string().max(63).describe('Kind of the object.'),
    name: z
      .string()
      .max(253)
      .describe('Name of the object, in the resource’s namespace.'),
  })
  .strict();

/** The `children` list of a KMOP status: what the operator rendered and applied. */
export const childrenSchema = z
  .array(childRefSchema)
  .describe(
    'The native objects the KMOP operator rendered from this resource and keeps as declared.',
  );

/** A native object the operator rendered. */
export type KmopChildRef = z.infer<typeof childRefSchema>;
