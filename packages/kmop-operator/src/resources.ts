import {
  KMOP_API_VERSION,
  KMOP_KIND_NAMES,
  KMOP_KINDS,
  KmopKind,
  parseApiVersion,
} from '@kmop/plugin-kmop-common';

/** A kind of object the operator lists and watches. */
export interface WatchedResource {
  apiVersion: string;
  kind: string;
  /** The REST resource name, e.g. `deployments`. */
  plural: string;
}

/** The kmop.dev kinds the operator reconciles. */
export const KMOP_RESOURCES: readonly (WatchedResource & { kind: KmopKind })[] =
  KMOP_KIND_NAMES.map(kind => ({
    apiVersion: KMOP_API_VERSION,
    kind,
    plural: KMOP_KINDS[kind].plural,
  }));

/**
 * Every kind `compileToNative` emits. The operator watches each so that a child changed or
 * deleted by hand is put back, and so that it can mirror the children's status. A test keeps
 * this list and the ClusterRole in deploy/operator in step with the compilers.
 */
export const CHILD_RESOURCES: readonly WatchedResource[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments' },
  { apiVersion: 'v1', kind: 'Service', plural: 'services' },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
  },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    plural: 'httproutes',
  },
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', plural: 'rollouts' },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    plural: 'analysistemplates',
  },
  { apiVersion: 'flagger.app/v1beta1', kind: 'Canary', plural: 'canaries' },
  {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'MetricTemplate',
    plural: 'metrictemplates',
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    plural: 'virtualservices',
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    plural: 'destinationrules',
  },
  {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    plural: 'backendtrafficpolicies',
  },
  {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'SecurityPolicy',
    plural: 'securitypolicies',
  },
  {
    apiVersion: 'sloth.slok.dev/v1',
    kind: 'PrometheusServiceLevel',
    plural: 'prometheusservicelevels',
  },
  {
    apiVersion: 'pyrra.dev/v1alpha1',
    kind: 'ServiceLevelObjective',
    plural: 'servicelevelobjectives',
  },
];

/** A GatewayRoute's parent, whose listener protocol gives the route's URL its scheme. */
export const GATEWAY_RESOURCE: WatchedResource = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  plural: 'gateways',
};

/** Kinds the operator watches but never writes (the ClusterRole grants list and watch). */
export const READ_RESOURCES: readonly WatchedResource[] = [GATEWAY_RESOURCE];

/** The API group of an apiVersion; '' for the core group. */
export function groupOf(apiVersion: string): string {
  return parseApiVersion(apiVersion).group;
}

/** Groups served by every API server, whose kinds need no CRD. */
const BUILTIN_GROUPS = new Set(['', 'apps', 'autoscaling', 'policy']);

/** The CRD that serves a kind, e.g. `rollouts.argoproj.io`; undefined for built-in kinds. */
export function crdNameOf(resource: WatchedResource): string | undefined {
  const group = groupOf(resource.apiVersion);
  return BUILTIN_GROUPS.has(group) ? undefined : `${resource.plural}.${group}`;
}

/** `apiVersion kind`, the key the operator indexes watched kinds by. */
export function typeKey(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

/** The REST path listing a kind in every namespace. */
export function collectionPath(resource: WatchedResource): string {
  const prefix = resource.apiVersion.includes('/') ? '/apis' : '/api';
  return `${prefix}/${resource.apiVersion}/${resource.plural}`;
}
