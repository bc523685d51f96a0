import { z } from 'zod/v3';
import {
  annotateCrd,
  conditionsSchema,
  dns1123LabelSchema,
  dns1123SubdomainSchema,
  duplicateViolations,
  entityRefSchema,
  kmopResourceSchema,
  observedGenerationSchema,
  portNumberSchema,
  Quantity,
  quantitySchema,
  quantityToNumber,
  RuleViolation,
  withRules,
  childrenSchema,
} from './shared';

const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORT_NAME_MESSAGE =
  "must be an IANA service name (lower case letters, digits and '-', ≤ 15 characters, at least one letter, no '--')";

const portSchema = z
  .object({
    name: z
      .string()
      .max(15, { message: PORT_NAME_MESSAGE })
      .regex(PORT_NAME, { message: PORT_NAME_MESSAGE })
      .refine(name => /[a-z]/.test(name) && !name.includes('--'), {
        message: PORT_NAME_MESSAGE,
      })
      .describe(
        'Name of the port (e.g. `http`, `grpc`, `metrics`); routes and monitors refer to it.',
      ),
    port: portNumberSchema.describe('Port number the container listens on.'),
    protocol: z
      .enum(['TCP', 'UDP', 'SCTP'])
      .default('TCP')
      .describe('Transport protocol.'),
  })
  .strict();

/**
 * Horizontal autoscaling on CPU use.
 *
 * @public
 */
export const autoscalingSchema = withRules(
  z
    .object({
      minReplicas: z
        .number()
        .int()
        .min(1)
        .default(1)
        .describe('Fewest replicas the autoscaler keeps.'),
      maxReplicas: z
        .number()
        .int()
        .min(1)
        .describe('Most replicas the autoscaler may start.'),
      targetCPUUtilizationPercentage: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(80)
        .describe(
          'Average CPU use, in percent of the CPU request, the autoscaler aims for.',
        ),
    })
    .strict(),
  [
    {
      description: '`minReplicas` must be ≤ `maxReplicas`.',
      cel: 'self.minReplicas <= self.maxReplicas',
      check: value =>
        value.minReplicas > value.maxReplicas
          ? [
              {
                path: ['minReplicas'],
                message: `must be ≤ maxReplicas (${value.maxReplicas})`,
              },
            ]
          : [],
    },
  ],
);

const computeResourcesSchema = z
  .object({
    cpu: quantitySchema
      .optional()
      .describe('CPU, in cores or millicores (e.g. `250m`, `1`).'),
    memory: quantitySchema
      .optional()
      .describe('Memory, in bytes with a suffix (e.g. `256Mi`, `1Gi`).'),
  })
  .strict();

function requestAboveLimit(
  resource: 'cpu' | 'memory',
  request: Quantity | undefined,
  limit: Quantity | undefined,
): RuleViolation[] {
  if (request === undefined || limit === undefined) {
    return [];
  }
  const requested = quantityToNumber(request);
  const limited = quantityToNumber(limit);
  return requested !== undefined && limited !== undefined && requested > limited
    ? [
        {
          path: ['requests', resource],
          message: `must be ≤ limits.${resource} (${limit})`,
        },
      ]
    : [];
}

const resourcesSchema = withRules(
  z
    .object({
      requests: computeResourcesSchema
        .optional()
        .describe('Resources the scheduler reserves for each replica.'),
      limits: computeResourcesSchema
        .optional()
        .describe('Most resources each replica may use.'),
    })
    .strict(),
  [
    {
      description: 'Each request must be ≤ the limit of the same resource.',
      check: value => [
        ...requestAboveLimit('cpu', value.requests?.cpu, value.limits?.cpu),
        ...requestAboveLimit(
          'memory',
          value.requests?.memory,
          value.limits?.memory,
        ),
      ],
    },
  ],
);

const monitoringSchema = z
  .object({
    metricsPath: z
      .string()
      .regex(/^\//, { message: "must start with '/'" })
      .default('/metrics')
      .describe('HTTP path Prometheus scrapes.'),
    port: portNumberSchema
      .optional()
      .describe(
        'Port serving the metrics; when absent, the first port in `ports`.',
      ),
  })
  .strict();

/**
 * What the service does, as the catalog shows it.
 *
 * @public
 */
export const serviceDescriptionSchema = z
  .string()
  .max(1000)
  .describe('One sentence on what the service does; the catalog shows it.');

const CATALOG_WORD = /^[a-z0-9]+([-_.][a-z0-9]+)*$/;

/**
 * The catalog lifecycle of the service.
 *
 * @public
 */
export const lifecycleSchema = z
  .string()
  .regex(CATALOG_WORD, {
    message: 'must be a lifecycle such as `production` or `experimental`',
  })
  .describe(
    'Catalog lifecycle, e.g. `experimental`, `production`, `deprecated` (the catalog provider assumes `production`).',
  );

/**
 * The catalog component type of the service.
 *
 * @public
 */
export const componentTypeSchema = z
  .string()
  .regex(CATALOG_WORD, {
    message: 'must be a component type such as `service` or `website`',
  })
  .describe(
    'Catalog component type, e.g. `service` or `website` (the catalog provider assumes `service`).',
  );

/**
 * `spec` of a Microservice.
 *
 * @public
 */
export const microserviceSpecSchema = withRules(
  z
    .object({
      owner: entityRefSchema.describe(
        'Catalog entity that owns the service, e.g. `group:default/payments-team`.',
      ),
      system: entityRefSchema
        .optional()
        .describe('Catalog system the service belongs to, e.g. `payments`.'),
      description: serviceDescriptionSchema.optional(),
      lifecycle: lifecycleSchema.optional(),
      type: componentTypeSchema.optional(),
      image: z
        .string()
        .min(1)
        .regex(/^\S+$/, {
          message: 'must be an image reference without spaces',
        })
        .describe('Container image, e.g. `ghcr.io/acme/payments-api:1.4.2`.'),
      ports: annotateCrd(z.array(portSchema).min(1), {
        listMapKeys: ['name'],
      }).describe('Ports the container serves; at least one.'),
      replicas: z
        .number()
        .int()
        .min(0)
        .default(2)
        .describe(
          'Replicas to run when autoscaling is off (the autoscaler sets them otherwise).',
        ),
      autoscaling: autoscalingSchema
        .optional()
        .describe('Horizontal autoscaling on CPU use.'),
      resources: resourcesSchema
        .optional()
        .describe('CPU and memory requests and limits of each replica.'),
      configMapRefs: z
        .array(dns1123SubdomainSchema)
        .optional()
        .describe('Names of ConfigMaps mounted as environment variables.'),
      secretRefs: z
        .array(dns1123SubdomainSchema)
        .optional()
        .describe(
          'Names of Secrets mounted as environment variables (names only, never values).',
        ),
      dependencies: z
        .array(dns1123LabelSchema)
        .optional()
        .describe('KMOP service names this service calls.'),
      monitoring: monitoringSchema
        .optional()
        .describe('Prometheus scraping of the service.'),
    })
    .strict(),
  [
    {
      description: 'Port names and port numbers must be unique.',
      check: value => [
        ...duplicateViolations(
          value.ports,
          p => p.name,
          i => ['ports', i, 'name'],
          'port name',
        ),
        ...duplicateViolations(
          value.ports,
          p => p.port,
          i => ['ports', i, 'port'],
          'port',
        ),
      ],
    },
  ],
).describe('What the service is and how it runs.');

/**
 * `status` of a Microservice.
 *
 * @public
 */
export const microserviceStatusSchema = z
  .object({
    readyReplicas: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Replicas ready to serve.'),
    observedGeneration: observedGenerationSchema
      .optional()
      .describe('The `metadata.generation` this status describes.'),
    conditions: conditionsSchema
      .optional()
      .describe('Conditions such as `Ready` and `Progressing`.'),
    children: childrenSchema
      .optional()
      .describe(
        'The native objects the KMOP operator rendered from this resource.',
      ),
  })
  .strict();

/**
 * A `kmop.dev/v1alpha1` Microservice.
 *
 * @public
 */
export const microserviceSchema = kmopResourceSchema(
  'Microservice',
  microserviceSpecSchema,
  microserviceStatusSchema,
);

/**
 * A Microservice after validation, with defaults applied.
 *
 * @public
 */
export type Microservice = z.output<typeof microserviceSchema>;
/**
 * A Microservice as written; fields with defaults may be left out.
 *
 * @public
 */
export type MicroserviceInput = z.input<typeof microserviceSchema>;
/**
 * `spec` of a Microservice after validation.
 *
 * @public
 */
export type MicroserviceSpec = z.output<typeof microserviceSpecSchema>;
/**
 * `status` of a Microservice.
 *
 * @public
 */
export type MicroserviceStatus = z.output<typeof microserviceStatusSchema>;
