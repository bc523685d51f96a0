import { z } from 'zod/v3';

/**
 * A TCP/UDP port number.
 *
 * @public
 */
export const portNumberSchema = z.number().int().min(1).max(65535);

/**
 * Units of a request rate limit.
 *
 * @public
 */
export const rateLimitUnitSchema = z.enum(['Second', 'Minute', 'Hour', 'Day']);

/**
 * A request rate limit, shared by GatewayRoute and ResiliencePolicy.
 *
 * @public
 */
export const rateLimitSchema = z
  .object({
    requests: z
      .number()
      .int()
      .min(1)
      .describe('Requests allowed per unit of time.'),
    unit: rateLimitUnitSchema.describe(
      'The unit of time the limit counts over.',
    ),
  })
  .strict();

/**
 * A value of {@link rateLimitSchema}.
 *
 * @public
 */
export type KmopRateLimit = z.infer<typeof rateLimitSchema>;
