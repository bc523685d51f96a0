import { z } from 'zod/v3';

/** A CEL rule for the CRD's `x-kubernetes-validations`. */
export interface CrdValidationRule {
  rule: string;
  message: string;
}

/**
 * What a zod schema node adds to its CRD schema beyond what zod-to-json-schema can express,
 * plus the rules in words for the reference docs.
 */
export interface CrdAnnotations {
  /** CEL rules the API server evaluates (`x-kubernetes-validations`). */
  validations?: CrdValidationRule[];
  /** Fields of which exactly one must be set, emitted as `oneOf` of `required` lists. */
  exactlyOneOf?: string[];
  /** For arrays of objects: the keys that identify an item (`x-kubernetes-list-type: map`). */
  listMapKeys?: string[];
  /** For arrays of scalars: items must be unique (`x-kubernetes-list-type: set`). */
  listSet?: boolean;
  /** Rules in words, listed in the reference docs. */
  notes?: string[];
}

/** A zod definition carrying CRD annotations. */
export interface AnnotatedDef extends z.ZodTypeDef {
  kmopCrd?: CrdAnnotations;
}

function merge(a: CrdAnnotations = {}, b: CrdAnnotations): CrdAnnotations {
  return {
    validations: [...(a.validations ?? []), ...(b.validations ?? [])],
    exactlyOneOf: b.exactlyOneOf ?? a.exactlyOneOf,
    listMapKeys: b.listMapKeys ?? a.listMapKeys,
    listSet: b.listSet ?? a.listSet,
    notes: [...(a.notes ?? []), ...(b.notes ?? [])],
  };
}

/**
 * A copy of `schema` carrying CRD annotations. They live on the zod definition because zod copies
 * the definition when a schema is described or refined, and zod-to-json-schema hands each
 * definition to its `postProcess` hook, where {@link crdAnnotationsOf} reads them back.
 */
export function annotateCrd<T extends z.ZodTypeAny>(
  schema: T,
  annotations: CrdAnnotations,
): T {
  const def: AnnotatedDef = schema._def;
  const Schema = schema.constructor as new (definition: AnnotatedDef) => T;
  return new Schema({ ...def, kmopCrd: merge(def.kmopCrd, annotations) });
}

/** The CRD annotations of a zod definition, if any. */
export function crdAnnotationsOf(
  def: z.ZodTypeDef,
): CrdAnnotations | undefined {
  return (def as AnnotatedDef).kmopCrd;
}
