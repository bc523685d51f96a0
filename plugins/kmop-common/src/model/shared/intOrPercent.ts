import { z } from 'zod/v3';

const PERCENT = /^(100|[1-9]?[0-9])%$/;
const INT_OR_PERCENT_MESSAGE =
  'must be a whole number ≥ 0 or a percentage from 0% to 100% (such as 25%)';

/**
 * A count or a percentage, Kubernetes' IntOrString as used by `maxSurge`, `maxUnavailable` and
 * `minAvailable`. The CRD generator turns this union into `x-kubernetes-int-or-string`.
 *
 * @public
 */
export const intOrPercentSchema = z.union(
  [
    z.number().int().min(0),
    z.string().regex(PERCENT, { message: INT_OR_PERCENT_MESSAGE }),
  ],
  { errorMap: () => ({ message: INT_OR_PERCENT_MESSAGE }) },
);

/**
 * A value of {@link intOrPercentSchema}.
 *
 * @public
 */
export type IntOrPercent = z.infer<typeof intOrPercentSchema>;

/**
 * True for `0` and `0%`: Kubernetes forbids both rolling-update limits being zero.
 *
 * @public
 */
export function isZeroIntOrPercent(value: IntOrPercent): boolean {
  return value === 0 || value === '0%';
}
