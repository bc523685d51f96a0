import { z } from 'zod/v3';
import { duplicateViolations, withRules } from './rules';

const CONDITION_TYPE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const CONDITION_REASON = /^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/;

/**
 * Kubernetes' standard condition (`metav1.Condition`), with `reason` optional as the KMOP contract has it.
 *
 * @public
 */
export const conditionSchema = z
  .object({
    type: z
      .string()
      .max(316)
      .regex(CONDITION_TYPE, {
        message:
          'must be a condition type in CamelCase, optionally prefixed with a DNS-1123 subdomain and /',
      })
      .describe(
        'Type of the condition, e.g. `Ready`, `Accepted`, `ResolvedRefs`.',
      ),
    status: z
      .enum(['True', 'False', 'Unknown'])
      .describe('Whether the condition holds.'),
    reason: z
      .string()
      .max(1024)
      .regex(CONDITION_REASON, {
        message: 'must be a CamelCase reason (letters, digits, _ , and :)',
      })
      .optional()
      .describe('Machine-readable CamelCase reason for the last transition.'),
    message: z
      .string()
      .max(32768)
      .optional()
      .describe('Human-readable details about the last transition.'),
    lastTransitionTime: z
      .string()
      .datetime({ offset: true })
      .optional()
      .describe('When the status last changed (RFC 3339).'),
    observedGeneration: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('The `metadata.generation` the condition was computed from.'),
  })
  .strict();

/**
 * A status condition.
 *
 * @public
 */
export type KmopCondition = z.infer<typeof conditionSchema>;

/**
 * The `conditions` list every KMOP status carries, one entry per type.
 *
 * @public
 */
export const conditionsSchema = withRules(
  z.array(conditionSchema),
  [
    {
      description: 'Each condition type appears at most once.',
      check: conditions =>
        duplicateViolations(
          conditions,
          c => c.type,
          i => [i, 'type'],
          'condition type',
        ),
    },
  ],
  { listMapKeys: ['type'] },
);

/**
 * The `observedGeneration` every KMOP status carries.
 *
 * @public
 */
export const observedGenerationSchema = z.number().int().min(0);
