import { KubeObject } from '../../types';

/** The controller the demo plays for Gateways: Envoy Gateway, the demo Gateways' class `eg`. */
export const GATEWAY_CONTROLLER =
  'gateway.envoyproxy.io/gatewayclass-controller';

/** What {@link httpRouteParents} reads of the cluster. */
export interface RouteWorld {
  gateway(namespace: string, name: string): KubeObject | undefined;
  service(namespace: string, name: string): KubeObject | undefined;
  namespaceLabels(name: string): Record<string, string>;
}

type Condition = {
  type: string;
  status: string;
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
};

type ParentRef = {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
};

type Listener = {
  name: string;
  protocol?: string;
  hostname?: string;
  allowedRoutes?: {
    namespaces?: {
      from?: string;
      selector?: { matchLabels?: Record<string, string> };
    };
  };
};

/** Gateway API hostname matching: equal, or one a wildcard (`*.example.com`) covering the other. */
function hostnamesMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.startsWith('*.') && b.endsWith(a.slice(1))) return true;
  return b.startsWith('*.') && a.endsWith(b.slice(1));
}

function admits(
  listener: Listener,
  gatewayNamespace: string,
  routeNamespace: string,
  world: RouteWorld,
): boolean {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return gatewayNamespace === routeNamespace;
  if (from === 'Selector') {
    const wanted =
      listener.allowedRoutes?.namespaces?.selector?.matchLabels ?? {};
    const labels = world.namespaceLabels(routeNamespace);
    return Object.entries(wanted).every(([k, v]) => labels[k] === v);
  }
  return false;
}

function accepted(
  route: KubeObject,
  ref: ParentRef,
  gateway: KubeObject,
  world: RouteWorld,
): Pick<Condition, 'status' | 'reason' | 'message'> {
  const all = ((gateway.spec as { listeners?: Listener[] })?.listeners ??
    []) as Listener[];
  const listeners = ref.sectionName
    ? all.filter(l => l.name === ref.sectionName)
    : all;
  if (listeners.length === 0) {
    return {
      status: 'False',
      reason: 'NoMatchingParent',
      message: `Gateway ${gateway.metadata.namespace}/${gateway.metadata.name} has no listener ${ref.sectionName}`,
    };
  }
  const routeNamespace = route.metadata.namespace as string;
  const allowed = listeners.filter(
    l =>
      (l.protocol === undefined ||
        l.protocol === 'HTTP' ||
        l.protocol === 'HTTPS') &&
      admits(l, gateway.metadata.namespace as string, routeNamespace, world),
  );
  if (allowed.length === 0) {
    return {
      status: 'False',
      reason: 'NotAllowedByListeners',
      message: `no listener of Gateway ${gateway.metadata.namespace}/${gateway.metadata.name} admits HTTPRoutes from namespace ${routeNamespace}`,
    };
  }
  const hostnames = ((route.spec as { hostnames?: string[] })?.hostnames ??
    []) as string[];
  const matching = allowed.filter(
    l =>
      !l.hostname ||
      hostnames.length === 0 ||
      hostnames.some(h => hostnamesMatch(h, l.hostname!)),
  );
  if (matching.length === 0) {
    return {
      status: 'False',
      reason: 'NoMatchingListenerHostname',
      message: `no listener hostname matches ${hostnames.join(', ')}`,
    };
  }
  return { status: 'True', reason: 'Accepted', message: 'Route is accepted' };
}

function resolvedRefs(
  route: KubeObject,
  world: RouteWorld,
): Pick<Condition, 'status' | 'reason' | 'message'> {
  const namespace = route.metadata.namespace as string;
  const rules = ((route.spec as { rules?: unknown[] })?.rules ?? []) as Array<{
    backendRefs?: Array<{
      group?: string;
      kind?: string;
      namespace?: string;
      name: string;
    }>;
  }>;
  for (const ref of rules.flatMap(r => r.backendRefs ?? [])) {
    if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') {
      return {
        status: 'False',
        reason: 'InvalidKind',
        message: `backend ${ref.kind} ${ref.name} is not a Service`,
      };
    }
    const where = ref.namespace ?? namespace;
    if (where !== namespace) {
      // Cross-namespace backends need a ReferenceGrant, which the simulator does not serve.
      return {
        status: 'False',
        reason: 'RefNotPermitted',
        message: `backend Service ${where}/${ref.name} is in another namespace`,
      };
    }
    if (!world.service(where, ref.name)) {
      return {
        status: 'False',
        reason: 'BackendNotFound',
        message: `Service ${where}/${ref.name} not found`,
      };
    }
  }
  return {
    status: 'True',
    reason: 'ResolvedRefs',
    message: 'Resolved all the Object references for the Route',
  };
}

/**
 * The `status.parents` Envoy Gateway would write on an HTTPRoute: for each parent Gateway
 * that exists, whether one of its listeners accepts the route (section, protocol, allowed
 * namespaces, hostnames) and whether its backend Services exist. Parents written by other
 * controllers are kept; a Gateway that does not exist gets no entry, since no controller
 * owns it. A condition that did not change keeps its `lastTransitionTime`. Undefined when
 * the route's status already says all that.
 */
export function httpRouteParents(
  route: KubeObject,
  world: RouteWorld,
  now: string,
): Record<string, unknown> | undefined {
  const status = (route.status ?? {}) as { parents?: unknown };
  const previous = (
    Array.isArray(status.parents) ? status.parents : []
  ) as Array<{
    parentRef: ParentRef;
    controllerName?: string;
    conditions?: Condition[];
  }>;
  const generation = route.metadata.generation as number | undefined;
  const namespace = route.metadata.namespace as string;
  const refs = ((route.spec as { parentRefs?: ParentRef[] })?.parentRefs ??
    []) as ParentRef[];
  const ours = refs.flatMap(ref => {
    if ((ref.kind ?? 'Gateway') !== 'Gateway') return [];
    const gateway = world.gateway(ref.namespace ?? namespace, ref.name);
    if (!gateway) return [];
    const before = previous.find(
      p =>
        p.controllerName === GATEWAY_CONTROLLER &&
        JSON.stringify(p.parentRef) === JSON.stringify(ref),
    );
    const condition = (
      type: string,
      c: Pick<Condition, 'status' | 'reason' | 'message'>,
    ): Condition => {
      const old = before?.conditions?.find(o => o.type === type);
      return {
        type,
        ...c,
        ...(generation !== undefined ? { observedGeneration: generation } : {}),
        lastTransitionTime:
          old?.status === c.status && old.lastTransitionTime
            ? old.lastTransitionTime
            : now,
      };
    };
    return [
      {
        parentRef: ref,
        controllerName: GATEWAY_CONTROLLER,
        conditions: [
          condition('Accepted', accepted(route, ref, gateway, world)),
          condition('ResolvedRefs', resolvedRefs(route, world)),
        ],
      },
    ];
  });
  const others = previous.filter(p => p.controllerName !== GATEWAY_CONTROLLER);
  const parents = [...others, ...ours];
  // Times and wording aside, with keys sorted: a seed writes its keys in its own order.
  const comparable = (list: unknown) =>
    JSON.stringify(list, (key, v) => {
      if (key === 'lastTransitionTime' || key === 'message') return undefined;
      return v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v).sort(([a], [b]) => a.localeCompare(b)),
          )
        : v;
    });
  if (comparable(parents) === comparable(previous)) return undefined;
  return { ...(route.status ?? {}), parents };
}
