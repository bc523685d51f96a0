import type { ResiliencePolicy } from '../model/resiliencePolicy';
import { toGoDuration } from '../duration';
import { compiledMetadata } from './metadata';
import type { CompileResult, JsonObject, NativeObject } from './types';

/**
 * How the policy's service is reached inside the mesh.
 *
 * @public
 */
export interface CompileIstioOptions {
  /** Host the rules apply to; default `<service>.<namespace>.svc.cluster.local`. */
  host?: string;
  /** Service port the route sends to, when the service has several. */
  port?: number;
}

/** The smaller of two optional limits: both a circuit breaker and a bulkhead cap requests. */
function tighter(
  a: number | undefined,
  b: number | undefined,
): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function trafficPolicy(
  policy: ResiliencePolicy,
  warnings: string[],
): JsonObject {
  const { timeouts, circuitBreaker: cb, bulkhead } = policy.spec;
  const tcp: JsonObject = {};
  if (cb?.maxConnections !== undefined) tcp.maxConnections = cb.maxConnections;
  if (timeouts?.connect) tcp.connectTimeout = toGoDuration(timeouts.connect);

  const http: JsonObject = {};
  let pending = tighter(cb?.maxPendingRequests, bulkhead?.maxQueue);
  if (pending === 0) {
    // Istio reads 0 as "no limit"; one waiting request is the closest it gets to none.
    warnings.push(
      `ResiliencePolicy ${policy.metadata.name}: Istio cannot refuse queueing entirely; bulkhead.maxQueue 0 becomes http1MaxPendingRequests 1.`,
    );
    pending = 1;
  }
  if (pending !== undefined) http.http1MaxPendingRequests = pending;
  const requests = tighter(cb?.maxRequests, bulkhead?.maxConcurrentRequests);
  if (requests !== undefined) http.http2MaxRequests = requests;
  if (timeouts?.idle) http.idleTimeout = toGoDuration(timeouts.idle);

  const out: JsonObject = {};
  const pool: JsonObject = {};
  if (Object.keys(tcp).length) pool.tcp = tcp;
  if (Object.keys(http).length) pool.http = http;
  if (Object.keys(pool).length) out.connectionPool = pool;
  if (cb) {
    out.outlierDetection = {
      consecutive5xxErrors: cb.consecutiveErrors,
      interval: toGoDuration(cb.interval),
      baseEjectionTime: toGoDuration(cb.baseEjectionTime),
      maxEjectionPercent: cb.maxEjectionPercent,
    };
  }
  return out;
}

function httpRoute(
  policy: ResiliencePolicy,
  host: string,
  port: number | undefined,
  warnings: string[],
): JsonObject | undefined {
  const { timeouts, retries } = policy.spec;
  if (!timeouts?.request && !retries) return undefined;
  const route: JsonObject = {
    name: 'default',
    route: [
      {
        destination: {
          host,
          ...(port !== undefined ? { port: { number: port } } : {}),
        },
      },
    ],
  };
  if (timeouts?.request) route.timeout = toGoDuration(timeouts.request);
  if (retries) {
    route.retries = {
      attempts: retries.attempts,
      retryOn: retries.retryOn.join(','),
      ...(retries.perTryTimeout
        ? { perTryTimeout: toGoDuration(retries.perTryTimeout) }
        : {}),
      ...(retries.backoff
        ? { backoff: toGoDuration(retries.backoff.baseInterval) }
        : {}),
    };
    if (retries.backoff) {
      warnings.push(
        `ResiliencePolicy ${policy.metadata.name}: Istio retries take one backoff interval; maxInterval (${retries.backoff.maxInterval}) is not compiled.`,
      );
    }
  }
  return route;
}

/**
 * A ResiliencePolicy as Istio networking.istio.io/v1 objects: a
 * DestinationRule for the connection pool and outlier detection (circuit
 * breaker, bulkhead, connect and idle timeouts) and a VirtualService for the
 * request timeout and retries. Rate limits need Istio's rate limit service
 * and are reported as warnings.
 *
 * @public
 */
export function compileResilienceToIstio(
  policy: ResiliencePolicy,
  options: CompileIstioOptions = {},
): CompileResult {
  const service = policy.spec.serviceRef;
  const namespace = policy.metadata.namespace;
  const host =
    options.host ??
    (namespace ? `${service}.${namespace}.svc.cluster.local` : service);
  const warnings: string[] = [];
  const objects: NativeObject[] = [];

  const tp = trafficPolicy(policy, warnings);
  if (Object.keys(tp).length > 0) {
    objects.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: compiledMetadata(policy, service),
      spec: { host, trafficPolicy: tp },
    });
  }
  const route = httpRoute(policy, host, options.port, warnings);
  if (route) {
    objects.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: compiledMetadata(policy, service),
      spec: { hosts: [host], http: [route] },
    });
  }
  if (policy.spec.rateLimit) {
    warnings.push(
      `ResiliencePolicy ${policy.metadata.name}: Istio has no rate limit resource (it needs an EnvoyFilter and a rate limit service); rateLimit is not compiled.`,
    );
  }
  return { objects, warnings };
}
