import { z } from 'zod/v3';
import {
  annotateCrd,
  conditionsSchema,
  dns1123LabelSchema,
  durationSchema,
  kmopResourceSchema,
  observedGenerationSchema,
  windowSchema,
  childrenSchema,
} from './shared';

const promQlSchema = z.string().min(1).max(4096);

const ERROR_QUERY_DESCRIPTION =
  'PromQL for the rate of bad events (failed requests for `ratio`, requests slower than `threshold` for `latency`); write `{{.window}}` where the range goes, as Sloth does.';
const TOTAL_QUERY_DESCRIPTION =
  'PromQL for the rate of all events, e.g. `sum(rate(http_requests_total{service="payments"}[{{.window}}]))`.';
const INDICATOR_TYPE_DESCRIPTION =
  'How the indicator is measured: `ratio` (bad events over all events) or `latency` (requests slower than `threshold` over all requests).';

const ratioIndicatorSchema = z
  .object({
    type: z.literal('ratio').describe(INDICATOR_TYPE_DESCRIPTION),
    errorQuery: promQlSchema.describe(ERROR_QUERY_DESCRIPTION),
    totalQuery: promQlSchema.describe(TOTAL_QUERY_DESCRIPTION),
  })
  .strict();

const latencyIndicatorSchema = z
  .object({
    type: z.literal('latency').describe(INDICATOR_TYPE_DESCRIPTION),
    threshold: durationSchema.describe(
      'Requests slower than this count as bad (latency indicators only), e.g. `300ms`.',
    ),
    errorQuery: promQlSchema.describe(ERROR_QUERY_DESCRIPTION),
    totalQuery: promQlSchema.describe(TOTAL_QUERY_DESCRIPTION),
  })
  .strict();

const indicatorSchema = annotateCrd(
  z.discriminatedUnion('type', [ratioIndicatorSchema, latencyIndicatorSchema]),
  {
    validations: [
      {
        rule: "self.type != 'latency' || has(self.threshold)",
        message: '`threshold` is required when `type` is `latency`.',
      },
      {
        rule: "self.type != 'ratio' || !has(self.threshold)",
        message: '`threshold` is only allowed when `type` is `latency`.',
      },
    ],
    notes: [
      '`threshold` is required when `type` is `latency` and not allowed otherwise.',
    ],
  },
);

const alertSwitchSchema = z
  .object({
    disabled: z.boolean().default(false).describe('Turns this alert off.'),
  })
  .strict();

const alertingSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('Generates multiwindow burn-rate alerts for the objective.'),
    pageAlert: alertSwitchSchema
      .optional()
      .describe(
        'The fast-burn alert that pages someone (14.4× over 1h/5m, 6× over 6h/30m).',
      ),
    ticketAlert: alertSwitchSchema
      .optional()
      .describe('The slow-burn alert that opens a ticket (1× over 3d/6h).'),
  })
  .strict();

/**
 * `spec` of a ServiceLevelObjective.
 *
 * @public
 */
export const serviceLevelObjectiveSpecSchema = z
  .object({
    serviceRef: dns1123LabelSchema.describe(
      'KMOP service name the objective is about.',
    ),
    description: z
      .string()
      .max(1024)
      .optional()
      .describe('What the objective promises, in words.'),
    objective: z
      .number()
      .gt(0)
      .lt(100)
      .describe(
        'Share of good events to reach over the window, in percent, strictly between 0 and 100 (e.g. `99.9`).',
      ),
    window: windowSchema
      .default('30d')
      .describe('Period the objective is measured over (e.g. `30d`, `4w`).'),
    indicator: indicatorSchema.describe(
      'The service level indicator, as Prometheus queries.',
    ),
    alerting: alertingSchema
      .optional()
      .describe(
        'Burn-rate alerting; on by default when the objective is compiled.',
      ),
    target: z
      .enum(['sloth', 'pyrra'])
      .optional()
      .describe(
        'SLO engine to compile to: Sloth `PrometheusServiceLevel` or Pyrra `ServiceLevelObjective`.',
      ),
  })
  .strict()
  .describe('The objective, its indicator and alerting.');

/**
 * `status` of a ServiceLevelObjective.
 *
 * @public
 */
export const serviceLevelObjectiveStatusSchema = z
  .object({
    sli: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        'Observed service level indicator over the window, as a ratio in [0, 1].',
      ),
    errorBudgetRemaining: z
      .number()
      .max(1)
      .optional()
      .describe(
        'Share of the error budget left: 1 − error ratio ÷ (1 − objective); negative once overspent.',
      ),
    burnRates: z
      .array(
        z
          .object({
            window: windowSchema.describe(
              'Window the rate is measured over, e.g. `1h`.',
            ),
            rate: z
              .number()
              .min(0)
              .describe(
                'Error ratio over the window divided by the error budget.',
              ),
          })
          .strict(),
      )
      .optional()
      .describe('Burn rates per alerting window.'),
    lastEvaluated: z
      .string()
      .datetime({ offset: true })
      .optional()
      .describe('When the figures were computed (RFC 3339).'),
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
 * A `kmop.dev/v1alpha1` ServiceLevelObjective.
 *
 * @public
 */
export const serviceLevelObjectiveSchema = kmopResourceSchema(
  'ServiceLevelObjective',
  serviceLevelObjectiveSpecSchema,
  serviceLevelObjectiveStatusSchema,
);

/**
 * A ServiceLevelObjective after validation, with defaults applied.
 *
 * @public
 */
export type ServiceLevelObjective = z.output<
  typeof serviceLevelObjectiveSchema
>;
/**
 * A ServiceLevelObjective as written; fields with defaults may be left out.
 *
 * @public
 */
export type ServiceLevelObjectiveInput = z.input<
  typeof serviceLevelObjectiveSchema
>;
/**
 * `spec` of a ServiceLevelObjective after validation.
 *
 * @public
 */
export type ServiceLevelObjectiveSpec = z.output<
  typeof serviceLevelObjectiveSpecSchema
>;
/**
 * `status` of a ServiceLevelObjective.
 *
 * @public
 */
export type ServiceLevelObjectiveStatus = z.output<
  typeof serviceLevelObjectiveStatusSchema
>;
/**
 * The indicator of a ServiceLevelObjective.
 *
 * @public
 */
export type ServiceLevelIndicator = ServiceLevelObjectiveSpec['indicator'];
