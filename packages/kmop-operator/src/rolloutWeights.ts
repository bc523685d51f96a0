import { KubeObject } from './types';

// While a release runs, Argo Rollouts owns the weights of the stable and canary backends of
// the routes it reweights (the Gateway API plugin's HTTPRoutes, the Istio router's
// VirtualService routes). The operator renders them at stable/0; as the rules lists are
// atomic, an apply would put the canary back to 0 at every step, and the operator and the
// Rollout would fight for the whole release. So before comparing and applying such a route,
// the operator takes those weights from the live object. Everything else stays its own.

type Json = Record<string, unknown>;

const isJson = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const json = (v: unknown): Json => (isJson(v) ? v : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isJson) : []);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;

/** A route whose stable and canary backend weights a desired Rollout sets. */
export interface WeightedRoute {
  kind: 'HTTPRoute' | 'VirtualService';
  name: string;
  namespace?: string;
  /** The VirtualService's HTTP routes the Rollout names; every one when undefined. */
  routes?: string[];
  /** The Rollout's canary and stable Services. */
  services: string[];
}

/** The routes the desired Rollouts reweight, from their `trafficRouting`. */
export function weightedRoutes(
  rollouts: readonly { metadata: { namespace?: string }; spec?: unknown }[],
): WeightedRoute[] {
  return rollouts.flatMap(rollout => {
    const canary = json(json(json(rollout.spec).strategy).canary);
    const services = [canary.canaryService, canary.stableService].filter(
      (s): s is string => typeof s === 'string',
    );
    if (services.length === 0) return [];
    const routing = json(canary.trafficRouting);
    const plugin = json(json(routing.plugins)['argoproj-labs/gatewayAPI']);
    const namespace = text(plugin.namespace) ?? rollout.metadata.namespace;
    const httpRoutes = [
      text(plugin.httpRoute),
      ...list(plugin.httpRoutes).map(r => text(r.name)),
    ].flatMap(name =>
      name ? [{ kind: 'HTTPRoute' as const, name, namespace, services }] : [],
    );
    const istio = json(routing.istio);
    const virtualServices = [
      ...(isJson(istio.virtualService) ? [istio.virtualService] : []),
      ...list(istio.virtualServices),
    ].flatMap(vs => {
      const name = text(vs.name);
      if (!name) return [];
      const routes = Array.isArray(vs.routes)
        ? vs.routes.filter((r): r is string => typeof r === 'string')
        : undefined;
      return [
        {
          kind: 'VirtualService' as const,
          name,
          namespace: rollout.metadata.namespace,
          routes,
          services,
        },
      ];
    });
    return [...httpRoutes, ...virtualServices];
  });
}

/** Copies the live weight of a backend onto the desired one, when the live one has a weight. */
function keepWeight(desired: Json, live: Json | undefined) {
  if (typeof live?.weight === 'number') desired.weight = live.weight;
}

function keepBackendRefs(spec: Json, live: Json, services: string[]) {
  const liveRules = list(live.rules);
  list(spec.rules).forEach((rule, i) => {
    const liveRefs = list(liveRules[i]?.backendRefs);
    for (const ref of list(rule.backendRefs)) {
      if (!services.includes(String(ref.name))) continue;
      keepWeight(
        ref,
        liveRefs.find(r => r.name === ref.name),
      );
    }
  });
}

/** True when a destination host names the Service (short or cluster DNS name). */
const hostIs = (host: unknown, service: string) =>
  typeof host === 'string' &&
  (host === service || host.startsWith(`${service}.`));

function keepDestinations(spec: Json, live: Json, route: WeightedRoute) {
  const liveHttp = list(live.http);
  list(spec.http).forEach((http, i) => {
    const name = text(http.name);
    if (route.routes && (!name || !route.routes.includes(name))) return;
    const liveRoute = name ? liveHttp.find(h => h.name === name) : liveHttp[i];
    const liveEntries = list(liveRoute?.route);
    for (const entry of list(http.route)) {
      const destination = json(entry.destination);
      if (!route.services.some(s => hostIs(destination.host, s))) continue;
      keepWeight(
        entry,
        liveEntries.find(e => {
          const d = json(e.destination);
          return d.host === destination.host && d.subset === destination.subset;
        }),
      );
    }
  });
}

/**
 * The desired object with the live weights of the backends a desired Rollout reweights
 * (see {@link weightedRoutes}); the desired object itself for any other object, or when
 * nothing is live yet (a new route starts with the stable backend at full weight).
 */
export function keepRolloutWeights(
  desired: KubeObject,
  live: KubeObject | undefined,
  routes: readonly WeightedRoute[],
): KubeObject {
  const route = routes.find(
    r =>
      r.kind === desired.kind &&
      r.name === desired.metadata.name &&
      (r.namespace === undefined || r.namespace === desired.metadata.namespace),
  );
  if (!route || !live?.spec || !desired.spec) return desired;
  const spec = JSON.parse(JSON.stringify(desired.spec)) as Json;
  if (route.kind === 'HTTPRoute') {
    keepBackendRefs(spec, live.spec, route.services);
  } else {
    keepDestinations(spec, live.spec, route);
  }
  return { ...desired, spec };
}
