/**
 * The KMOP service name of an entity: `spec.serviceRef` of KMOP resources and the `app.kubernetes.io/name` label.
 *
 * @public
 */
export const KMOP_ANNOTATION_SERVICE_NAME = 'kmop.dev/service-name';

/**
 * Backstage's Kubernetes id: objects labelled `backstage.io/kubernetes-id=<id>` belong to the entity.
 *
 * @public
 */
export const KUBERNETES_ANNOTATION_ID = 'backstage.io/kubernetes-id';

/**
 * Backstage's label selector annotation, e.g. `app=payments,tier!=batch`.
 *
 * @public
 */
export const KUBERNETES_ANNOTATION_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';

/**
 * Limits the search to one namespace.
 *
 * @public
 */
export const KUBERNETES_ANNOTATION_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/**
 * Limits the search to one cluster, by its configured name.
 *
 * @public
 */
export const KUBERNETES_ANNOTATION_CLUSTER = 'backstage.io/kubernetes-cluster';

/**
 * The label Backstage's Kubernetes plugin matches `backstage.io/kubernetes-id` against.
 *
 * @public
 */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/**
 * The label carrying the KMOP service name on native objects.
 *
 * @public
 */
export const KMOP_SERVICE_NAME_LABEL = 'app.kubernetes.io/name';
