import { z } from 'zod/v3';
import { tryParseDuration } from '../duration';
import {
  conditionsSchema,
  dns1123LabelSchema,
  duplicateViolations,
  durationSchema,
  intOrPercentSchema,
  kmopResourceSchema,
  observedGenerationSchema,
  rateLimitSchema,
  withExactlyOneOf,
  withRules,
  childrenSchema,
} from './shared';

/**
 * Retry conditions of Envoy (`x-envoy-retry-on`, `x-envoy-retry-grpc-on`), which Istio and Envoy Gateway pass on.
 *
 * @public
 */
export const RETRY_CONDITIONS = [
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'envoy-ratelimited',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
] as const;

const RETRY_ON = new RegExp(
  `^(${RETRY_CONDITIONS.join('|')}|[1-5][0-9][0-9])$`,
);

const timeoutsSchema = z
  .object({
    request: durationSchema
      .optional()
      .describe('Longest a request may take, retries included.'),
    connect: durationSchema
      .optional()
      .describe('Longest opening a connection to the service may take.'),
    idle: durationSchema
      .optional()
      .describe('How long an unused connection stays open.'),
  })
  .strict();

const backoffSchema = withRules(
  z
    .object({
      baseInterval: durationSchema.describe(
        'Wait before the first retry; doubles on each retry.',
      ),
      maxInterval: durationSchema.describe('Longest wait between retries.'),
    })
    .strict(),
  [
    {
      description: '`baseInterval` must be ≤ `maxInterval`.',
      check: value => {
        const base = tryParseDuration(value.baseInterval, 'kmop') ?? 0;
        const max = tryParseDuration(value.maxInterval, 'kmop') ?? 0;
        return base > max
          ? [
              {
                path: ['baseInterval'],
                message: `must be ≤ maxInterval (${value.maxInterval})`,
              },
            ]
          : [];
      },
    },
  ],
);

/**
 * Retries of failed calls; also the generate action's retry overrides.
 *
 * @public
 */
export const retriesSchema = z
  .object({
    attempts: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(3)
      .describe('Retries after the first attempt (0 turns retries off).'),
    retryOn: withRules(
      z
        .array(
          z.string().regex(RETRY_ON, {
            message: `must be one of: ${RETRY_CONDITIONS.join(
              ', ',
            )}, or an HTTP status code`,
          }),
        )
        .min(1),
      [
        {
          description: 'Retry conditions must be unique.',
          check: conditions =>
            duplicateViolations(
              conditions,
              c => c,
              i => [i],
              'retry condition',
            ),
        },
      ],
      { listSet: true },
    )
      .default(['5xx', 'reset', 'connect-failure'])
      .describe(
        'Failures that trigger a retry: Envoy retry conditions such as `5xx`, `reset`, `connect-failure`, `gateway-error`, or HTTP status codes.',
      ),
    perTryTimeout: durationSchema
      .optional()
      .describe('Longest one attempt may take.'),
    backoff: backoffSchema
      .optional()
      .describe('Wait between retries (exponential with jitter).'),
  })
  .strict();

const circuitBreakerSchema = z
  .object({
    consecutiveErrors: z
      .number()
      .int()
      .min(1)
      .default(5)
      .describe(
        'Errors in a row after which a pod is ejected from the load balancer.',
      ),
    interval: durationSchema
      .default('10s')
      .describe('How often pods are checked for ejection.'),
    baseEjectionTime: durationSchema
      .default('30s')
      .describe(
        'How long a pod stays ejected the first time; grows with each ejection.',
      ),
    maxEjectionPercent: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(10)
      .describe('Most pods, in percent, that may be ejected at once.'),
    maxConnections: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Most open connections to the service.'),
    maxPendingRequests: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Most requests waiting for a connection.'),
    maxRequests: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Most requests in flight to the service.'),
  })
  .strict();

const bulkheadSchema = z
  .object({
    maxConcurrentRequests: z
      .number()
      .int()
      .min(1)
      .describe('Most requests handled at once.'),
    maxQueue: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Most requests waiting for a slot; 0 rejects at once.'),
  })
  .strict();

const disruptionBudgetSchema = withExactlyOneOf(
  z
    .object({
      minAvailable: intOrPercentSchema
        .optional()
        .describe(
          'Pods that must stay available during voluntary disruptions.',
        ),
      maxUnavailable: intOrPercentSchema
        .optional()
        .describe('Pods that may be unavailable during voluntary disruptions.'),
    })
    .strict(),
  ['minAvailable', 'maxUnavailable'],
);

/**
 * `spec` of a ResiliencePolicy.
 *
 * @public
 */
export const resiliencePolicySpecSchema = z
  .object({
    serviceRef: dns1123LabelSchema.describe(
      'KMOP service name the policy protects.',
    ),
    timeouts: timeoutsSchema
      .optional()
      .describe('Timeouts for calls to the service.'),
    retries: retriesSchema.optional().describe('Retries of failed calls.'),
    circuitBreaker: circuitBreakerSchema
      .optional()
      .describe('Ejects failing pods and caps the load on the service.'),
    rateLimit: rateLimitSchema
      .optional()
      .describe('Requests the service accepts per unit of time.'),
    bulkhead: bulkheadSchema
      .optional()
      .describe(
        'Caps concurrent requests so one caller cannot exhaust the service.',
      ),
    disruptionBudget: disruptionBudgetSchema
      .optional()
      .describe(
        'PodDisruptionBudget: how many pods voluntary disruptions may take down.',
      ),
  })
  .strict()
  .describe('The protections applied to calls to the service.');

/**
 * `status` of a ResiliencePolicy.
 *
 * @public
 */
export const resiliencePolicyStatusSchema = z
  .object({
    observedGeneration: observedGenerationSchema
      .optional()
      .describe('The `metadata.generation` this status describes.'),
    conditions: conditionsSchema
      .optional()
      .describe('Conditions such as `Ready`.'),
    children: childrenSchema
      .optional()
      .describe(
        'The native objects the KMOP operator rendered from this resource.',
      ),
  })
  .strict();

/**
 * A `kmop.dev/v1alpha1` ResiliencePolicy.
 *
 * @public
 */
export const resiliencePolicySchema = kmopResourceSchema(
  'ResiliencePolicy',
  resiliencePolicySpecSchema,
  resiliencePolicyStatusSchema,
);

/**
 * A ResiliencePolicy after validation, with defaults applied.
 *
 * @public
 */
export type ResiliencePolicy = z.output<typeof resiliencePolicySchema>;
/**
 * A ResiliencePolicy as written; fields with defaults may be left out.
 *
 * @public
 */
export type ResiliencePolicyInput = z.input<typeof resiliencePolicySchema>;
/**
 * `spec` of a ResiliencePolicy after validation.
 *
 * @public
 */
export type ResiliencePolicySpec = z.output<typeof resiliencePolicySpecSchema>;
/**
 * `status` of a ResiliencePolicy.
 *
 * @public
 */
export type ResiliencePolicyStatus = z.output<
  typeof resiliencePolicyStatusSchema
>;
