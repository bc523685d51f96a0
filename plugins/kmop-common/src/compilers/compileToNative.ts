import type {
  GatewayRoute,
  KmopResource,
  Microservice,
  ResiliencePolicy,
  RolloutPolicy,
  ServiceLevelObjective,
} from '../model';
import { compileRolloutToArgo } from './argoRollouts';
import { compileResilienceToEnvoyGateway } from './envoyGatewayResilience';
import { compileGatewayRouteEnvoyPolicies } from './envoyGatewayRoute';
import { compileRolloutToFlagger } from './flagger';
import { compileGatewayRoute } from './gatewayApi';
import { compileResilienceToIstio } from './istio';
import {
  compileMicroservice,
  CompileMicroserviceOptions,
} from './microservice';
import { compileDisruptionBudget } from './podDisruptionBudget';
import { compileSloToPyrra } from './pyrra';
import { compileSloToSloth } from './sloth';
import type { NativeTarget } from './targets';
import {
  CanaryRouter,
  chooseRouter,
  needsRouter,
  routeCanaryTraffic,
  routedServices,
} from './trafficRouting';
import { CompileResult, KmopCompileError, NativeObject } from './types';

/**
 * Choices for {@link compileToNative}.
 *
 * @public
 */
export interface CompileToNativeOptions {
  /** The ecosystems to emit objects for; at least one per kind of resource given. */
  targets: readonly NativeTarget[];
  /** Prometheus that SLO gates of rollouts query. */
  prometheusAddress?: string;
}

interface Grouped {
  microservices: Microservice[];
  routes: GatewayRoute[];
  slos: ServiceLevelObjective[];
  rollouts: RolloutPolicy[];
  resilience: ResiliencePolicy[];
}

function group(resources: readonly KmopResource[]): Grouped {
  const g: Grouped = {
    microservices: [],
    routes: [],
    slos: [],
    rollouts: [],
    resilience: [],
  };
  for (const r of resources) {
    switch (r.kind) {
      case 'Microservice':
        g.microservices.push(r);
        break;
      case 'GatewayRoute':
        g.routes.push(r);
        break;
      case 'ServiceLevelObjective':
        g.slos.push(r);
        break;
      case 'RolloutPolicy':
        g.rollouts.push(r);
        break;
      case 'ResiliencePolicy':
        g.resilience.push(r);
        break;
      default:
        break;
    }
  }
  return g;
}

const ns = (r: { metadata: { namespace?: string } }) =>
  r.metadata.namespace ?? '';

/** Same service and namespace. */
function sameService(
  a: { metadata: { namespace?: string } },
  serviceA: string,
  b: { metadata: { namespace?: string } },
  serviceB: string,
): boolean {
  return serviceA === serviceB && ns(a) === ns(b);
}

function pick<T extends NativeTarget>(
  resource: string,
  path: string,
  wanted: T | undefined,
  allowed: readonly T[],
  targets: readonly NativeTarget[],
): T {
  const chosen = allowed.filter(t => targets.includes(t));
  if (wanted) {
    if (!chosen.includes(wanted)) {
      throw new KmopCompileError({
        resource,
        path,
        message: `asks for ${wanted}, which is not among the targets (${targets.join(
          ', ',
        )})`,
      });
    }
    return wanted;
  }
  if (chosen.length === 1) return chosen[0];
  throw new KmopCompileError({
    resource,
    path,
    message:
      chosen.length === 0
        ? `needs one of the targets ${allowed.join(', ')}`
        : `must choose between ${chosen.join(' and ')}, both among the targets`,
  });
}

function rolloutEngine(
  policy: RolloutPolicy,
  targets: readonly NativeTarget[],
): 'argo-rollouts' | 'flagger' | undefined {
  if (policy.spec.strategy === 'rolling' && !policy.spec.sloGate) {
    return undefined;
  }
  return pick(
    `RolloutPolicy ${policy.metadata.name}`,
    'spec.engine',
    policy.spec.engine,
    ['argo-rollouts', 'flagger'] as const,
    targets,
  );
}

function identity(o: NativeObject): string {
  return `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${
    o.metadata.name
  }`;
}

/**
 * Compiles a set of KMOP resources (typically one service's) to the native
 * objects of the chosen ecosystems. Resources are compiled together because
 * they depend on each other: a canary RolloutPolicy takes over the
 * Microservice's Deployment and autoscaler, Envoy Gateway policies attach to
 * the GatewayRoute's HTTPRoute, and an SLO gate reads its SLO's queries.
 *
 * Microservices always compile to Deployment, Service and (with autoscaling)
 * HorizontalPodAutoscaler, disruption budgets to PodDisruptionBudgets, and a
 * rolling RolloutPolicy to the Deployment's update strategy. Everything else
 * needs a target; a resource none of the targets can take, or two objects
 * with the same kind and name, is a {@link KmopCompileError}.
 *
 * @public
 */
export function compileToNative(
  resources: readonly KmopResource[],
  options: CompileToNativeOptions,
): CompileResult {
  const { targets } = options;
  const g = group(resources);
  const objects: NativeObject[] = [];
  const warnings: string[] = [];
  const add = (result: CompileResult) => {
    objects.push(...result.objects);
    warnings.push(...result.warnings);
  };

  const engines = new Map(g.rollouts.map(p => [p, rolloutEngine(p, targets)]));
  const envoyGateway = targets.includes('envoy-gateway');
  const routesOf = (r: { metadata: { namespace?: string } }, service: string) =>
    g.routes.filter(route =>
      sameService(route, route.spec.serviceRef, r, service),
    );
  const resilienceBtpServices = new Set(
    envoyGateway
      ? g.resilience
          .filter(p => routesOf(p, p.spec.serviceRef).length > 0)
          .map(p => `${ns(p)}/${p.spec.serviceRef}`)
      : [],
  );

  for (const ms of g.microservices) {
    const service = ms.metadata.name;
    const policy = g.rollouts.find(p =>
      sameService(p, p.spec.serviceRef, ms, service),
    );
    const msOptions: CompileMicroserviceOptions = {};
    if (policy?.spec.strategy === 'rolling' && policy.spec.rolling) {
      msOptions.rolling = policy.spec.rolling;
    }
    if (policy && engines.get(policy) === 'argo-rollouts') {
      msOptions.scaleTarget = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        name: policy.metadata.name,
      };
    }
    add(compileMicroservice(ms, msOptions));
  }

  for (const route of g.routes) {
    if (!targets.includes('gateway-api') && !envoyGateway) {
      throw new KmopCompileError({
        resource: `GatewayRoute ${route.metadata.name}`,
        path: '',
        message: 'needs one of the targets gateway-api, envoy-gateway',
      });
    }
    add(compileGatewayRoute(route, { envoyGatewayPolicies: envoyGateway }));
    if (envoyGateway) {
      const policies = compileGatewayRouteEnvoyPolicies(route);
      const merged = resilienceBtpServices.has(
        `${ns(route)}/${route.spec.serviceRef}`,
      );
      add({
        // The ResiliencePolicy's BackendTrafficPolicy carries the route's rate limit.
        objects: policies.objects.filter(
          o => !(merged && o.kind === 'BackendTrafficPolicy'),
        ),
        warnings: policies.warnings,
      });
    }
  }

  for (const slo of g.slos) {
    const engine = pick(
      `ServiceLevelObjective ${slo.metadata.name}`,
      'spec.target',
      slo.spec.target,
      ['sloth', 'pyrra'] as const,
      targets,
    );
    add(engine === 'sloth' ? compileSloToSloth(slo) : compileSloToPyrra(slo));
  }

  const routers = new Map<RolloutPolicy, CanaryRouter>();
  for (const policy of g.rollouts) {
    const engine = engines.get(policy);
    if (!engine) continue;
    const service = policy.spec.serviceRef;
    const ms = g.microservices.find(m =>
      sameService(m, m.metadata.name, policy, service),
    );
    const slos = g.slos.filter(s => ns(s) === ns(policy));
    if (engine === 'argo-rollouts') {
      const router = chooseRouter(routesOf(policy, service), targets);
      routers.set(policy, router);
      // A routed canary needs its canary and stable Services; name them when the policy does not.
      const routed: RolloutPolicy =
        needsRouter(policy) && router.kind !== 'none'
          ? {
              ...policy,
              spec: {
                ...policy.spec,
                canary: {
                  ...policy.spec.canary!,
                  canaryService: routedServices(policy).canary,
                  stableService: routedServices(policy).stable,
                },
              },
            }
          : policy;
      add(
        compileRolloutToArgo(routed, {
          deploymentName: service,
          replicas: ms && !ms.spec.autoscaling ? ms.spec.replicas : undefined,
          ports: ms?.spec.ports,
          existingServices: [service],
          slos,
          prometheusAddress: options.prometheusAddress,
        }),
      );
    } else {
      const route = routesOf(policy, service)[0];
      const port = ms?.spec.ports[0]?.port ?? route?.spec.port;
      if (port === undefined) {
        throw new KmopCompileError({
          resource: `RolloutPolicy ${policy.metadata.name}`,
          path: 'spec.serviceRef',
          message: `names service "${service}", whose port is unknown: compile its Microservice or GatewayRoute with it for Flagger`,
        });
      }
      add(
        compileRolloutToFlagger(policy, {
          deploymentName: service,
          port,
          targetPort: ms?.spec.ports[0]?.name,
          autoscalerName: ms?.spec.autoscaling ? service : undefined,
          route,
          slos,
          prometheusAddress: options.prometheusAddress,
        }),
      );
    }
  }

  for (const policy of g.resilience) {
    const { timeouts, retries, circuitBreaker, rateLimit, bulkhead } =
      policy.spec;
    const needsTarget = !!(
      timeouts ||
      retries ||
      circuitBreaker ||
      rateLimit ||
      bulkhead
    );
    const mesh = targets.includes('istio');
    if (needsTarget && !mesh && !envoyGateway) {
      throw new KmopCompileError({
        resource: `ResiliencePolicy ${policy.metadata.name}`,
        path: '',
        message: 'needs one of the targets istio, envoy-gateway',
      });
    }
    const service = policy.spec.serviceRef;
    const routes = routesOf(policy, service);
    if (needsTarget && mesh) {
      const ms = g.microservices.find(m =>
        sameService(m, m.metadata.name, policy, service),
      );
      add(compileResilienceToIstio(policy, { port: ms?.spec.ports[0]?.port }));
    }
    if (needsTarget && envoyGateway) {
      const routeRateLimit = routes.find(r => r.spec.rateLimit)?.spec.rateLimit;
      if (rateLimit && routeRateLimit) {
        warnings.push(
          `ResiliencePolicy ${policy.metadata.name}: both it and its GatewayRoute set a rate limit; Envoy Gateway takes one policy per route, so the ResiliencePolicy's applies.`,
        );
      }
      add(
        compileResilienceToEnvoyGateway(policy, {
          httpRoutes: routes.map(r => r.metadata.name),
          routeRateLimit,
        }),
      );
    }
    add(compileDisruptionBudget(policy));
  }

  // Last, when every object a canary routes through (HTTPRoute, VirtualService) exists.
  for (const [policy, router] of routers) {
    const service = policy.spec.serviceRef;
    const resilience = g.resilience.find(p =>
      sameService(p, p.spec.serviceRef, policy, service),
    );
    const ms = g.microservices.find(m =>
      sameService(m, m.metadata.name, policy, service),
    );
    add(
      routeCanaryTraffic(objects, {
        policy,
        router,
        port: ms?.spec.ports[0]?.port,
        resilienceVirtualService: resilience
          ? objects.find(
              o =>
                o.kind === 'VirtualService' &&
                o.metadata.annotations?.['kmop.dev/compiled-from'] ===
                  `ResiliencePolicy/${resilience.metadata.name}`,
            )
          : undefined,
      }),
    );
  }

  const seen = new Set<string>();
  for (const o of objects) {
    const id = identity(o);
    if (seen.has(id)) {
      throw new KmopCompileError({
        resource: o.metadata.annotations?.['kmop.dev/compiled-from'] ?? id,
        path: 'metadata.name',
        message: `compiles to ${id}, which another resource also compiles to; rename one of them`,
      });
    }
    seen.add(id);
  }
  return { objects, warnings };
}
