import { z } from 'zod/v3';
import {
  CrdAnnotations,
  annotateCrd,
  mergeCrdAnnotations,
} from './crdAnnotations';

/** One problem a cross-field rule found, relative to the object it checks. */
export interface RuleViolation {
  path: (string | number)[];
  message: string;
}

/** A rule that compares fields of one object. */
export interface ObjectRule<T> {
  /** The rule in words, for the reference docs (and the CRD message when `cel` is set). */
  description: string;
  /** The problems `value` has; empty when it keeps the rule. */
  check(value: T): RuleViolation[];
  /** The same rule in CEL, when CEL can say it, so the API server enforces it too. */
  cel?: string;
}

/**
 * `schema` with cross-field rules. The rules run after the fields parse without type errors
 * (zod skips refinements of an object whose fields are missing or of the wrong type).
 * `annotations` adds what the CRD says of the node besides the rules (e.g. its list type).
 */
export function withRules<T extends z.ZodTypeAny>(
  schema: T,
  rules: ObjectRule<z.output<T>>[],
  annotations: CrdAnnotations = {},
): z.ZodEffects<T> {
  return annotateCrd(
    schema,
    mergeCrdAnnotations(annotations, {
      validations: rules.flatMap(r =>
        r.cel ? [{ rule: r.cel, message: r.description }] : [],
      ),
      notes: rules.map(r => r.description),
    }),
    (value, ctx) => {
      for (const rule of rules) {
        for (const violation of rule.check(value)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: violation.path,
            message: violation.message,
          });
        }
      }
    },
  );
}

function listWords(fields: string[]): string {
  return fields.length <= 2
    ? fields.join(' or ')
    : `${fields.slice(0, -1).join(', ')} or ${fields[fields.length - 1]}`;
}

/**
 * Exactly one of `fields` must be set. Besides the zod check, the CRD gets a `oneOf` of
 * `required` lists, which the API server evaluates as a structural value validation.
 */
export function withExactlyOneOf<T extends z.AnyZodObject>(
  schema: T,
  fields: (keyof z.output<T> & string)[],
): z.ZodEffects<T> {
  const description = `Exactly one of ${listWords(
    fields.map(f => `\`${f}\``),
  )} must be set.`;
  return annotateCrd(
    schema,
    { exactlyOneOf: fields, notes: [description] },
    (value: Record<string, unknown>, ctx) => {
      const present = fields.filter(f => value[f] !== undefined);
      if (present.length === 1) {
        return;
      }
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [],
        message:
          present.length === 0
            ? `must set exactly one of: ${fields.join(', ')}`
            : `must set only one of: ${fields.join(', ')} (found ${present.join(
                ' and ',
              )})`,
      });
    },
  );
}

/** Violations for items of `values` that repeat an earlier item's key. */
export function duplicateViolations<T>(
  values: readonly T[],
  key: (value: T) => string | number | undefined,
  pathOf: (index: number) => (string | number)[],
  what: string,
): RuleViolation[] {
  const firstIndex = new Map<string | number, number>();
  const violations: RuleViolation[] = [];
  values.forEach((value, index) => {
    const k = key(value);
    if (k === undefined) {
      return;
    }
    const first = firstIndex.get(k);
    if (first === undefined) {
      firstIndex.set(k, index);
    } else {
      violations.push({
        path: pathOf(index),
        message: `must be unique: ${what} ${JSON.stringify(
          k,
        )} is also used by item ${first}`,
      });
    }
  });
  return violations;
}
