import { z } from 'zod/v3';

/*
 * Kubernetes resource quantities in the forms people write (`250m`, `1`, `0.5`, `512Mi`, `2G`).
 * The exponent form (`1e3`) that Kubernetes also accepts is left out on purpose: nobody writes it
 * in a service definition and it would make the pattern hard to read.
 */

const QUANTITY =
  /^([0-9]+(\.[0-9]+)?|\.[0-9]+)(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const QUANTITY_MESSAGE =
  'must be a Kubernetes quantity such as 250m, 1, 0.5 or 512Mi';

const SUFFIX_FACTOR: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * A CPU or memory quantity: a whole number, or a string such as `250m` or `512Mi`.
 *
 * @public
 */
export const quantitySchema = z.union(
  [
    z.number().int().min(0),
    z.string().regex(QUANTITY, { message: QUANTITY_MESSAGE }),
  ],
  { errorMap: () => ({ message: QUANTITY_MESSAGE }) },
);

/**
 * A value of {@link quantitySchema}.
 *
 * @public
 */
export type Quantity = z.infer<typeof quantitySchema>;

/**
 * The numeric value of a quantity (`250m` → 0.25, `1Ki` → 1024), or `undefined` if it is not one.
 *
 * @public
 */
export function quantityToNumber(value: Quantity): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  const match = QUANTITY.exec(value);
  if (!match) {
    return undefined;
  }
  const suffix = match[3] ?? '';
  return (
    Number(value.slice(0, value.length - suffix.length)) * SUFFIX_FACTOR[suffix]
  );
}
