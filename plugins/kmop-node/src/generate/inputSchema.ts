import {
  autoscalingSchema,
  lifecycleSchema,
  retriesSchema,
  serviceLevelObjectiveSpecSchema,
  NATIVE_TARGETS,
  rateLimitUnitSchema,
  serviceDescriptionSchema,
} from '@kmop/plugin-kmop-common';
import { fields } from './fields';
import { type KmopZod, modelSchema } from './zod';

const step = (z: KmopZod) => {
  const f = fields(z);
  return z
    .object({
      setWeight: f
        .weight()
        .optional()
        .describe('Percentage of traffic to send to the canary (0–100).'),
      pause: z
        .union([
          f.duration(),
          z
            .object({
              duration: f
                .duration()
                .optional()
                .describe('How long to pause; leave out to wait for a person.'),
            })
            .strict(),
        ])
        .optional()
        .describe(
          'Pause after this step: a duration such as 5m, or {} to wait until a person promotes.',
        ),
      analysis: z
        .object({
          templates: z
            .array(f.dnsSubdomain())
            .min(1)
            .describe('Analysis templates to run.'),
        })
        .strict()
        .optional()
        .describe('Runs analysis templates; the rollout aborts if they fail.'),
    })
    .strict()
    .refine(
      s =>
        s.setWeight !== undefined ||
        s.pause !== undefined ||
        s.analysis !== undefined,
      'must set setWeight, pause or analysis',
    )
    .describe(
      'A canary step. setWeight, pause and analysis may be combined in one item; they run in that order.',
    );
};

// A builder, not a shared constant: zod-to-json-schema writes a schema object
// met twice as a $ref, which the action's input schema should not contain.
const rateLimit = (z: KmopZod) =>
  z
    .object({
      requests: fields(z).count().describe('Requests allowed per unit.'),
      unit: z.enum(rateLimitUnitSchema.options).describe('Unit of time.'),
    })
    .strict();

const route = (z: KmopZod) => {
  const f = fields(z);
  return z
    .object({
      name: f
        .dnsLabel()
        .optional()
        .describe(
          'Name of the GatewayRoute; default the service name (with -2, -3… for further routes).',
        ),
      gateway: z
        .object({
          name: f.dnsSubdomain().describe('Name of the Gateway.'),
          namespace: f
            .dnsLabel()
            .optional()
            .describe(
              "Namespace of the Gateway; default the route's namespace.",
            ),
          sectionName: f
            .dnsSubdomain()
            .optional()
            .describe('Listener of the Gateway; default all listeners.'),
        })
        .strict()
        .describe('The Gateway the route attaches to.'),
      hostnames: z
        .array(f.hostname())
        .min(1)
        .max(16)
        .describe(
          'Hostnames the route answers for, e.g. payments.example.com.',
        ),
      paths: z
        .array(z.string().max(1024).regex(/^\//, "must start with '/'"))
        .min(1)
        .default(['/'])
        .describe('Request paths to route (default /).'),
      pathType: z
        .enum(['PathPrefix', 'Exact', 'RegularExpression'])
        .default('PathPrefix')
        .describe('How paths are compared (default PathPrefix).'),
      timeout: f
        .duration()
        .optional()
        .describe('Longest a request through the gateway may take, e.g. 30s.'),
      auth: z
        .object({
          type: z
            .enum(['none', 'jwt', 'apiKey'])
            .default('none')
            .describe('How callers authenticate.'),
          jwt: z
            .object({
              issuer: z.string().url().describe('Expected iss claim.'),
              jwksUri: z
                .string()
                .url()
                .describe('Where the signing keys are published.'),
              audiences: z
                .array(z.string().min(1))
                .optional()
                .describe('Accepted aud claims.'),
            })
            .strict()
            .optional()
            .describe('JWT validation; required when type is jwt.'),
          apiKey: z
            .object({
              header: z
                .string()
                .regex(
                  /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/,
                  'must be an HTTP header name',
                )
                .describe('Header carrying the API key.'),
            })
            .strict()
            .optional()
            .describe('API key check; required when type is apiKey.'),
        })
        .strict()
        .optional()
        .describe(
          'Authentication at the gateway (Envoy Gateway SecurityPolicy when compiled).',
        ),
      rateLimit: rateLimit(z).optional().describe('Rate limit at the gateway.'),
    })
    .strict();
};

const slo = (z: KmopZod) => {
  const f = fields(z);
  return z
    .object({
      name: f
        .dnsSubdomain()
        .optional()
        .describe(
          'Name of the ServiceLevelObjective; default <service>-availability or <service>-latency.',
        ),
      description: modelSchema(
        serviceLevelObjectiveSpecSchema.shape.description,
      ),
      objective: modelSchema(serviceLevelObjectiveSpecSchema.shape.objective),
      window: f
        .window()
        .default('30d')
        .describe('Period the objective is measured over (default 30d).'),
      indicator: z
        .object({
          type: z
            .enum(['ratio', 'latency'])
            .default('ratio')
            .describe(
              'ratio: failed requests over all; latency: slow requests over all.',
            ),
          threshold: f
            .duration()
            .optional()
            .describe(
              'For latency: requests slower than this are bad (default 300ms).',
            ),
          errorQuery: z
            .string()
            .min(1)
            .optional()
            .describe(
              'PromQL counting bad events over [{{.window}}]; default from the skeleton metrics (http_requests_total / http_request_duration_seconds with label service="<name>").',
            ),
          totalQuery: z
            .string()
            .min(1)
            .optional()
            .describe(
              'PromQL counting all events over [{{.window}}]; default from the skeleton metrics.',
            ),
        })
        .strict()
        .default({})
        .describe('The service level indicator.'),
      alerting: z
        .boolean()
        .default(true)
        .describe('Generate multiwindow burn-rate alerts (default true).'),
      target: z
        .enum(['sloth', 'pyrra'])
        .optional()
        .describe(
          'SLO engine when compiling to native manifests and both sloth and pyrra are targets.',
        ),
    })
    .strict();
};

const rollout = (z: KmopZod) => {
  const f = fields(z);
  return z
    .object({
      strategy: z
        .enum(['rolling', 'canary', 'blueGreen'])
        .default('rolling')
        .describe('How new versions replace the old one.'),
      rolling: z
        .object({
          maxSurge: f
            .intOrPercent()
            .optional()
            .describe('Pods above the desired count during an update.'),
          maxUnavailable: f
            .intOrPercent()
            .optional()
            .describe('Pods that may be unavailable during an update.'),
        })
        .strict()
        .optional()
        .describe('Rolling update limits (strategy rolling).'),
      canary: z
        .object({
          steps: z.array(step(z)).min(1).describe('Canary steps, in order.'),
          canaryService: f
            .dnsLabel()
            .optional()
            .describe('Service selecting only canary pods.'),
          stableService: f
            .dnsLabel()
            .optional()
            .describe('Service selecting only stable pods.'),
        })
        .strict()
        .optional()
        .describe('Canary steps; required for strategy canary.'),
      blueGreen: z
        .object({
          activeService: f
            .dnsLabel()
            .optional()
            .describe('Service for production traffic; default <service>.'),
          previewService: f
            .dnsLabel()
            .optional()
            .describe(
              'Service for the new version; default <service>-preview.',
            ),
          autoPromotionSeconds: f
            .count()
            .optional()
            .describe(
              'Seconds before the new version is promoted automatically (sets autoPromotionEnabled).',
            ),
        })
        .strict()
        .optional()
        .describe('Blue-green services (strategy blueGreen).'),
      autoPromote: z
        .boolean()
        .default(false)
        .describe(
          'Promote after the last step without a person (default false).',
        ),
      maxBurnRate: z
        .number()
        .gt(0)
        .optional()
        .describe(
          'Gate the rollout on the SLO: stop while its burn rate exceeds this (needs slo).',
        ),
      engine: z
        .enum(['argo-rollouts', 'flagger'])
        .optional()
        .describe('Progressive delivery controller when both are targets.'),
    })
    .strict();
};

const overrides = (z: KmopZod) => {
  const f = fields(z);
  return z
    .object({
      timeouts: z
        .object({
          request: f
            .duration()
            .optional()
            .describe('Longest a request may take, retries included.'),
          connect: f
            .duration()
            .optional()
            .describe('Longest opening a connection may take.'),
          idle: f
            .duration()
            .optional()
            .describe('How long an unused connection stays open.'),
        })
        .strict()
        .optional()
        .describe('Timeouts.'),
      retries: z
        .object({
          attempts: modelSchema(retriesSchema.shape.attempts.removeDefault())
            .optional()
            .describe('Retries after the first attempt (0–10).'),
          retryOn: modelSchema(retriesSchema.shape.retryOn.removeDefault())
            .optional()
            .describe(
              'Failures that trigger a retry, e.g. 5xx, reset, connect-failure, 503.',
            ),
          perTryTimeout: modelSchema(retriesSchema.shape.perTryTimeout),
        })
        .strict()
        .optional()
        .describe('Retries.'),
      circuitBreaker: z
        .object({
          consecutiveErrors: f
            .count()
            .optional()
            .describe('Errors in a row before a pod is ejected.'),
          interval: f
            .duration()
            .optional()
            .describe('How often pods are checked.'),
          baseEjectionTime: f
            .duration()
            .optional()
            .describe('How long a pod stays ejected.'),
          maxEjectionPercent: z
            .number()
            .int()
            .min(0)
            .max(100)
            .optional()
            .describe('Most pods ejected at once, in percent.'),
          maxConnections: f
            .count()
            .optional()
            .describe('Most open connections.'),
          maxPendingRequests: f
            .count()
            .optional()
            .describe('Most requests waiting for a connection.'),
          maxRequests: f
            .count()
            .optional()
            .describe('Most requests in flight.'),
        })
        .strict()
        .optional()
        .describe('Circuit breaker.'),
      rateLimit: rateLimit(z)
        .optional()
        .describe('Rate limit (replaces the preset one).'),
      disruptionBudget: z
        .object({
          minAvailable: f
            .intOrPercent()
            .optional()
            .describe('Pods that must stay available.'),
          maxUnavailable: f
            .intOrPercent()
            .optional()
            .describe('Pods that may be unavailable.'),
        })
        .strict()
        .refine(
          b =>
            (b.minAvailable === undefined) !== (b.maxUnavailable === undefined),
          'must set exactly one of minAvailable or maxUnavailable',
        )
        .optional()
        .describe('PodDisruptionBudget (replaces the preset one).'),
    })
    .strict();
};

/**
 * The golden path's input: one service and its routes, SLO, rollout and
 * resilience. `kmop:manifests:generate` adds where to write; the
 * `generate-manifests` action takes it as is.
 *
 * @public
 */
/**
 * What a day-2 change can add to a service that already runs.
 *
 * @public
 */
export const DAY2_RESOURCES = ['slo', 'rollout', 'resilience'] as const;

/** @public */
export const generateInputSchema = (z: KmopZod) => {
  const f = fields(z);
  return z
    .object({
      name: f
        .dnsLabel()
        .describe(
          'Service name: a DNS-1123 label, used for every generated object and the kmop.dev/service-name annotation.',
        ),
      namespace: f
        .dnsLabel()
        .default('default')
        .describe('Namespace of the generated objects (default "default").'),
      owner: f
        .entityRef()
        .describe(
          'Catalog entity owning the service, e.g. group:default/payments-team.',
        ),
      system: f
        .entityRef()
        .optional()
        .describe('Catalog system the service belongs to.'),
      description: modelSchema(serviceDescriptionSchema).optional(),
      lifecycle: modelSchema(lifecycleSchema).optional(),
      image: z
        .string()
        .min(1)
        .regex(/^\S+$/, 'must be an image reference without spaces')
        .optional()
        .describe(
          'Container image, e.g. ghcr.io/acme/payments:1.0.0; required unless only is set.',
        ),
      only: z
        .array(z.enum(DAY2_RESOURCES))
        .min(1)
        .optional()
        .describe(
          'Day 2: write only these resources (slo, rollout, resilience) for a service that already runs; its Microservice and routes are left out. Only with flavour kmop.',
        ),
      port: f
        .port()
        .default(8080)
        .describe('Port the container serves HTTP on (default 8080).'),
      replicas: z
        .number()
        .int()
        .min(0)
        .default(2)
        .describe('Replicas when autoscaling is off (default 2).'),
      autoscaling: modelSchema(autoscalingSchema)
        .optional()
        .describe('Horizontal autoscaling on CPU.'),
      routes: z
        .array(route(z))
        .max(8)
        .default([])
        .describe('Gateway routes exposing the service.'),
      slo: slo(z).optional().describe('Service level objective.'),
      rollout: rollout(z).optional().describe('Rollout strategy.'),
      resilience: z
        .object({
          preset: z
            .enum(['standard', 'strict', 'none'])
            .default('standard')
            .describe(
              'standard: 10s timeout, 2 retries, ejection after 5 errors, PDB maxUnavailable 1. strict: 5s timeout, 1 retry, ejection after 3 errors, connection limits, 100 req/s, PDB minAvailable 50%. none: only the overrides.',
            ),
          overrides: overrides(z)
            .default({})
            .describe(
              'Settings replacing those of the preset, section by section.',
            ),
        })
        .strict()
        .optional()
        .describe('Resilience policy.'),
      flavour: z
        .union([z.literal('kmop'), z.array(z.enum(NATIVE_TARGETS)).min(1)])
        .default('kmop')
        .describe(
          `"kmop" writes KMOP resources (for clusters with a KMOP operator); a list of native targets (${NATIVE_TARGETS.join(
            ', ',
          )}) writes their manifests instead.`,
        ),
      prometheusAddress: z
        .string()
        .url()
        .optional()
        .describe(
          'Prometheus that rollout SLO gates query, for native targets.',
        ),
    })
    .strict();
};

/**
 * Parsed golden-path input.
 *
 * @public
 */
export type GenerateInput = ReturnType<typeof generateInputSchema>['_output'];
