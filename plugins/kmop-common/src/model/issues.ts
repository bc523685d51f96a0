import { z } from 'zod/v3';

/**
 * One problem with a resource: the field, and what is wrong with it.
 *
 * @public
 */
export interface KmopValidationError {
  /** Field path such as `spec.canary.steps[2].setWeight`; empty for the document itself. */
  path: string;
  /** What the field must be, e.g. `must be ≤ 100` or `is required`. */
  message: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Formats a path as `spec.canary.steps[2].setWeight` (odd keys as `labels["app.kubernetes.io/name"]`).
 *
 * @public
 */
export function formatPath(path: readonly (string | number)[]): string {
  let formatted = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      formatted += `[${segment}]`;
    } else if (IDENTIFIER.test(segment)) {
      formatted += formatted ? `.${segment}` : segment;
    } else {
      formatted += `[${JSON.stringify(segment)}]`;
    }
  }
  return formatted;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** zod names the values of an enum given a non-string as `'a' | 'b'`. */
function expectedWords(expected: string): string {
  if (TYPE_WORDS[expected]) {
    return TYPE_WORDS[expected];
  }
  const values = expected.split(' | ').map(v => v.replace(/^'|'$/g, ''));
  return values.length > 1 ? `one of: ${values.join(', ')}` : values[0];
}

function plural(count: number | bigint, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function sizeMessage(
  issue: z.ZodTooSmallIssue | z.ZodTooBigIssue,
  bound: number | bigint,
): string {
  const small = issue.code === z.ZodIssueCode.too_small;
  const limit = small ? 'at least' : 'at most';
  switch (issue.type) {
    case 'string':
      if (small && bound === 1) {
        return 'must not be empty';
      }
      return `must be ${limit} ${plural(bound, 'character')}`;
    case 'array':
    case 'set':
      return `must have ${limit} ${plural(bound, 'item')}`;
    default: {
      if (issue.exact) {
        return `must be ${bound}`;
      }
      const inclusive = small ? '≥' : '≤';
      const exclusive = small ? '>' : '<';
      return `must be ${issue.inclusive ? inclusive : exclusive} ${bound}`;
    }
  }
}

function stringMessage(issue: z.ZodInvalidStringIssue): string {
  switch (issue.validation) {
    case 'url':
      return 'must be a URL';
    case 'datetime':
      return 'must be an RFC 3339 date-time such as 2024-01-02T03:04:05Z';
    default:
      return 'has an invalid format';
  }
}

function readableMessage(issue: z.ZodIssue): string {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') {
        return 'is required';
      }
      return `must be ${expectedWords(issue.expected)}`;
    case z.ZodIssueCode.invalid_literal:
      return issue.received === undefined
        ? 'is required'
        : `must be ${String(issue.expected)}`;
    case z.ZodIssueCode.invalid_enum_value:
      return `must be one of: ${issue.options.join(', ')}`;
    case z.ZodIssueCode.invalid_union_discriminator:
      return `must be one of: ${issue.options.map(String).join(', ')}`;
    case z.ZodIssueCode.invalid_union:
      return 'does not match any allowed form';
    case z.ZodIssueCode.too_small:
      return sizeMessage(issue, issue.minimum);
    case z.ZodIssueCode.too_big:
      return sizeMessage(issue, issue.maximum);
    case z.ZodIssueCode.invalid_string:
      return stringMessage(issue);
    case z.ZodIssueCode.not_multiple_of:
      return `must be a multiple of ${issue.multipleOf}`;
    default:
      return issue.message;
  }
}

/**
 * True when the schema gave the issue its own message. zod fills in its default message only
 * when none was given, so a message that differs from the default was written by us.
 */
function hasOwnMessage(issue: z.ZodIssue): boolean {
  const fallback = z.defaultErrorMap(issue, {
    defaultError: issue.message,
    data: undefined,
  }).message;
  return issue.message !== fallback;
}

/**
 * Turns zod issues into readable errors, one per field and problem, in document order.
 *
 * @public
 */
export function toValidationErrors(
  issues: readonly z.ZodIssue[],
  basePath: readonly (string | number)[] = [],
): KmopValidationError[] {
  const errors: KmopValidationError[] = [];
  const seen = new Set<string>();
  const add = (path: readonly (string | number)[], message: string) => {
    const error = { path: formatPath([...basePath, ...path]), message };
    const key = `${error.path}\u0000${error.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(error);
    }
  };
  for (const issue of issues) {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      for (const key of issue.keys) {
        add([...issue.path, key], 'is not a known field');
      }
    } else if (issue.code === z.ZodIssueCode.custom || hasOwnMessage(issue)) {
      add(issue.path, issue.message);
    } else {
      add(issue.path, readableMessage(issue));
    }
  }
  return errors;
}
