import { InputError } from '@backstage/errors';
import type { ZodIssue } from 'zod/v3';
import { formatIssues } from './formatIssues';

/**
 * The part of a zod schema `parseInput` needs, whichever copy of zod built it.
 *
 * @public
 */
export interface SafeParser<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: unknown[] } };
}

/**
 * Parses an action's input with its zod schema. The scaffolder checks the
 * JSON Schema before calling a handler, but defaults, refinements and the
 * field-by-field messages only come from zod itself.
 *
 * @public
 */
export function parseInput<T>(schema: SafeParser<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues as ZodIssue[];
    throw new InputError(formatIssues('input', issues).join('; '));
  }
  return result.data;
}
