import { z } from 'zod/v3';
import {
  conditionsSchema,
  dns1123LabelSchema,
  dns1123SubdomainSchema,
  durationSchema,
  intOrPercentSchema,
  isZeroIntOrPercent,
  kmopResourceSchema,
  observedGenerationSchema,
  withExactlyOneOf,
  withRules,
  childrenSchema,
} from './shared';

const rollingSchema = withRules(
  z
    .object({
      maxSurge: intOrPercentSchema
        .default('25%')
        .describe(
          'Pods above the desired count during the update (count or percentage).',
        ),
      maxUnavailable: intOrPercentSchema
        .default('25%')
        .describe(
          'Pods that may be unavailable during the update (count or percentage).',
        ),
    })
    .strict(),
  [
    {
      description: '`maxSurge` and `maxUnavailable` must not both be 0.',
      check: value =>
        isZeroIntOrPercent(value.maxSurge) &&
        isZeroIntOrPercent(value.maxUnavailable)
          ? [
              {
                path: ['maxUnavailable'],
                message: 'must not be 0 when maxSurge is 0',
              },
            ]
          : [],
    },
  ],
);

const canaryStepSchema = withExactlyOneOf(
  z
    .object({
      setWeight: z
        .number()
        .int()
        .min(0)
        .max(100)
        .optional()
        .describe('Sends this percentage of traffic to the canary.'),
      pause: z
        .object({
          duration: durationSchema
            .optional()
            .describe('How long to wait; when absent, until promoted by hand.'),
        })
        .strict()
        .optional()
        .describe('Waits before the next step.'),
      analysis: z
        .object({
          templates: z
            .array(dns1123SubdomainSchema)
            .min(1)
            .describe('Names of the analysis templates to run.'),
        })
        .strict()
        .optional()
        .describe('Runs analysis templates; the rollout aborts if they fail.'),
    })
    .strict(),
  ['setWeight', 'pause', 'analysis'],
);

const canarySchema = withRules(
  z
    .object({
      steps: z
        .array(canaryStepSchema)
        .min(1)
        .describe('Steps of the canary, in order.'),
      canaryService: dns1123LabelSchema
        .optional()
        .describe('Service that selects only canary pods.'),
      stableService: dns1123LabelSchema
        .optional()
        .describe('Service that selects only stable pods.'),
    })
    .strict(),
  [
    {
      description: '`canaryService` and `stableService` must differ.',
      cel: '!has(self.canaryService) || !has(self.stableService) || self.canaryService != self.stableService',
      check: value =>
        value.canaryService !== undefined &&
        value.canaryService === value.stableService
          ? [
              {
                path: ['stableService'],
                message: 'must differ from canaryService',
              },
            ]
          : [],
    },
  ],
);

const blueGreenSchema = withRules(
  z
    .object({
      activeService: dns1123LabelSchema.describe(
        'Service that sends production traffic to the active version.',
      ),
      previewService: dns1123LabelSchema.describe(
        'Service that reaches the new version before it is promoted.',
      ),
      autoPromotionEnabled: z
        .boolean()
        .default(false)
        .describe('Promotes the new version without a person.'),
      autoPromotionSeconds: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('Seconds to wait before promoting automatically.'),
    })
    .strict(),
  [
    {
      description: '`activeService` and `previewService` must differ.',
      cel: 'self.activeService != self.previewService',
      check: value =>
        value.activeService === value.previewService
          ? [
              {
                path: ['previewService'],
                message: 'must differ from activeService',
              },
            ]
          : [],
    },
  ],
);

const sloGateSchema = z
  .object({
    sloRef: dns1123SubdomainSchema.describe(
      'Name of a ServiceLevelObjective in the same namespace.',
    ),
    maxBurnRate: z
      .number()
      .gt(0)
      .describe(
        'Highest burn rate at which the rollout may continue (e.g. `2`).',
      ),
  })
  .strict();

/**
 * `spec` of a RolloutPolicy.
 *
 * @public
 */
export const rolloutPolicySpecSchema = withRules(
  z
    .object({
      serviceRef: dns1123LabelSchema.describe(
        'KMOP service name whose rollouts this policy governs.',
      ),
      strategy: z
        .enum(['rolling', 'canary', 'blueGreen'])
        .default('rolling')
        .describe('How new versions replace the old one.'),
      rolling: rollingSchema
        .optional()
        .describe('Rolling update limits, for strategy `rolling`.'),
      canary: canarySchema
        .optional()
        .describe('Canary steps; required when strategy is `canary`.'),
      blueGreen: blueGreenSchema
        .optional()
        .describe(
          'Blue-green services; required when strategy is `blueGreen`.',
        ),
      sloGate: sloGateSchema
        .optional()
        .describe('Stops the rollout while an SLO burns its budget too fast.'),
      autoPromote: z
        .boolean()
        .default(false)
        .describe('Promotes after the last step without a person.'),
      engine: z
        .enum(['argo-rollouts', 'flagger'])
        .optional()
        .describe('Progressive delivery controller to compile to.'),
    })
    .strict(),
  [
    {
      description: '`canary` is required when `strategy` is `canary`.',
      cel: "!has(self.strategy) || self.strategy != 'canary' || has(self.canary)",
      check: value =>
        value.strategy === 'canary' && !value.canary
          ? [
              {
                path: ['canary'],
                message: 'is required when strategy is canary',
              },
            ]
          : [],
    },
    {
      description: '`blueGreen` is required when `strategy` is `blueGreen`.',
      cel: "!has(self.strategy) || self.strategy != 'blueGreen' || has(self.blueGreen)",
      check: value =>
        value.strategy === 'blueGreen' && !value.blueGreen
          ? [
              {
                path: ['blueGreen'],
                message: 'is required when strategy is blueGreen',
              },
            ]
          : [],
    },
  ],
).describe('The rollout strategy and its gates.');

/**
 * `status` of a RolloutPolicy.
 *
 * @public
 */
export const rolloutPolicyStatusSchema = z
  .object({
    phase: z
      .string()
      .max(64)
      .optional()
      .describe(
        'Phase of the current rollout, e.g. `Healthy`, `Progressing`, `Paused`.',
      ),
    currentStepIndex: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Index of the canary step in progress.'),
    canaryWeight: z
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe('Traffic weight currently on the canary.'),
    stableRevision: z
      .string()
      .max(253)
      .optional()
      .describe('Revision serving stable traffic.'),
    canaryRevision: z
      .string()
      .max(253)
      .optional()
      .describe('Revision being rolled out.'),
    observedGeneration: observedGenerationSchema
      .optional()
      .describe('The `metadata.generation` this status describes.'),
    conditions: conditionsSchema
      .optional()
      .describe('Conditions such as `Progressing` and `Available`.'),
    children: childrenSchema
      .optional()
      .describe(
        'The native objects the KMOP operator rendered from this resource.',
      ),
  })
  .strict();

/**
 * A `kmop.dev/v1alpha1` RolloutPolicy.
 *
 * @public
 */
export const rolloutPolicySchema = kmopResourceSchema(
  'RolloutPolicy',
  rolloutPolicySpecSchema,
  rolloutPolicyStatusSchema,
);

/**
 * A RolloutPolicy after validation, with defaults applied.
 *
 * @public
 */
export type RolloutPolicy = z.output<typeof rolloutPolicySchema>;
/**
 * A RolloutPolicy as written; fields with defaults may be left out.
 *
 * @public
 */
export type RolloutPolicyInput = z.input<typeof rolloutPolicySchema>;
/**
 * `spec` of a RolloutPolicy after validation.
 *
 * @public
 */
export type RolloutPolicySpec = z.output<typeof rolloutPolicySpecSchema>;
/**
 * `status` of a RolloutPolicy.
 *
 * @public
 */
export type RolloutPolicyStatus = z.output<typeof rolloutPolicyStatusSchema>;
/**
 * One canary step.
 *
 * @public
 */
export type RolloutCanaryStep = NonNullable<
  RolloutPolicySpec['canary']
>['steps'][number];
