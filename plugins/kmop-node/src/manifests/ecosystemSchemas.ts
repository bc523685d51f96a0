import { z } from 'zod/v3';
import { DURATION_GRAMMARS, DurationGrammar } from '@kmop/plugin-kmop-common';

/*
 * Schemas for the native kinds that no installed kubernetes-models package
 * has: Sloth, Pyrra and Flagger. Written from the upstream CRDs and Go types
 * (sloth v0.16 pkg/kubernetes/api/sloth/v1, pyrra v0.10
 * kubernetes/api/v1alpha1, flagger v1.44 pkg/apis/flagger/v1beta1). Objects
 * are `passthrough` where upstream has fields KMOP never writes, `strict`
 * where a misspelt field would be silently dropped by the API server.
 */

const labels = z.record(z.string());

function durationSchema(grammar: DurationGrammar) {
  const { pattern, expected } = DURATION_GRAMMARS[grammar];
  return z.string().regex(pattern, `must be ${expected}`);
}

const metric = z.object({ metric: z.string().min(1) }).strict();
const goDuration = durationSchema('go');
const promDuration = durationSchema('prometheus');

const slothAlert = z
  .object({
    disable: z.boolean().optional(),
    labels: labels.optional(),
    annotations: labels.optional(),
  })
  .strict();

/** Sloth's SLO plugin chain: `{ overridePrevious, chain: [{ id, priority, config }] }`. */
const sloPlugins = z
  .object({
    overridePrevious: z.boolean().optional(),
    chain: z
      .array(
        z
          .object({
            id: z.string().min(1),
            priority: z.number().int().optional(),
            config: z.unknown().optional(),
          })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();

const slothSlo = z
  .object({
    name: z.string().min(1).max(128),
    objective: z.number().gt(0).max(100),
    description: z.string().optional(),
    labels: labels.optional(),
    sli: z
      .object({
        events: z
          .object({
            errorQuery: z
              .string()
              .includes('{{.window}}', { message: 'must use {{.window}}' }),
            totalQuery: z
              .string()
              .includes('{{.window}}', { message: 'must use {{.window}}' }),
          })
          .strict()
          .optional(),
        raw: z
          .object({ errorRatioQuery: z.string().min(1) })
          .strict()
          .optional(),
        plugin: z
          .object({ id: z.string().min(1), options: labels.optional() })
          .strict()
          .optional(),
      })
      .strict()
      .refine(
        sli => [sli.events, sli.raw, sli.plugin].filter(Boolean).length === 1,
        {
          message: 'must have exactly one of events, raw or plugin',
        },
      ),
    // Sloth's CRD requires neither the alerting block nor its name.
    alerting: z
      .object({
        name: z
          .string()
          .regex(
            /^[a-zA-Z_:][a-zA-Z0-9_:]*$/,
            'must be a Prometheus alert name',
          )
          .optional(),
        labels: labels.optional(),
        annotations: labels.optional(),
        pageAlert: slothAlert.optional(),
        ticketAlert: slothAlert.optional(),
      })
      .strict()
      .optional(),
    // SLO plugins chain (Sloth v0.12+), per SLO.
    plugins: sloPlugins.optional(),
  })
  .strict();

const slothSpec = z
  .object({
    service: z.string().min(1),
    labels: labels.optional(),
    // SLO plugins for every SLO of the object (Sloth v0.12+).
    sloPlugins: sloPlugins.optional(),
    slos: z.array(slothSlo).min(1),
  })
  .strict();

const pyrraSpec = z
  .object({
    description: z.string().optional(),
    target: z
      .string()
      .regex(
        /^[0-9]+(\.[0-9]+)?$/,
        'must be a percentage written as a string, e.g. "99.5"',
      )
      .refine(
        t => Number(t) >= 0 && Number(t) <= 100,
        'must be between 0 and 100',
      ),
    window: promDuration,
    indicator: z
      .object({
        ratio: z
          .object({
            errors: metric,
            total: metric,
            grouping: z.array(z.string()).optional(),
          })
          .strict()
          .optional(),
        latency: z
          .object({
            success: metric,
            total: metric,
            grouping: z.array(z.string()).optional(),
          })
          .strict()
          .refine(l => /\ble\s*=/.test(l.success.metric), {
            message: 'success.metric must contain an le label matcher',
          })
          .optional(),
        latencyNative: z
          .object({
            total: metric,
            latency: promDuration,
            grouping: z.array(z.string()).optional(),
          })
          .strict()
          .optional(),
        bool_gauge: z
          .object({
            metric: z.string().min(1),
            grouping: z.array(z.string()).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .refine(
        i =>
          [i.ratio, i.latency, i.latencyNative, i.bool_gauge].filter(Boolean)
            .length === 1,
        {
          message:
            'must have exactly one of ratio, latency, latencyNative or bool_gauge',
        },
      ),
    alerting: z
      .object({
        disabled: z.boolean().optional(),
        burnrates: z.boolean().optional(),
        absent: z.boolean().optional(),
        name: z.string().optional(),
        absentName: z.string().optional(),
      })
      .strict()
      .optional(),
    partial_response_strategy: z.enum(['abort', 'warn', '']).optional(),
  })
  .strict();

const crossRef = z
  .object({
    apiVersion: z.string().min(1),
    kind: z.string().min(1),
    name: z.string().min(1),
  })
  .strict();

const flaggerMetric = z
  .object({
    name: z.string().min(1),
    interval: goDuration.optional(),
    thresholdRange: z
      .object({ min: z.number().optional(), max: z.number().optional() })
      .strict()
      .optional(),
    templateRef: z
      .object({ name: z.string().min(1), namespace: z.string().optional() })
      .strict()
      .optional(),
    templateVariables: labels.optional(),
  })
  .passthrough();

const weight = z.number().int().min(0).max(100);

const flaggerCanarySpec = z
  .object({
    provider: z.string().optional(),
    targetRef: crossRef,
    // Flagger also reads primaryScalerReplicas and primaryScalerQueries here.
    autoscalerRef: crossRef
      .extend({
        primaryScalerReplicas: z
          .object({
            minReplicas: z.number().int().min(0).optional(),
            maxReplicas: z.number().int().min(0).optional(),
          })
          .passthrough()
          .optional(),
        primaryScalerQueries: z.record(z.string()).optional(),
      })
      .passthrough()
      .optional(),
    ingressRef: crossRef.optional(),
    routeRef: crossRef.optional(),
    progressDeadlineSeconds: z.number().int().min(0).optional(),
    skipAnalysis: z.boolean().optional(),
    suspend: z.boolean().optional(),
    service: z
      .object({
        name: z.string().optional(),
        port: z.number().int().min(1).max(65535),
        portName: z.string().optional(),
        targetPort: z.union([z.number().int(), z.string()]).optional(),
        timeout: goDuration.optional(),
        hosts: z.array(z.string()).optional(),
        gatewayRefs: z
          .array(
            z
              .object({
                name: z.string().min(1),
                namespace: z.string().optional(),
              })
              .passthrough(),
          )
          .optional(),
      })
      .passthrough()
      // Not required by Flagger's CRD (Kubernetes-provider canaries use none).
      .optional(),
    // interval defaults to 60s and threshold to 1 in Flagger.
    analysis: z
      .object({
        interval: goDuration.optional(),
        threshold: z.number().int().min(0).optional(),
        maxWeight: weight.optional(),
        stepWeight: weight.optional(),
        stepWeights: z.array(weight).optional(),
        stepWeightPromotion: weight.optional(),
        iterations: z.number().int().min(0).optional(),
        metrics: z.array(flaggerMetric).optional(),
        webhooks: z.array(z.record(z.unknown())).optional(),
        match: z.array(z.record(z.unknown())).optional(),
        mirror: z.boolean().optional(),
        mirrorWeight: weight.optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const flaggerMetricTemplateSpec = z
  .object({
    provider: z
      .object({
        type: z.enum([
          'prometheus',
          'influxdb',
          'datadog',
          'cloudwatch',
          'newrelic',
          'graphite',
          'dynatrace',
          'stackdriver',
          'keptn',
          'splunk',
        ]),
        address: z.string().optional(),
        secretRef: z.object({ name: z.string() }).optional(),
        insecureSkipVerify: z.boolean().optional(),
      })
      .strict(),
    query: z.string().min(1),
  })
  .strict();

/** Spec schemas by `<apiVersion>/<kind>`. */
export const ECOSYSTEM_SPEC_SCHEMAS: Record<string, z.ZodTypeAny> = {
  'sloth.slok.dev/v1/PrometheusServiceLevel': slothSpec,
  'pyrra.dev/v1alpha1/ServiceLevelObjective': pyrraSpec,
  'flagger.app/v1beta1/Canary': flaggerCanarySpec,
  'flagger.app/v1beta1/MetricTemplate': flaggerMetricTemplateSpec,
};
