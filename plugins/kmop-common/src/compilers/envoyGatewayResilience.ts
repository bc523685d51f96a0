import type { ResiliencePolicy } from '../model/resiliencePolicy';
import type { KmopRateLimit } from '../model/shared/network';
import { toGoDuration } from '../duration';
import { httpRouteTargetRef } from './envoyGatewayRoute';
import { compiledMetadata } from './metadata';
import type { CompileResult, JsonObject } from './types';

/** Retry conditions Envoy Gateway's `retryOn.triggers` accepts. */
const ENVOY_GATEWAY_TRIGGERS = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

/** @public */
export interface CompileEnvoyGatewayResilienceOptions {
  /** Names of the HTTPRoutes of the service the policy attaches to. */
  httpRoutes: string[];
  /**
   * A rate limit the service's GatewayRoute declares, merged into this
   * policy because Envoy Gateway lets only one BackendTrafficPolicy act on a route.
   */
  routeRateLimit?: KmopRateLimit;
}

function retry(
  policy: ResiliencePolicy,
  warnings: string[],
): JsonObject | undefined {
  const r = policy.spec.retries;
  if (!r) return undefined;
  const codes = r.retryOn.filter(c => /^[0-9]{3}$/.test(c)).map(Number);
  const named = r.retryOn.filter(c => !/^[0-9]{3}$/.test(c));
  const triggers = named.filter(c => ENVOY_GATEWAY_TRIGGERS.has(c));
  const dropped = named.filter(c => !ENVOY_GATEWAY_TRIGGERS.has(c));
  if (dropped.length) {
    warnings.push(
      `ResiliencePolicy ${
        policy.metadata.name
      }: Envoy Gateway does not take the retry conditions ${dropped.join(
        ', ',
      )}; they are left out.`,
    );
  }
  if (codes.length && !triggers.includes('retriable-status-codes')) {
    triggers.push('retriable-status-codes');
  }
  const perRetry: JsonObject = {};
  if (r.perTryTimeout) perRetry.timeout = toGoDuration(r.perTryTimeout);
  if (r.backoff) {
    perRetry.backOff = {
      baseInterval: toGoDuration(r.backoff.baseInterval),
      maxInterval: toGoDuration(r.backoff.maxInterval),
    };
  }
  return {
    numRetries: r.attempts,
    retryOn: {
      ...(triggers.length ? { triggers } : {}),
      ...(codes.length ? { httpStatusCodes: codes } : {}),
    },
    ...(Object.keys(perRetry).length ? { perRetry } : {}),
  };
}

function timeout(policy: ResiliencePolicy): JsonObject | undefined {
  const t = policy.spec.timeouts;
  if (!t) return undefined;
  const http: JsonObject = {};
  if (t.request) http.requestTimeout = toGoDuration(t.request);
  if (t.idle) http.connectionIdleTimeout = toGoDuration(t.idle);
  const out: JsonObject = {};
  if (t.connect) out.tcp = { connectTimeout: toGoDuration(t.connect) };
  if (Object.keys(http).length) out.http = http;
  return Object.keys(out).length ? out : undefined;
}

function circuitBreaker(policy: ResiliencePolicy): JsonObject | undefined {
  const { circuitBreaker: cb, bulkhead } = policy.spec;
  const out: JsonObject = {};
  if (cb?.maxConnections !== undefined) out.maxConnections = cb.maxConnections;
  const pending = [cb?.maxPendingRequests, bulkhead?.maxQueue].filter(
    (n): n is number => n !== undefined,
  );
  if (pending.length) out.maxPendingRequests = Math.min(...pending);
  const parallel = [cb?.maxRequests, bulkhead?.maxConcurrentRequests].filter(
    (n): n is number => n !== undefined,
  );
  if (parallel.length) out.maxParallelRequests = Math.min(...parallel);
  return Object.keys(out).length ? out : undefined;
}

function passiveHealthCheck(policy: ResiliencePolicy): JsonObject | undefined {
  const cb = policy.spec.circuitBreaker;
  if (!cb) return undefined;
  return {
    passive: {
      consecutive5XxErrors: cb.consecutiveErrors,
      interval: toGoDuration(cb.interval),
      baseEjectionTime: toGoDuration(cb.baseEjectionTime),
      maxEjectionPercent: cb.maxEjectionPercent,
    },
  };
}

/**
 * A ResiliencePolicy as one Envoy Gateway BackendTrafficPolicy
 * (gateway.envoyproxy.io/v1alpha1) attached to the service's HTTPRoutes:
 * timeouts, retries, circuit breaker thresholds, passive health checks
 * (outlier detection) and a local rate limit.
 *
 * @public
 */
export function compileResilienceToEnvoyGateway(
  policy: ResiliencePolicy,
  options: CompileEnvoyGatewayResilienceOptions,
): CompileResult {
  const warnings: string[] = [];
  if (options.httpRoutes.length === 0) {
    warnings.push(
      `ResiliencePolicy ${policy.metadata.name}: Envoy Gateway attaches policies to routes and the service has no GatewayRoute; no BackendTrafficPolicy is emitted.`,
    );
    return { objects: [], warnings };
  }
  const rateLimit = policy.spec.rateLimit ?? options.routeRateLimit;
  const spec: JsonObject = {
    targetRefs: options.httpRoutes.map(httpRouteTargetRef),
  };
  const parts: [string, JsonObject | undefined][] = [
    ['timeout', timeout(policy)],
    ['retry', retry(policy, warnings)],
    ['circuitBreaker', circuitBreaker(policy)],
    ['healthCheck', passiveHealthCheck(policy)],
    [
      'rateLimit',
      rateLimit
        ? {
            local: {
              rules: [
                {
                  limit: { requests: rateLimit.requests, unit: rateLimit.unit },
                },
              ],
            },
          }
        : undefined,
    ],
  ];
  for (const [key, value] of parts) {
    if (value) spec[key] = value;
  }
  if (Object.keys(spec).length === 1) {
    return { objects: [], warnings };
  }
  return {
    objects: [
      {
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'BackendTrafficPolicy',
        metadata: compiledMetadata(policy, policy.spec.serviceRef),
        spec,
      },
    ],
    warnings,
  };
}
