import type { GatewayRoute } from '../model/gatewayRoute';
import { toGoDuration } from '../duration';
import { compiledMetadata } from './metadata';
import type { CompileResult, JsonObject, NativeObject } from './types';

function parentRef(route: GatewayRoute): JsonObject {
  const { gateway } = route.spec;
  return {
    group: 'gateway.networking.k8s.io',
    kind: 'Gateway',
    name: gateway.name,
    ...(gateway.namespace ? { namespace: gateway.namespace } : {}),
    ...(gateway.sectionName ? { sectionName: gateway.sectionName } : {}),
  };
}

function timeouts(route: GatewayRoute): JsonObject | undefined {
  const t = route.spec.timeouts;
  if (!t || (!t.request && !t.backendRequest)) return undefined;
  return {
    ...(t.request ? { request: toGoDuration(t.request) } : {}),
    ...(t.backendRequest
      ? { backendRequest: toGoDuration(t.backendRequest) }
      : {}),
  };
}

/**
 * The HTTPRoute of a GatewayRoute: one rule holding every match, backend and timeout.
 *
 * @public
 */
export function compileHttpRoute(route: GatewayRoute): NativeObject {
  const { spec } = route;
  const routeTimeouts = timeouts(route);
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: compiledMetadata(route, spec.serviceRef),
    spec: {
      parentRefs: [parentRef(route)],
      ...(spec.hostnames.length > 0 ? { hostnames: [...spec.hostnames] } : {}),
      rules: [
        {
          matches: spec.matches.map(m => ({
            path: { type: m.path.type, value: m.path.value },
            ...(m.method ? { method: m.method } : {}),
          })),
          backendRefs: spec.backends.map(b => ({
            group: '',
            kind: 'Service',
            name: b.name,
            port: b.port ?? spec.port,
            weight: b.weight,
          })),
          ...(routeTimeouts ? { timeouts: routeTimeouts } : {}),
        },
      ],
    },
  };
}

/**
 * A GatewayRoute as a Gateway API HTTPRoute. Authentication and rate limits
 * are not part of Gateway API: {@link compileGatewayRouteEnvoyPolicies} emits
 * them for Envoy Gateway; without it they are reported as warnings.
 *
 * @public
 */
export function compileGatewayRoute(
  route: GatewayRoute,
  options: { envoyGatewayPolicies?: boolean } = {},
): CompileResult {
  const warnings: string[] = [];
  if (!options.envoyGatewayPolicies) {
    const name = `GatewayRoute ${route.metadata.name}`;
    if (route.spec.auth && route.spec.auth.type !== 'none') {
      warnings.push(
        `${name}: auth ${route.spec.auth.type} is not part of Gateway API; add the envoy-gateway target to emit a SecurityPolicy.`,
      );
    }
    if (route.spec.rateLimit) {
      warnings.push(
        `${name}: rateLimit is not part of Gateway API; add the envoy-gateway target to emit a BackendTrafficPolicy.`,
      );
    }
  }
  return { objects: [compileHttpRoute(route)], warnings };
}
