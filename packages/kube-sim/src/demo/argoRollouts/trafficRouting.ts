import { ApiError } from '../../errors';
import { SimStore } from '../../writes/simStore';
import { KubeObject, ObjectRef, isObject } from '../../types';

// What Argo Rollouts' traffic routers write for a canary weight: the Gateway API plugin
// (`argoproj-labs/gatewayAPI`) sets the weights of the canary and stable Services'
// backendRefs in its routes; the Istio router sets the weights of the VirtualService
// route destinations (by subset when a DestinationRule is named, else by host) and points
// the DestinationRule's canary and stable subsets at the pod template hashes. The
// controllers of those objects then report the new generation as observed.

type Json = Record<string, unknown>;

export interface TrafficTarget {
  weights: { canary: number; stable: number };
  hashes: { canary: string; stable: string };
}

const GATEWAY_API = 'gateway.networking.k8s.io/v1';
const ISTIO = 'networking.istio.io/v1';

function objectAt(value: unknown): Json {
  return isObject(value) ? value : {};
}

function names(single: unknown, many: unknown): string[] {
  const list = Array.isArray(many)
    ? many.map(m => (isObject(m) ? m.name : m))
    : [];
  return [single, ...list].filter((n): n is string => typeof n === 'string');
}

function get(store: SimStore, ref: ObjectRef): KubeObject | undefined {
  try {
    return store.get(ref);
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) return undefined; // no CRD
    throw e;
  }
}

/** Rewrites an object's spec when `change` alters it, then marks the new generation observed. */
function updateSpec(
  store: SimStore,
  ref: ObjectRef,
  change: (spec: Json) => void,
  observe: (status: Json, generation: number) => Json,
) {
  const current = get(store, ref);
  if (!current) return;
  const spec = JSON.parse(JSON.stringify(current.spec ?? {}));
  change(spec);
  if (JSON.stringify(spec) === JSON.stringify(current.spec ?? {})) return;
  const updated = store.patch(ref, { spec });
  if (isObject(updated.status)) {
    store.updateStatus(
      ref,
      observe(updated.status, updated.metadata.generation ?? 1),
    );
  }
}

function observeRouteParents(status: Json, generation: number): Json {
  const parents = Array.isArray(status.parents) ? status.parents : [];
  return {
    ...status,
    parents: parents.map(p =>
      isObject(p) && Array.isArray(p.conditions)
        ? {
            ...p,
            conditions: p.conditions.map(c =>
              isObject(c) ? { ...c, observedGeneration: generation } : c,
            ),
          }
        : p,
    ),
  };
}

function observeIstio(status: Json, generation: number): Json {
  return { ...status, observedGeneration: generation };
}

function setBackendWeights(
  spec: Json,
  services: { canary?: string; stable?: string },
  target: TrafficTarget,
) {
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    const refs =
      isObject(rule) && Array.isArray(rule.backendRefs) ? rule.backendRefs : [];
    for (const ref of refs.filter(isObject)) {
      if (ref.name === services.canary) ref.weight = target.weights.canary;
      else if (ref.name === services.stable) ref.weight = target.weights.stable;
    }
  }
}

/** True when a destination host names that Service (short name or cluster DNS name). */
function hostIs(host: unknown, service: string | undefined, namespace: string) {
  if (typeof host !== 'string' || !service) return false;
  return (
    host === service ||
    host === `${service}.${namespace}` ||
    host.startsWith(`${service}.${namespace}.svc`)
  );
}

/** Writes the canary weight into the rollout's traffic routers. */
export function routeTraffic(
  store: SimStore,
  rollout: KubeObject,
  target: TrafficTarget,
) {
  const canary = objectAt(objectAt(objectAt(rollout.spec).strategy).canary);
  const routing = objectAt(canary.trafficRouting);
  const namespace = rollout.metadata.namespace ?? 'default';
  const services = {
    canary:
      typeof canary.canaryService === 'string'
        ? canary.canaryService
        : undefined,
    stable:
      typeof canary.stableService === 'string'
        ? canary.stableService
        : undefined,
  };

  const gatewayApi = objectAt(
    objectAt(routing.plugins)['argoproj-labs/gatewayAPI'],
  );
  const routeNamespace =
    typeof gatewayApi.namespace === 'string' ? gatewayApi.namespace : namespace;
  for (const [kind, route] of [
    ['HTTPRoute', names(gatewayApi.httpRoute, gatewayApi.httpRoutes)],
    ['GRPCRoute', names(gatewayApi.grpcRoute, gatewayApi.grpcRoutes)],
  ] as const) {
    for (const name of route) {
      updateSpec(
        store,
        { apiVersion: GATEWAY_API, kind, namespace: routeNamespace, name },
        spec => setBackendWeights(spec, services, target),
        observeRouteParents,
      );
    }
  }

  const istio = objectAt(routing.istio);
  const destinationRule = isObject(istio.destinationRule)
    ? istio.destinationRule
    : undefined;
  const subsets = destinationRule
    ? {
        canary: String(destinationRule.canarySubsetName ?? 'canary'),
        stable: String(destinationRule.stableSubsetName ?? 'stable'),
      }
    : undefined;
  const virtualServices = [
    istio.virtualService,
    ...(Array.isArray(istio.virtualServices) ? istio.virtualServices : []),
  ].filter(isObject);
  for (const vs of virtualServices) {
    if (typeof vs.name !== 'string') continue;
    const routes = Array.isArray(vs.routes) ? vs.routes : undefined;
    updateSpec(
      store,
      { apiVersion: ISTIO, kind: 'VirtualService', namespace, name: vs.name },
      spec => {
        const http = Array.isArray(spec.http) ? spec.http.filter(isObject) : [];
        for (const route of http) {
          if (routes && !routes.includes(route.name)) continue;
          for (const entry of (Array.isArray(route.route)
            ? route.route
            : []
          ).filter(isObject)) {
            const destination = objectAt(entry.destination);
            const isCanary = subsets
              ? destination.subset === subsets.canary
              : hostIs(destination.host, services.canary, namespace);
            const isStable = subsets
              ? destination.subset === subsets.stable
              : hostIs(destination.host, services.stable, namespace);
            if (isCanary) entry.weight = target.weights.canary;
            else if (isStable) entry.weight = target.weights.stable;
          }
        }
      },
      observeIstio,
    );
  }
  if (destinationRule && subsets && typeof destinationRule.name === 'string') {
    updateSpec(
      store,
      {
        apiVersion: ISTIO,
        kind: 'DestinationRule',
        namespace,
        name: destinationRule.name,
      },
      spec => {
        for (const subset of (Array.isArray(spec.subsets)
          ? spec.subsets
          : []
        ).filter(isObject)) {
          let hash: string | undefined;
          if (subset.name === subsets.canary) hash = target.hashes.canary;
          else if (subset.name === subsets.stable) hash = target.hashes.stable;
          if (hash) {
            subset.labels = {
              ...objectAt(subset.labels),
              'rollouts-pod-template-hash': hash,
            };
          }
        }
      },
      observeIstio,
    );
  }
}
