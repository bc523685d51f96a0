import { z } from 'zod/v3';
import {
  dns1123LabelSchema,
  dns1123SubdomainSchema,
  labelValueSchema,
  qualifiedNameSchema,
} from './names';

/**
 * The part of Kubernetes' ObjectMeta a KMOP resource author writes. Fields the API server sets
 * (uid, resourceVersion, creationTimestamp, generation, managedFields…) pass through unchecked,
 * so objects read back from a cluster validate too.
 *
 * @public
 */
export const objectMetaSchema = z
  .object({
    name: dns1123SubdomainSchema.describe(
      'Name of the resource, unique per kind within its namespace (a DNS-1123 subdomain).',
    ),
    namespace: dns1123LabelSchema
      .optional()
      .describe(
        'Namespace of the resource; when absent, the namespace it is applied to.',
      ),
    labels: z
      .record(qualifiedNameSchema, labelValueSchema)
      .optional()
      .describe(
        'Labels, e.g. `app.kubernetes.io/name: <service>` and `backstage.io/kubernetes-id: <service>`.',
      ),
    annotations: z
      .record(qualifiedNameSchema, z.string())
      .optional()
      .describe('Annotations: free-form metadata for tools.'),
  })
  .passthrough()
  .describe('Standard Kubernetes object metadata.');

/**
 * Metadata as written.
 *
 * @public
 */
export type KmopObjectMeta = z.infer<typeof objectMetaSchema>;
