import { Entity } from '@backstage/catalog-model';
import { isDns1123Label, isLabelValue } from '../model/shared/names';
import { KmopEntityTarget } from '../view/types';
import {
  KMOP_ANNOTATION_SERVICE_NAME,
  KUBERNETES_ANNOTATION_CLUSTER,
  KUBERNETES_ANNOTATION_ID,
  KUBERNETES_ANNOTATION_LABEL_SELECTOR,
  KUBERNETES_ANNOTATION_NAMESPACE,
  KUBERNETES_ID_LABEL,
} from './annotations';
import { KmopAnnotationError } from './KmopAnnotationError';
import { LabelSelectorSyntaxError, parseLabelSelector } from './labelSelector';

/** The trimmed value of an annotation; `undefined` when absent, an error when blank. */
function readAnnotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  if (value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new KmopAnnotationError(name, 'must not be empty');
  }
  return trimmed;
}

function readServiceName(entity: Entity): string | undefined {
  const value = readAnnotation(entity, KMOP_ANNOTATION_SERVICE_NAME);
  if (value !== undefined && !isDns1123Label(value)) {
    throw new KmopAnnotationError(
      KMOP_ANNOTATION_SERVICE_NAME,
      `has "${value}", which is not a DNS-1123 label (lower case letters, digits and '-', ≤ 63 characters)`,
    );
  }
  return value;
}

function readKubernetesId(entity: Entity): string | undefined {
  const value = readAnnotation(entity, KUBERNETES_ANNOTATION_ID);
  if (value !== undefined && !isLabelValue(value)) {
    throw new KmopAnnotationError(
      KUBERNETES_ANNOTATION_ID,
      `has "${value}", which is not a valid label value (up to 63 letters, digits, '-', '_' or '.')`,
    );
  }
  return value;
}

function readLabelSelector(entity: Entity): string | undefined {
  const value = readAnnotation(entity, KUBERNETES_ANNOTATION_LABEL_SELECTOR);
  if (value !== undefined) {
    try {
      parseLabelSelector(value);
    } catch (error) {
      const problem =
        error instanceof LabelSelectorSyntaxError
          ? error.problem
          : String(error);
      throw new KmopAnnotationError(
        KUBERNETES_ANNOTATION_LABEL_SELECTOR,
        `has "${value}", which is not a valid label selector: ${problem}`,
      );
    }
  }
  return value;
}

function readNamespace(entity: Entity): string | undefined {
  const value = readAnnotation(entity, KUBERNETES_ANNOTATION_NAMESPACE);
  if (value !== undefined && !isDns1123Label(value)) {
    throw new KmopAnnotationError(
      KUBERNETES_ANNOTATION_NAMESPACE,
      `has "${value}", which is not a namespace name (a DNS-1123 label)`,
    );
  }
  return value;
}

/**
 * What the backend looks for in the clusters for an entity.
 *
 * The KMOP annotation wins; without it the Backstage Kubernetes annotations are used the way
 * Backstage's Kubernetes plugin uses them, so existing entities work unchanged: the label
 * selector annotation, else `backstage.io/kubernetes-id=<id>`. Namespace and cluster
 * annotations narrow the search either way. Every annotation present is checked, and a bad
 * value throws a {@link KmopAnnotationError} naming it.
 *
 * @public
 */
export function resolveEntityTarget(entity: Entity): KmopEntityTarget {
  const serviceName = readServiceName(entity);
  const kubernetesId = readKubernetesId(entity);
  const labelSelector = readLabelSelector(entity);
  const namespace = readNamespace(entity);
  const cluster = readAnnotation(entity, KUBERNETES_ANNOTATION_CLUSTER);

  const target: KmopEntityTarget = {};
  if (serviceName !== undefined) {
    target.serviceName = serviceName;
  } else if (labelSelector !== undefined) {
    target.labelSelector = labelSelector;
  } else if (kubernetesId !== undefined) {
    target.labelSelector = `${KUBERNETES_ID_LABEL}=${kubernetesId}`;
  }
  if (namespace !== undefined) {
    target.namespace = namespace;
  }
  if (cluster !== undefined) {
    target.cluster = cluster;
  }
  return target;
}
