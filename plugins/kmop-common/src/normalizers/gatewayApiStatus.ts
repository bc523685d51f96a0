/**
 * Gateway API status: route parents (`status.parents`) and policy ancestors
 * (`status.ancestors`), with the health rules of docs/sources/httproute.md and docs/sources/envoy-backendtrafficpolicy.md.
 */
import type { KmopRouteParent } from '../view';
import {
  KubeCondition,
  Reader,
  describeCondition,
  findCondition,
} from './access';
import type { HealthVerdict } from './base';
import { staleVerdict, worstVerdict } from './health';

/** A parentRef / ancestorRef / targetRef. */
export interface GatewayObjectRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/** One entry of `status.parents` or `status.ancestors`. */
export interface ParentStatus {
  ref: GatewayObjectRef;
  controllerName?: string;
  conditions: KubeCondition[];
}

export function readObjectRef(r: Reader): GatewayObjectRef {
  return {
    group: r.str('group'),
    kind: r.str('kind'),
    namespace: r.str('namespace'),
    name: r.str('name') ?? '',
    sectionName: r.str('sectionName'),
    port: r.int('port'),
  };
}

export function readParentStatuses(
  r: Reader,
  listPath: 'status.parents' | 'status.ancestors',
  refKey: 'parentRef' | 'ancestorRef',
): ParentStatus[] {
  return r.arr(listPath).map(p => {
    const ref = p.record(refKey);
    return {
      ref: ref ? readObjectRef(ref) : { name: '' },
      controllerName: p.str('controllerName'),
      conditions: p.conditions('conditions'),
    };
  });
}

/** `Gateway infra/public (section https)` */
export function refLabel(ref: GatewayObjectRef): string {
  const ns = ref.namespace ? `${ref.namespace}/` : '';
  const section = ref.sectionName ? ` (section ${ref.sectionName})` : '';
  return `${ref.kind ?? 'Gateway'} ${ns}${ref.name}${section}`;
}

function staleConditions(
  label: string,
  conditions: readonly (KubeCondition | undefined)[],
  generation: number | undefined,
): HealthVerdict | undefined {
  for (const c of conditions) {
    const stale = staleVerdict(label, c?.observedGeneration, generation);
    if (stale) return stale;
  }
  return undefined;
}

/** Health of a route as reported by one parent. */
export function routeParentVerdict(
  p: ParentStatus,
  generation: number | undefined,
): HealthVerdict {
  const label = refLabel(p.ref);
  const accepted = findCondition(p.conditions, 'Accepted');
  const resolved = findCondition(p.conditions, 'ResolvedRefs');
  const partial = findCondition(p.conditions, 'PartiallyInvalid');
  const stale = staleConditions(
    label,
    [accepted, resolved, partial],
    generation,
  );
  if (stale) return stale;
  if (accepted && accepted.status !== 'True' && accepted.reason === 'Pending') {
    return {
      health: 'progressing',
      reason: `Waiting for ${label}: ${describeCondition(accepted)}`,
    };
  }
  if (accepted?.status === 'False') {
    return {
      health: 'degraded',
      reason: `Not accepted by ${label}: ${describeCondition(accepted)}`,
    };
  }
  if (resolved?.status === 'False') {
    return {
      health: 'degraded',
      reason: `References not resolved on ${label}: ${describeCondition(
        resolved,
      )}`,
    };
  }
  if (partial?.status === 'True') {
    return {
      health: 'degraded',
      reason: `Partially invalid on ${label}: ${describeCondition(partial)}`,
    };
  }
  if (!accepted || !resolved) {
    const missing = !accepted ? 'Accepted' : 'ResolvedRefs';
    return {
      health: 'unknown',
      reason: `${label} reported no ${missing} condition`,
    };
  }
  const unsure = [accepted, resolved].find(c => c.status !== 'True');
  if (unsure) {
    return {
      health: 'unknown',
      reason: `${label} reports ${describeCondition(unsure)}`,
    };
  }
  return { health: 'ok', reason: `Accepted by ${label}` };
}

/** Health of a route from all its parents' reports. */
export function routeVerdict(
  parents: readonly ParentStatus[],
  generation: number | undefined,
): HealthVerdict {
  const verdicts = parents.map(p => routeParentVerdict(p, generation));
  // No controller has reported on it yet: unknown, as for every kind (issue #8 §5).
  const worst = worstVerdict(verdicts, {
    health: 'unknown',
    reason: 'No gateway has reported on this route yet',
  });
  if (worst.health !== 'ok') return worst;
  return {
    ...worst,
    reason: `Accepted by ${parents
      .map(p => refLabel(p.ref))
      .join(', ')}; all references resolved`,
  };
}

/** Health of a policy (e.g. BackendTrafficPolicy) from its ancestors' reports. */
export function policyVerdict(
  ancestors: readonly ParentStatus[],
  generation: number | undefined,
): HealthVerdict {
  const verdicts = ancestors.map((a): HealthVerdict => {
    const label = refLabel(a.ref);
    const accepted = findCondition(a.conditions, 'Accepted');
    const badges: string[] = [];
    const overridden = findCondition(a.conditions, 'Overridden');
    if (overridden?.status === 'True') badges.push('overridden');
    const warning = findCondition(a.conditions, 'Warning');
    if (warning?.status === 'True') {
      badges.push(warning.reason ? `warning: ${warning.reason}` : 'warning');
    }
    const stale = staleConditions(label, [accepted], generation);
    if (stale) return { ...stale, badges };
    if (a.conditions.length === 0) {
      return {
        health: 'unknown',
        reason: `${label} reported no conditions`,
        badges,
      };
    }
    if (!accepted) {
      return {
        health: 'unknown',
        reason: `${label} reported no Accepted condition`,
        badges,
      };
    }
    if (accepted.status === 'False') {
      return {
        health: 'degraded',
        reason: `Not accepted for ${label}: ${describeCondition(accepted)}`,
        badges,
      };
    }
    if (accepted.status !== 'True') {
      return {
        health: 'unknown',
        reason: `${label} reports ${describeCondition(accepted)}`,
        badges,
      };
    }
    return { health: 'ok', reason: `Accepted for ${label}`, badges };
  });
  const worst = worstVerdict(verdicts, {
    health: 'unknown',
    reason: 'No gateway controller has reported on this policy yet',
  });
  if (worst.health !== 'ok') return worst;
  return {
    ...worst,
    reason: `Accepted for ${ancestors.map(a => refLabel(a.ref)).join(', ')}`,
  };
}

function sameParent(
  spec: GatewayObjectRef,
  reported: GatewayObjectRef,
  routeNamespace: string | undefined,
): boolean {
  return (
    spec.name === reported.name &&
    (spec.namespace ?? routeNamespace) ===
      (reported.namespace ?? routeNamespace) &&
    spec.sectionName === reported.sectionName &&
    (spec.kind ?? 'Gateway') === (reported.kind ?? 'Gateway')
  );
}

function conditionFlag(c: KubeCondition | undefined): boolean | undefined {
  if (c?.status === 'True') return true;
  if (c?.status === 'False') return false;
  return undefined;
}

/** The view of each parent: its spec reference with what its status entry says. */
export function parentViews(
  specRefs: readonly GatewayObjectRef[],
  statuses: readonly ParentStatus[],
  routeNamespace: string | undefined,
): KmopRouteParent[] {
  const refs = specRefs.length > 0 ? specRefs : statuses.map(s => s.ref);
  return refs.map(ref => {
    const status = statuses.find(s => sameParent(ref, s.ref, routeNamespace));
    const accepted = findCondition(status?.conditions ?? [], 'Accepted');
    const resolved = findCondition(status?.conditions ?? [], 'ResolvedRefs');
    const notable = [accepted, resolved].find(c => c && c.status !== 'True');
    return {
      name: ref.name,
      namespace: ref.namespace,
      sectionName: ref.sectionName,
      kind: ref.kind,
      accepted: conditionFlag(accepted),
      resolvedRefs: conditionFlag(resolved),
      message: (notable ?? accepted)?.message,
    };
  });
}
