import type { GatewayRoute } from '../model/gatewayRoute';
import { compiledMetadata } from './metadata';
import type { CompileResult, JsonObject, NativeObject } from './types';

/**
 * A policy's reference to the HTTPRoute compiled from a GatewayRoute.
 *
 * @public
 */
export function httpRouteTargetRef(routeName: string): JsonObject {
  return {
    group: 'gateway.networking.k8s.io',
    kind: 'HTTPRoute',
    name: routeName,
  };
}

/**
 * Name of the Secret holding the API keys a GatewayRoute accepts.
 *
 * @public
 */
export function apiKeySecretName(route: GatewayRoute): string {
  return `${route.metadata.name}-api-keys`;
}

function securityPolicy(route: GatewayRoute): NativeObject | undefined {
  const auth = route.spec.auth;
  if (!auth || auth.type === 'none') return undefined;
  let spec: JsonObject;
  if (auth.type === 'jwt' && auth.jwt) {
    spec = {
      jwt: {
        providers: [
          {
            name: 'kmop',
            issuer: auth.jwt.issuer,
            ...(auth.jwt.audiences?.length
              ? { audiences: [...auth.jwt.audiences] }
              : {}),
            remoteJWKS: { uri: auth.jwt.jwksUri },
          },
        ],
      },
    };
  } else if (auth.type === 'apiKey' && auth.apiKey) {
    spec = {
      apiKeyAuth: {
        credentialRefs: [
          { group: '', kind: 'Secret', name: apiKeySecretName(route) },
        ],
        extractFrom: [{ headers: [auth.apiKey.header] }],
      },
    };
  } else {
    return undefined;
  }
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'SecurityPolicy',
    metadata: compiledMetadata(route, route.spec.serviceRef),
    spec: { targetRefs: [httpRouteTargetRef(route.metadata.name)], ...spec },
  };
}

function rateLimitPolicy(route: GatewayRoute): NativeObject | undefined {
  const rateLimit = route.spec.rateLimit;
  if (!rateLimit) return undefined;
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    metadata: compiledMetadata(route, route.spec.serviceRef),
    spec: {
      targetRefs: [httpRouteTargetRef(route.metadata.name)],
      rateLimit: {
        local: {
          rules: [
            { limit: { requests: rateLimit.requests, unit: rateLimit.unit } },
          ],
        },
      },
    },
  };
}

/**
 * Envoy Gateway policies for what a GatewayRoute declares beyond Gateway API:
 * a SecurityPolicy for `jwt` or `apiKey` auth and a BackendTrafficPolicy for
 * its rate limit (a local limit, enforced by each Envoy replica).
 *
 * @public
 */
export function compileGatewayRouteEnvoyPolicies(
  route: GatewayRoute,
): CompileResult {
  const warnings: string[] = [];
  const security = securityPolicy(route);
  if (route.spec.auth?.type === 'apiKey') {
    warnings.push(
      `GatewayRoute ${
        route.metadata.name
      }: create the Secret ${apiKeySecretName(
        route,
      )} with the accepted API keys (one key per client) for the SecurityPolicy to admit requests.`,
    );
  }
  const rate = rateLimitPolicy(route);
  return {
    objects: [security, rate].filter((o): o is NativeObject => o !== undefined),
    warnings,
  };
}
