import type { ZodErrorMap } from 'zod/v3';

/**
 * The error map of KMOP's action inputs: each problem a sentence that names the field and what
 * was expected (`health: expected one of ok, progressing, degraded, unknown, got fine`).
 *
 * The actions registry checks an action's input against its schema before the action runs
 * and answers `InputError: Invalid input to action "kmop:…"; caused by [ … ]`, the brackets
 * holding zod's issues as JSON. KMOP cannot change that frame, but each issue's `message` is
 * made here. zod applies a schema's error map only to the problems that schema itself finds,
 * so every field of an input schema is built with `{ errorMap: inputErrors }`, and the object
 * too (for unknown fields).
 */
export const inputErrors: ZodErrorMap = (issue, ctx) => {
  const field = issue.path.length ? issue.path.join('.') : 'the input';
  switch (issue.code) {
    case 'invalid_type':
      return {
        message:
          issue.received === 'undefined'
            ? `${field} is required: expected ${issue.expected}`
            : `${field}: expected ${issue.expected}, got ${issue.received}`,
      };
    case 'invalid_enum_value':
      return {
        message: `${field}: expected one of ${issue.options.join(
          ', ',
        )}, got ${String(issue.received)}`,
      };
    case 'unrecognized_keys':
      return {
        message: `${field} has ${
          issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'
        }: ${issue.keys.join(', ')}`,
      };
    default:
      return { message: `${field}: ${ctx.defaultError}` };
  }
};
