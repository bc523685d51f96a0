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

// The annotations, by the refinement that carries them. zod keeps a refinement function as it
// was given in the ZodEffects node it makes, and zod-to-json-schema hands each node's
// definition to its `postProcess` hook, where crdAnnotationsOf finds the function again: the
// annotations need no copy of a schema through zod's internals, and survive `.describe()`,
// `.optional()` and `.default()`, which wrap or copy the node but keep its refinement.
const annotationsByRefinement = new WeakMap<object, CrdAnnotations>();

/** `a` and then `b`: lists are joined, single settings taken from `b` where it sets them. */
export function mergeCrdAnnotations(
  a: CrdAnnotations = {},
  b: CrdAnnotations = {},
): CrdAnnotations {
  return {
    validations: [...(a.validations ?? []), ...(b.validations ?? [])],
    exactlyOneOf: b.exactlyOneOf ?? a.exactlyOneOf,
    listMapKeys: b.listMapKeys ?? a.listMapKeys,
    listSet: b.listSet ?? a.listSet,
    notes: [...(a.notes ?? []), ...(b.notes ?? [])],
  };
}

/**
 * `schema` refined by `check` (a zod `superRefine`), with CRD annotations that say the same
 * rules to the API server. Without `check` the annotations add nothing to zod's own checks:
 * the schema already enforces them, or they are the API server's alone (list types).
 */
export function annotateCrd<T extends z.ZodTypeAny>(
  schema: T,
  annotations: CrdAnnotations,
  check: (value: z.output<T>, ctx: z.RefinementCtx) => void = () => {},
): z.ZodEffects<T> {
  // A function of its own for each call, so two annotated schemas never share annotations.
  const refinement = (value: z.output<T>, ctx: z.RefinementCtx) =>
    check(value, ctx);
  annotationsByRefinement.set(refinement, annotations);
  return schema.superRefine(refinement);
}

/**
 * The CRD annotations of a zod definition as zod-to-json-schema's `postProcess` hook receives
 * it: those of its refinement, if {@link annotateCrd} made it.
 */
export function crdAnnotationsOf(
  def: z.ZodTypeDef,
): CrdAnnotations | undefined {
  if (!('effect' in def)) {
    return undefined;
  }
  const effect = def.effect;
  return typeof effect === 'object' &&
    effect !== null &&
    'refinement' in effect &&
    typeof effect.refinement === 'function'
    ? annotationsByRefinement.get(effect.refinement)
    : undefined;
}
