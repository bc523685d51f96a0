/**
 * Every source kind the view understands: where to find it in a cluster and which view
 * sections it feeds. The backend discovers which of these a cluster serves, watches them and
 * runs {@link normalizeObject} on what it caches. Secrets are never among them.
 */
import type {
  KmopResilienceView,
  KmopRolloutView,
  KmopRouteView,
  KmopSloView,
} from '../view';
import { isRecord } from './access';
import { parseApiVersion } from '../util/apiVersion';
import type { NormalizeContext, Normalizer } from './base';
import { normalizeEnvoyBackendTrafficPolicy } from './resilience/envoyBackendTrafficPolicy';
import { normalizeHorizontalPodAutoscaler } from './resilience/horizontalPodAutoscaler';
import { normalizeHttpRouteTimeouts } from './resilience/httpRouteTimeouts';
import { normalizeIstioDestinationRule } from './resilience/istioDestinationRule';
import { normalizeIstioVirtualServiceResilience } from './resilience/istioVirtualService';
import { normalizeKmopResiliencePolicy } from './resilience/kmopResiliencePolicy';
import { normalizePodDisruptionBudget } from './resilience/podDisruptionBudget';
import { normalizeArgoRollout } from './rollouts/argoRollout';
import { normalizeDeployment } from './rollouts/deployment';
import { normalizeFlaggerCanary } from './rollouts/flaggerCanary';
import { normalizeKmopRolloutPolicy } from './rollouts/kmopRolloutPolicy';
import { normalizeGrpcRoute } from './routes/grpcRoute';
import { normalizeHttpRoute } from './routes/httpRoute';
import { normalizeIngress } from './routes/ingress';
import { normalizeIstioVirtualServiceRoutes } from './routes/istioVirtualService';
import { normalizeKmopGatewayRoute } from './routes/kmopGatewayRoute';
import { normalizePyrraSlo } from './slos/pyrraSlo';
import { normalizeKmopSlo } from './slos/kmopSlo';
import { normalizeSlothPrometheusServiceLevel } from './slos/slothPrometheusServiceLevel';

/**
 * The view items one object yields, by section.
 *
 * @public
 */
export interface NormalizedItems {
  routes: KmopRouteView[];
  slos: KmopSloView[];
  rollouts: KmopRolloutView[];
  resilience: KmopResilienceView[];
}

/** @public */
export type KmopViewSection = keyof NormalizedItems;

/**
 * The order sections are listed in.
 *
 * @public
 */
export const VIEW_SECTIONS: readonly KmopViewSection[] = [
  'routes',
  'slos',
  'rollouts',
  'resilience',
];

/**
 * A source kind as the Kubernetes API serves it.
 *
 * @public
 */
export interface SupportedKind {
  /** API group; `''` would be the core group (no supported kind is in it). */
  group: string;
  /** Served versions to use, most preferred first. */
  versions: string[];
  plural: string;
  kind: string;
  namespaced: boolean;
  /** View sections its objects feed; empty for kinds cached for lookups only. */
  sections: KmopViewSection[];
}

type SectionNormalizers = {
  [S in KmopViewSection]?: Normalizer<NormalizedItems[S][number]>;
};

interface KindEntry
  extends Omit<SupportedKind, 'sections' | 'namespaced' | 'versions'> {
  versions: readonly string[];
  normalize: SectionNormalizers;
}

const GATEWAY_API = 'gateway.networking.k8s.io';
const ISTIO = 'networking.istio.io';
const ISTIO_VERSIONS = ['v1', 'v1beta1', 'v1alpha3'];
const KMOP = 'kmop.dev';

const ENTRIES: readonly KindEntry[] = [
  // KMOP's own kinds. Microservice feeds no section yet; the backend caches it for lookups.
  {
    group: KMOP,
    versions: ['v1alpha1'],
    plural: 'microservices',
    kind: 'Microservice',
    normalize: {},
  },
  {
    group: KMOP,
    versions: ['v1alpha1'],
    plural: 'gatewayroutes',
    kind: 'GatewayRoute',
    normalize: { routes: normalizeKmopGatewayRoute },
  },
  {
    group: KMOP,
    versions: ['v1alpha1'],
    plural: 'servicelevelobjectives',
    kind: 'ServiceLevelObjective',
    normalize: { slos: normalizeKmopSlo },
  },
  {
    group: KMOP,
    versions: ['v1alpha1'],
    plural: 'rolloutpolicies',
    kind: 'RolloutPolicy',
    normalize: { rollouts: normalizeKmopRolloutPolicy },
  },
  {
    group: KMOP,
    versions: ['v1alpha1'],
    plural: 'resiliencepolicies',
    kind: 'ResiliencePolicy',
    normalize: { resilience: normalizeKmopResiliencePolicy },
  },
  // Routes.
  {
    group: GATEWAY_API,
    versions: ['v1', 'v1beta1'],
    plural: 'httproutes',
    kind: 'HTTPRoute',
    normalize: {
      routes: normalizeHttpRoute,
      resilience: normalizeHttpRouteTimeouts,
    },
  },
  {
    group: GATEWAY_API,
    versions: ['v1', 'v1alpha2'],
    plural: 'grpcroutes',
    kind: 'GRPCRoute',
    normalize: { routes: normalizeGrpcRoute },
  },
  {
    group: 'networking.k8s.io',
    versions: ['v1'],
    plural: 'ingresses',
    kind: 'Ingress',
    normalize: { routes: normalizeIngress },
  },
  {
    group: ISTIO,
    versions: ISTIO_VERSIONS,
    plural: 'virtualservices',
    kind: 'VirtualService',
    normalize: {
      routes: normalizeIstioVirtualServiceRoutes,
      resilience: normalizeIstioVirtualServiceResilience,
    },
  },
  // SLOs.
  {
    group: 'sloth.slok.dev',
    versions: ['v1'],
    plural: 'prometheusservicelevels',
    kind: 'PrometheusServiceLevel',
    normalize: { slos: normalizeSlothPrometheusServiceLevel },
  },
  {
    group: 'pyrra.dev',
    versions: ['v1alpha1'],
    plural: 'servicelevelobjectives',
    kind: 'ServiceLevelObjective',
    normalize: { slos: normalizePyrraSlo },
  },
  // Rollouts.
  {
    group: 'argoproj.io',
    versions: ['v1alpha1'],
    plural: 'rollouts',
    kind: 'Rollout',
    normalize: { rollouts: normalizeArgoRollout },
  },
  {
    group: 'flagger.app',
    versions: ['v1beta1'],
    plural: 'canaries',
    kind: 'Canary',
    normalize: { rollouts: normalizeFlaggerCanary },
  },
  {
    group: 'apps',
    versions: ['v1'],
    plural: 'deployments',
    kind: 'Deployment',
    normalize: { rollouts: normalizeDeployment },
  },
  // Resilience.
  {
    group: ISTIO,
    versions: ISTIO_VERSIONS,
    plural: 'destinationrules',
    kind: 'DestinationRule',
    normalize: { resilience: normalizeIstioDestinationRule },
  },
  {
    group: 'gateway.envoyproxy.io',
    versions: ['v1alpha1'],
    plural: 'backendtrafficpolicies',
    kind: 'BackendTrafficPolicy',
    normalize: { resilience: normalizeEnvoyBackendTrafficPolicy },
  },
  {
    group: 'policy',
    versions: ['v1'],
    plural: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    normalize: { resilience: normalizePodDisruptionBudget },
  },
  {
    group: 'autoscaling',
    versions: ['v2'],
    plural: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    normalize: { resilience: normalizeHorizontalPodAutoscaler },
  },
];

/**
 * Every supported source kind. All are namespaced.
 *
 * @public
 */
export const SUPPORTED_KINDS: readonly SupportedKind[] = ENTRIES.map(
  ({ normalize, ...kind }) => ({
    ...kind,
    versions: [...kind.versions],
    namespaced: true,
    sections: VIEW_SECTIONS.filter(s => normalize[s] !== undefined),
  }),
);

function findEntry(apiVersion: string, kind: string): KindEntry | undefined {
  const { group, version } = parseApiVersion(apiVersion);
  return ENTRIES.find(
    e => e.group === group && e.kind === kind && e.versions.includes(version),
  );
}

/**
 * The supported kind an object's apiVersion and kind name, if any (any listed version matches).
 *
 * @public
 */
export function findSupportedKind(
  apiVersion: string,
  kind: string,
): SupportedKind | undefined {
  const entry = findEntry(apiVersion, kind);
  return entry && SUPPORTED_KINDS[ENTRIES.indexOf(entry)];
}

/**
 * The view items of one object, by section; all empty for objects of kinds that are not
 * supported (or not objects at all). Never throws.
 *
 * @public
 */
export function normalizeObject(
  obj: unknown,
  ctx: NormalizeContext,
): NormalizedItems {
  const items: NormalizedItems = {
    routes: [],
    slos: [],
    rollouts: [],
    resilience: [],
  };
  if (!isRecord(obj)) return items;
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return items;
  const entry = findEntry(apiVersion, kind);
  if (!entry) return items;
  const n = entry.normalize;
  if (n.routes) items.routes = n.routes(obj, ctx);
  if (n.slos) items.slos = n.slos(obj, ctx);
  if (n.rollouts) items.rollouts = n.rollouts(obj, ctx);
  if (n.resilience) items.resilience = n.resilience(obj, ctx);
  return items;
}
