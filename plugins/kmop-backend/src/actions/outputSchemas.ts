import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';

/*
 * Output schema parts several actions share. Items keep every field of the
 * view (passthrough): the schema names the fields every item has, and the
 * action descriptions say what else each section carries.
 */

/** The zod the actions registry builds schemas with (its own copy of zod v3). */
type Zod = Parameters<
  ActionsRegistryActionOptions<never, never>['schema']['input']
>[0];

/**
 * What the builders below return, as far as TypeScript is told: an object
 * schema with any keys, or any schema for the passthrough items. Their exact zod types cannot be named outside this
 * package (the registry's zod is a private copy of zod), and view interfaces
 * have no index signature for a passthrough type to accept.
 */
type ObjectSchema = ReturnType<Zod['object']>;
type AnySchema = InstanceType<Zod['ZodType']>;

export const itemSchema = (z: Zod, what: string): AnySchema =>
  z
    .object({
      id: z
        .string()
        .describe('Stable id: cluster/apiVersion/kind/namespace/name.'),
      source: z
        .object({
          cluster: z.string().describe('Cluster the object was read from.'),
          apiVersion: z.string().describe('apiVersion of the object.'),
          kind: z.string().describe('Kind of the object.'),
          namespace: z.string().optional().describe('Namespace of the object.'),
          name: z.string().describe('Name of the object.'),
        })
        .describe('The Kubernetes object this item was read from.'),
      health: z
        .enum(['ok', 'progressing', 'degraded', 'unknown'])
        .describe('How the item is doing.'),
      healthReason: z.string().describe('Why, in words a person can act on.'),
      badges: z.array(z.string()).describe('Flags such as paused or stale.'),
    })
    .passthrough()
    .describe(what);

export const clusterStatusSchema = (z: Zod): ObjectSchema =>
  z
    .object({
      name: z.string().describe('Cluster name as configured.'),
      state: z
        .enum(['syncing', 'ready', 'error'])
        .describe('State of the cluster in KMOP’s cache.'),
      error: z
        .object({
          kind: z
            .string()
            .describe(
              'unreachable, timeout, unauthorized, forbidden, server, malformed or config.',
            ),
          status: z
            .number()
            .optional()
            .describe('HTTP status, when the cluster answered.'),
          message: z.string().describe('What went wrong.'),
          resource: z
            .string()
            .optional()
            .describe('The resource the error is about, if one.'),
        })
        .optional()
        .describe('Set when the cluster is in error.'),
      staleSince: z
        .string()
        .optional()
        .describe(
          'Set while data from this cluster may be out of date (ISO 8601).',
        ),
      lastSyncedAt: z
        .string()
        .optional()
        .describe('Last time every watched kind was in sync (ISO 8601).'),
    })
    .describe('One configured cluster.');
