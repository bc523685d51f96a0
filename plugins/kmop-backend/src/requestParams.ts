import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

// The catalog's own rules for kinds, namespaces and names.
const entityPart = z
  .string()
  .min(1)
  .max(63)
  .regex(/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/, {
    message:
      'must be 1–63 letters, digits, "-", "_" or "." and start and end with a letter or digit',
  });
const entityParams = z.object({
  kind: entityPart,
  namespace: entityPart,
  name: entityPart,
});

/**
 * `value` parsed by `schema`, or a 400 InputError naming the first wrong field:
 * `Invalid <what> <field>: <problem>`.
 */
export function parseRequest<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    throw new InputError(
      `Invalid ${what}${field ? ` ${field}` : ''}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** The `:kind/:namespace/:name` of an entity route, checked as the catalog checks them. */
export function parseEntityParams(params: unknown) {
  return parseRequest(entityParams, params, 'entity');
}
