export {
  SUPPORTED_KINDS,
  VIEW_SECTIONS,
  findSupportedKind,
  normalizeObject,
} from './registry';
export type {
  KmopViewSection,
  NormalizedItems,
  SupportedKind,
} from './registry';
export type { NormalizeContext, Normalizer } from './base';
export { fieldsToNormalize } from './fieldsToNormalize';
export { normalizeHttpRoute } from './routes/httpRoute';
export { normalizeGrpcRoute } from './routes/grpcRoute';
export { normalizeIngress } from './routes/ingress';
export { normalizeIstioVirtualServiceRoutes } from './routes/istioVirtualService';
export { normalizeKmopGatewayRoute } from './routes/kmopGatewayRoute';
export { normalizeKmopSlo } from './slos/kmopSlo';
export { normalizeSlothPrometheusServiceLevel } from './slos/slothPrometheusServiceLevel';
export { normalizePyrraSlo } from './slos/pyrraSlo';
export { normalizeKmopRolloutPolicy } from './rollouts/kmopRolloutPolicy';
export { normalizeArgoRollout } from './rollouts/argoRollout';
export { normalizeFlaggerCanary } from './rollouts/flaggerCanary';
export { normalizeDeployment } from './rollouts/deployment';
export { normalizeKmopResiliencePolicy } from './resilience/kmopResiliencePolicy';
export { normalizeIstioDestinationRule } from './resilience/istioDestinationRule';
export { normalizeIstioVirtualServiceResilience } from './resilience/istioVirtualService';
export { normalizeEnvoyBackendTrafficPolicy } from './resilience/envoyBackendTrafficPolicy';
export { normalizeHttpRouteTimeouts } from './resilience/httpRouteTimeouts';
export { normalizePodDisruptionBudget } from './resilience/podDisruptionBudget';
export { normalizeHorizontalPodAutoscaler } from './resilience/horizontalPodAutoscaler';
