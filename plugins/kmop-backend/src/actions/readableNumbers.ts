/**
 * Significant digits kept in an agent's answer: enough that an SLI of 0.99987 still reads
 * below an objective of 0.9999, few enough that arithmetic noise (15.999999999774273) reads
 * as the number a person would say (16).
 */
const SIGNIFICANT_DIGITS = 6;

/**
 * A copy of `value` with every non-integer number rounded to {@link SIGNIFICANT_DIGITS}
 * significant digits; strings, integers and structure are kept as they are.
 */
export function readableNumbers<T>(value: T): T {
  if (typeof value === 'number') {
    return (
      Number.isFinite(value) && !Number.isInteger(value)
        ? Number(value.toPrecision(SIGNIFICANT_DIGITS))
        : value
    ) as T;
  }
  if (Array.isArray(value)) return value.map(readableNumbers) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, readableNumbers(v)]),
    ) as T;
  }
  return value;
}
