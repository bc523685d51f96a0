import { Entity } from '@backstage/catalog-model';
import {
  KMOP_ANNOTATION_SERVICE_NAME,
  KUBERNETES_ANNOTATION_ID,
  KUBERNETES_ANNOTATION_LABEL_SELECTOR,
} from './annotations';

/**
 * True when the entity says where its KMOP resources are: the KMOP service name annotation,
 * or Backstage's `kubernetes-id` or `kubernetes-label-selector`. Values are not checked here;
 * `resolveEntityTarget` reports bad ones.
 *
 * @public
 */
export function isKmopAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return [
    KMOP_ANNOTATION_SERVICE_NAME,
    KUBERNETES_ANNOTATION_ID,
    KUBERNETES_ANNOTATION_LABEL_SELECTOR,
  ].some(name => Boolean(annotations[name]?.trim()));
}
