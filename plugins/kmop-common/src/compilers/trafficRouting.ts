import type { GatewayRoute } from '../model/gatewayRoute';
import type { RolloutPolicy } from '../model/rolloutPolicy';
import type { NativeTarget } from './targets';
import type { JsonObject, JsonValue, NativeObject } from './types';

/**
 * The Argo Rollouts traffic router a canary goes through.
 *
 * @public
 */
export type CanaryRouter =
  | { kind: 'gateway-api'; routes: GatewayRoute[] }
  | { kind: 'istio' }
  | { kind: 'none'; reason: string };

/**
 * The Gateway API traffic router plugin of Argo Rollouts (argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi).
 *
 * @public
 */
export const GATEWAY_API_PLUGIN = 'argoproj-labs/gatewayAPI';

/**
 * True for a policy whose `setWeight` steps need a traffic router to mean traffic.
 *
 * @public
 */
export function needsRouter(policy: RolloutPolicy): boolean {
  return (
    policy.spec.strategy === 'canary' &&
    (policy.spec.canary?.steps ?? []).some(s => s.setWeight !== undefined)
  );
}

/**
 * Which router an Argo canary goes through: Gateway API when it is a target and the service
 * has a GatewayRoute (the route's HTTPRoute is what the plugin reweights), else Istio when it
 * is a target (a VirtualService splitting between the stable and canary Services).
 *
 * @public
 */
export function chooseRouter(
  routes: GatewayRoute[],
  targets: readonly NativeTarget[],
): CanaryRouter {
  if (targets.includes('gateway-api') && routes.length > 0) {
    return { kind: 'gateway-api', routes };
  }
  if (targets.includes('istio')) return { kind: 'istio' };
  return {
    kind: 'none',
    reason: targets.includes('gateway-api')
      ? 'the service has no GatewayRoute for the gateway-api router, and istio is not a target'
      : 'neither gateway-api (with a GatewayRoute) nor istio is among the targets',
  };
}

/**
 * The canary and stable Services a routed canary needs, the policy's or `<service>-canary`/`-stable`.
 *
 * @public
 */
export function routedServices(policy: RolloutPolicy): {
  canary: string;
  stable: string;
} {
  const service = policy.spec.serviceRef;
  return {
    canary: policy.spec.canary?.canaryService ?? `${service}-canary`,
    stable: policy.spec.canary?.stableService ?? `${service}-stable`,
  };
}

const find = (objects: NativeObject[], kind: string, name: string) =>
  objects.find(o => o.kind === kind && o.metadata.name === name);

function withTrafficRouting(rollout: NativeObject, routing: JsonObject) {
  const strategy = rollout.spec.strategy as { canary: JsonObject };
  strategy.canary.trafficRouting = routing;
}

/** A rule's backends with the service's replaced by the stable (its weight) and canary (0) Services. */
function splitBackends(
  refs: JsonObject[],
  service: string,
  stable: string,
  canary: string,
): JsonObject[] {
  return refs
    .filter(ref => ref.name !== canary && ref.name !== stable)
    .flatMap(ref =>
      ref.name === service
        ? [
            { ...ref, name: stable },
            { ...ref, name: canary, weight: 0 },
          ]
        : [ref],
    );
}

/**
 * Points the canary's HTTPRoutes at the stable (all the weight) and canary (none) Services
 * instead of the service, as the Gateway API plugin requires, and names the routes in the
 * Rollout. Returns warnings for routes that do not send to the service.
 */
function routeThroughGatewayApi(
  objects: NativeObject[],
  rollout: NativeObject,
  policy: RolloutPolicy,
  routes: GatewayRoute[],
): string[] {
  const warnings: string[] = [];
  const service = policy.spec.serviceRef;
  const { canary, stable } = routedServices(policy);
  const names: string[] = [];
  for (const route of routes) {
    const httpRoute = find(objects, 'HTTPRoute', route.metadata.name);
    const rules = (httpRoute?.spec.rules ?? []) as {
      backendRefs?: JsonObject[];
    }[];
    let rewired = false;
    for (const rule of rules) {
      const refs = rule.backendRefs ?? [];
      if (!refs.some(ref => ref.name === service)) continue;
      rewired = true;
      const manual = refs.filter(
        ref => ref.name === canary || ref.name === stable,
      );
      if (manual.length > 0) {
        warnings.push(
          `RolloutPolicy ${policy.metadata.name}: GatewayRoute ${
            route.metadata.name
          }'s backends ${manual
            .map(ref => `${ref.name} (weight ${ref.weight})`)
            .join(
              ', ',
            )} are left to the Rollout, which sets the canary's weight step by step.`,
        );
      }
      rule.backendRefs = splitBackends(refs, service, stable, canary);
    }
    if (rewired) names.push(route.metadata.name);
    else {
      warnings.push(
        `RolloutPolicy ${policy.metadata.name}: GatewayRoute ${route.metadata.name} sends no traffic to Service ${service}, so the canary cannot reweight it.`,
      );
    }
  }
  if (names.length === 0) return warnings;
  const namespace = policy.metadata.namespace;
  const plugin: JsonObject =
    names.length === 1
      ? { httpRoute: names[0] }
      : { httpRoutes: names.map(name => ({ name })) as JsonValue[] };
  if (namespace) plugin.namespace = namespace;
  withTrafficRouting(rollout, { plugins: { [GATEWAY_API_PLUGIN]: plugin } });
  return warnings;
}

/**
 * Splits the service's mesh traffic between the stable and canary Services with a
 * VirtualService route Argo reweights: the ResiliencePolicy's VirtualService when the service
 * has one (its timeout and retries kept), else one of the RolloutPolicy's own.
 */
function routeThroughIstio(
  rollout: NativeObject,
  policy: RolloutPolicy,
  resilienceVirtualService: NativeObject | undefined,
  port: number | undefined,
): NativeObject[] {
  const namespace = policy.metadata.namespace;
  const host = (name: string) =>
    namespace ? `${name}.${namespace}.svc.cluster.local` : name;
  const { canary, stable } = routedServices(policy);
  const destination = (name: string): JsonObject => ({
    host: host(name),
    ...(port !== undefined ? { port: { number: port } } : {}),
  });
  const split: JsonValue[] = [
    { destination: destination(stable), weight: 100 },
    { destination: destination(canary), weight: 0 },
  ];
  if (resilienceVirtualService) {
    const http = resilienceVirtualService.spec.http as JsonObject[];
    http[0].route = split;
    withTrafficRouting(rollout, {
      istio: {
        virtualService: {
          name: resilienceVirtualService.metadata.name,
          routes: [String(http[0].name)],
        },
      },
    });
    return [];
  }
  const name = `${policy.metadata.name}-canary`;
  withTrafficRouting(rollout, {
    istio: { virtualService: { name, routes: ['primary'] } },
  });
  return [
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { ...rollout.metadata, name },
      spec: {
        hosts: [host(policy.spec.serviceRef)],
        http: [{ name: 'primary', route: split }],
      },
    },
  ];
}

/**
 * What {@link routeCanaryTraffic} needs beyond the compiled objects.
 *
 * @public
 */
export interface RouteCanaryOptions {
  policy: RolloutPolicy;
  router: CanaryRouter;
  /** The service's port, for Istio destinations. */
  port?: number;
  /** The VirtualService compiled from the service's ResiliencePolicy, if any. */
  resilienceVirtualService?: NativeObject;
}

/**
 * Gives an Argo canary's Rollout its traffic routing through the chosen router, rewiring
 * the objects it routes through. Without a router the canary's weights are only a replica
 * ratio: a warning says so.
 *
 * @public
 */
export function routeCanaryTraffic(
  objects: NativeObject[],
  options: RouteCanaryOptions,
): { objects: NativeObject[]; warnings: string[] } {
  const { policy, router } = options;
  const rollout = find(objects, 'Rollout', policy.metadata.name);
  if (!rollout || !needsRouter(policy)) return { objects: [], warnings: [] };
  if (router.kind === 'none') {
    return {
      objects: [],
      warnings: [
        `RolloutPolicy ${policy.metadata.name}: setWeight steps only scale replicas, no traffic is shifted: ${router.reason}.`,
      ],
    };
  }
  if (router.kind === 'gateway-api') {
    return {
      objects: [],
      warnings: routeThroughGatewayApi(objects, rollout, policy, router.routes),
    };
  }
  return {
    objects: routeThroughIstio(
      rollout,
      policy,
      options.resilienceVirtualService,
      options.port,
    ),
    warnings: [],
  };
}
