import { KubeObject } from './types';

/** Whether a child does what it is for, and if not, why, in words a person can act on. */
export interface Readiness {
  ready: boolean;
  message?: string;
}

type Condition = {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
};

const num = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : undefined;

function conditionsOf(value: unknown): Condition[] {
  return Array.isArray(value) ? (value as Condition[]) : [];
}

function deploymentReadiness(o: KubeObject): Readiness {
  const status = o.status ?? {};
  const wanted = num(o.spec?.replicas) ?? 1;
  const ready = num(status.readyReplicas) ?? 0;
  if (status.observedGeneration === undefined && o.status === undefined) {
    return {
      ready: false,
      message: 'no status yet from the Deployment controller',
    };
  }
  if (ready < wanted) {
    return { ready: false, message: `${ready} of ${wanted} replicas ready` };
  }
  return { ready: true };
}

/** Per parent of an HTTPRoute: its reference and its Accepted/ResolvedRefs conditions. */
export interface RouteParentStatus {
  name: string;
  namespace?: string;
  sectionName?: string;
  accepted: string;
  resolvedRefs: string;
  message?: string;
}

/** The parents of an HTTPRoute as its status reports them (Gateway API `status.parents`). */
export function routeParents(o: KubeObject): RouteParentStatus[] {
  const parents = Array.isArray(o.status?.parents) ? o.status!.parents : [];
  return (parents as Record<string, unknown>[]).map(p => {
    const ref = (p.parentRef ?? {}) as Record<string, string>;
    const conditions = conditionsOf(p.conditions);
    const find = (t: string) => conditions.find(c => c.type === t);
    const failing = conditions.find(
      c =>
        (c.type === 'Accepted' || c.type === 'ResolvedRefs') &&
        c.status !== 'True',
    );
    return {
      name: ref.name ?? '',
      ...(ref.namespace ? { namespace: ref.namespace } : {}),
      ...(ref.sectionName ? { sectionName: ref.sectionName } : {}),
      accepted: find('Accepted')?.status ?? 'Unknown',
      resolvedRefs: find('ResolvedRefs')?.status ?? 'Unknown',
      ...(failing
        ? {
            message: [failing.type, failing.reason, failing.message]
              .filter(Boolean)
              .join(': '),
          }
        : {}),
    };
  });
}

function httpRouteReadiness(o: KubeObject): Readiness {
  const parents = routeParents(o);
  if (parents.length === 0) {
    return {
      ready: false,
      message: 'not yet accepted by any Gateway (no status.parents)',
    };
  }
  const bad = parents.find(
    p => p.accepted !== 'True' || p.resolvedRefs !== 'True',
  );
  if (bad) {
    const where = bad.namespace ? `${bad.namespace}/${bad.name}` : bad.name;
    return {
      ready: false,
      message: `parent ${where}: ${
        bad.message ??
        `Accepted=${bad.accepted}, ResolvedRefs=${bad.resolvedRefs}`
      }`,
    };
  }
  return { ready: true };
}

function rolloutReadiness(o: KubeObject): Readiness {
  const phase = o.status?.phase;
  if (typeof phase !== 'string' || phase === '') {
    return {
      ready: false,
      message: 'no status yet from the Argo Rollouts controller',
    };
  }
  if (phase === 'Degraded') {
    const message =
      typeof o.status?.message === 'string' ? `: ${o.status.message}` : '';
    return { ready: false, message: `phase Degraded${message}` };
  }
  return { ready: true };
}

function canaryReadiness(o: KubeObject): Readiness {
  const phase = o.status?.phase;
  if (typeof phase !== 'string' || phase === '') {
    return { ready: false, message: 'no status yet from Flagger' };
  }
  if (phase === 'Failed') return { ready: false, message: 'phase Failed' };
  return { ready: true };
}

/**
 * Whether a child is ready, by the contract of its kind: a Deployment's ready replicas, an
 * HTTPRoute's acceptance by each parent, an Argo Rollout's or Flagger Canary's phase. Kinds
 * with no such contract (Services, policies, SLO definitions) are ready once they exist.
 */
export function readinessOf(o: KubeObject): Readiness {
  switch (o.kind) {
    case 'Deployment':
      return deploymentReadiness(o);
    case 'HTTPRoute':
      return httpRouteReadiness(o);
    case 'Rollout':
      return rolloutReadiness(o);
    case 'Canary':
      return canaryReadiness(o);
    default:
      return { ready: true };
  }
}
