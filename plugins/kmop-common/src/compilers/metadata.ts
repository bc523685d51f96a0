import {
  KMOP_SERVICE_NAME_LABEL,
  KUBERNETES_ID_LABEL,
} from '../entity/annotations';
import type { NativeObjectMeta } from './types';

/**
 * Label naming the tool that manages an object.
 *
 * @public
 */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/**
 * Annotation naming the KMOP resource an object was compiled from.
 *
 * @public
 */
export const COMPILED_FROM_ANNOTATION = 'kmop.dev/compiled-from';

/**
 * The labels every generated object carries.
 *
 * @public
 */
export function kmopLabels(serviceName: string): Record<string, string> {
  return {
    [KMOP_SERVICE_NAME_LABEL]: serviceName,
    [KUBERNETES_ID_LABEL]: serviceName,
    [MANAGED_BY_LABEL]: 'kmop',
  };
}

/**
 * The labels that select a service's pods; a subset of {@link kmopLabels}.
 *
 * @public
 */
export function podSelector(serviceName: string): Record<string, string> {
  return { [KMOP_SERVICE_NAME_LABEL]: serviceName };
}

/**
 * The KMOP resource a compiler reads metadata from.
 *
 * @public
 */
export interface KmopSourceMeta {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
}

/**
 * Metadata of an object compiled from `source`: its namespace, its labels
 * with the KMOP labels on top, and an annotation pointing back at it.
 *
 * @public
 */
export function compiledMetadata(
  source: KmopSourceMeta,
  serviceName: string,
  name: string = source.metadata.name,
): NativeObjectMeta {
  return {
    name,
    ...(source.metadata.namespace
      ? { namespace: source.metadata.namespace }
      : {}),
    labels: { ...source.metadata.labels, ...kmopLabels(serviceName) },
    annotations: {
      [COMPILED_FROM_ANNOTATION]: `${source.kind}/${source.metadata.name}`,
    },
  };
}
