import { z } from 'zod/v3';
import { tryParseDuration } from '../duration';
import {
  conditionsSchema,
  dns1123LabelSchema,
  dns1123SubdomainSchema,
  duplicateViolations,
  durationSchema,
  kmopResourceSchema,
  observedGenerationSchema,
  portNumberSchema,
  rateLimitSchema,
  withRules,
  childrenSchema,
} from './shared';

const HOSTNAME =
  /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HOSTNAME_MESSAGE =
  "must be a lower-case DNS name, optionally starting with '*.' (e.g. payments.example.com)";
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

const gatewayRefSchema = z
  .object({
    name: dns1123SubdomainSchema.describe('Name of the Gateway.'),
    namespace: dns1123LabelSchema
      .optional()
      .describe(
        "Namespace of the Gateway; when absent, the route's namespace.",
      ),
    sectionName: dns1123SubdomainSchema
      .optional()
      .describe(
        'Listener of the Gateway to attach to; when absent, all listeners.',
      ),
  })
  .strict();

const matchSchema = z
  .object({
    path: z
      .object({
        type: z
          .enum(['PathPrefix', 'Exact', 'RegularExpression'])
          .default('PathPrefix')
          .describe('How `value` is compared with the request path.'),
        value: z
          .string()
          .max(1024)
          .regex(/^\//, { message: "must start with '/'" })
          .describe(
            'Path, path prefix or regular expression; starts with `/`.',
          ),
      })
      .strict()
      .describe('Request path to match.'),
    method: z
      .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
      .optional()
      .describe('HTTP method to match; when absent, any method.'),
  })
  .strict();

const backendSchema = z
  .object({
    name: dns1123LabelSchema.describe(
      'Name of the Service to send traffic to.',
    ),
    port: portNumberSchema
      .optional()
      .describe('Port of the Service; when absent, `spec.port`.'),
    weight: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(100)
      .describe(
        "Share of the route's traffic, relative to the other backends' weights (0 sends none).",
      ),
  })
  .strict();

const timeoutsSchema = withRules(
  z
    .object({
      request: durationSchema
        .optional()
        .describe(
          'Longest a client request may take, retries included (e.g. `30s`).',
        ),
      backendRequest: durationSchema
        .optional()
        .describe(
          'Longest one request from the gateway to a backend may take.',
        ),
    })
    .strict(),
  [
    {
      description: '`backendRequest` must be ≤ `request`.',
      check: value => {
        if (value.request === undefined || value.backendRequest === undefined) {
          return [];
        }
        const request = tryParseDuration(value.request, 'kmop') ?? 0;
        const backend = tryParseDuration(value.backendRequest, 'kmop') ?? 0;
        return backend > request
          ? [
              {
                path: ['backendRequest'],
                message: `must be ≤ request (${value.request})`,
              },
            ]
          : [];
      },
    },
  ],
);

const jwtSchema = z
  .object({
    issuer: z
      .string()
      .url({ message: 'must be a URL' })
      .describe(
        'Expected `iss` claim of the tokens, e.g. `https://auth.example.com`.',
      ),
    jwksUri: z
      .string()
      .url({ message: 'must be a URL' })
      .regex(/^https?:\/\//, { message: 'must be an http(s) URL' })
      .describe('Where the keys that sign the tokens are published.'),
    audiences: z
      .array(z.string().min(1))
      .optional()
      .describe('Accepted `aud` claims; when absent, any audience.'),
  })
  .strict();

const apiKeySchema = z
  .object({
    header: z
      .string()
      .max(256)
      .regex(HEADER_NAME, { message: 'must be an HTTP header name' })
      .describe('Request header carrying the API key, e.g. `x-api-key`.'),
  })
  .strict();

const authSchema = withRules(
  z
    .object({
      type: z
        .enum(['none', 'jwt', 'apiKey'])
        .default('none')
        .describe('How callers authenticate.'),
      jwt: jwtSchema
        .optional()
        .describe('JSON Web Token validation; required when `type` is `jwt`.'),
      apiKey: apiKeySchema
        .optional()
        .describe('API key check; required when `type` is `apiKey`.'),
    })
    .strict(),
  [
    {
      description: '`jwt` is required when `type` is `jwt`.',
      cel: "!has(self.type) || self.type != 'jwt' || has(self.jwt)",
      check: value =>
        value.type === 'jwt' && !value.jwt
          ? [{ path: ['jwt'], message: 'is required when type is jwt' }]
          : [],
    },
    {
      description: '`apiKey` is required when `type` is `apiKey`.',
      cel: "!has(self.type) || self.type != 'apiKey' || has(self.apiKey)",
      check: value =>
        value.type === 'apiKey' && !value.apiKey
          ? [{ path: ['apiKey'], message: 'is required when type is apiKey' }]
          : [],
    },
  ],
);

/**
 * A hostname a route answers for, e.g. `payments.example.com` or `*.example.com`.
 *
 * @public
 */
export const hostnameSchema = z
  .string()
  .max(253, { message: HOSTNAME_MESSAGE })
  .regex(HOSTNAME, { message: HOSTNAME_MESSAGE });

const DEFAULT_MATCHES = [{ path: { type: 'PathPrefix' as const, value: '/' } }];

/**
 * `spec` of a GatewayRoute.
 *
 * @public
 */
export const gatewayRouteSpecSchema = z
  .object({
    serviceRef: dns1123LabelSchema.describe(
      'KMOP service name the route exposes (the `app.kubernetes.io/name` label of its objects).',
    ),
    gateway: gatewayRefSchema.describe('The Gateway the route attaches to.'),
    hostnames: withRules(
      z.array(hostnameSchema).max(16),
      [
        {
          description: 'Hostnames must be unique.',
          check: hostnames =>
            duplicateViolations(
              hostnames,
              h => h,
              i => [i],
              'hostname',
            ),
        },
      ],
      { listSet: true },
    ).describe(
      'Hostnames the route answers for; an empty list answers for every hostname of the Gateway.',
    ),
    matches: z
      .array(matchSchema)
      .min(1)
      .max(64)
      .default(DEFAULT_MATCHES)
      .describe('Requests the route takes; by default every path.'),
    port: portNumberSchema.describe(
      'Port of the service that receives the traffic.',
    ),
    backends: z
      .array(backendSchema)
      .min(1)
      .max(16)
      .optional()
      .describe(
        'Services traffic is split between; by default the service itself with weight 100. A canary split has two entries.',
      ),
    timeouts: timeoutsSchema
      .optional()
      .describe('Request timeouts the gateway applies.'),
    auth: authSchema
      .optional()
      .describe('Authentication the gateway requires; by default none.'),
    rateLimit: rateLimitSchema
      .optional()
      .describe(
        'Requests the gateway lets through per unit of time, per route.',
      ),
  })
  .strict()
  .transform(spec => ({
    ...spec,
    backends: spec.backends ?? [
      { name: spec.serviceRef, port: spec.port, weight: 100 },
    ],
  }))
  .describe('How the service is exposed through a gateway.');

/**
 * `status` of a GatewayRoute.
 *
 * @public
 */
export const gatewayRouteStatusSchema = z
  .object({
    url: z
      .string()
      .url({ message: 'must be a URL' })
      .optional()
      .describe(
        'Where the route can be reached, e.g. `https://payments.example.com/`.',
      ),
    observedGeneration: observedGenerationSchema
      .optional()
      .describe('The `metadata.generation` this status describes.'),
    conditions: conditionsSchema
      .optional()
      .describe(
        'Conditions `Accepted` (by the Gateway) and `ResolvedRefs` (backends found).',
      ),
    children: childrenSchema
      .optional()
      .describe(
        'The native objects the KMOP operator rendered from this resource.',
      ),
    parents: z
      .array(
        z
          .object({
            name: z
              .string()
              .max(253)
              .describe('Name of the parent (a Gateway).'),
            namespace: z
              .string()
              .max(63)
              .optional()
              .describe('Namespace of the parent.'),
            sectionName: z
              .string()
              .max(253)
              .optional()
              .describe('Listener of the parent the route attaches to.'),
            accepted: z
              .enum(['True', 'False', 'Unknown'])
              .describe(
                'The HTTPRoute’s `Accepted` condition for this parent.',
              ),
            resolvedRefs: z
              .enum(['True', 'False', 'Unknown'])
              .describe(
                'The HTTPRoute’s `ResolvedRefs` condition for this parent.',
              ),
            message: z
              .string()
              .max(32768)
              .optional()
              .describe(
                'Why a condition is not True, as the Gateway controller says it.',
              ),
          })
          .strict(),
      )
      .optional()
      .describe(
        'Per parent Gateway, the HTTPRoute’s status as the operator mirrored it.',
      ),
  })
  .strict();

/**
 * A `kmop.dev/v1alpha1` GatewayRoute.
 *
 * @public
 */
export const gatewayRouteSchema = kmopResourceSchema(
  'GatewayRoute',
  gatewayRouteSpecSchema,
  gatewayRouteStatusSchema,
);

/**
 * A GatewayRoute after validation, with defaults applied (`backends` always present).
 *
 * @public
 */
export type GatewayRoute = z.output<typeof gatewayRouteSchema>;
/**
 * A GatewayRoute as written; fields with defaults may be left out.
 *
 * @public
 */
export type GatewayRouteInput = z.input<typeof gatewayRouteSchema>;
/**
 * `spec` of a GatewayRoute after validation.
 *
 * @public
 */
export type GatewayRouteSpec = z.output<typeof gatewayRouteSpecSchema>;
/**
 * `status` of a GatewayRoute.
 *
 * @public
 */
export type GatewayRouteStatus = z.output<typeof gatewayRouteStatusSchema>;
