import type {
  KmopResilienceView,
  KmopRolloutView,
  KmopRouteView,
  KmopSloView,
} from '../view';
import type { FactSelector, ReadinessFact, WorkloadFact } from './facts';
import type {
  ReadinessCheckResult,
  ReadinessComponent,
  ReadinessEvidence,
  ReadinessRemedy,
  ReadinessStatus,
} from './types';

/**
 * What readiness is computed from: a service's view items and readiness facts.
 *
 * @public
 */
export interface ReadinessInput {
  /** The service's view items (as the entity view holds them). */
  items: {
    routes: KmopRouteView[];
    slos: KmopSloView[];
    rollouts: KmopRolloutView[];
    resilience: KmopResilienceView[];
  };
  /** Facts of objects that belong to the service (found like its view items). */
  facts: ReadinessFact[];
  /**
   * Facts of the namespaces (per cluster) the service's workloads run in: Services,
   * NetworkPolicies, monitors, ConfigMaps and claims select or are referenced by pods, so
   * they are matched by selector or name here, not by the service's labels.
   */
  neighbours: ReadinessFact[];
  /** How the service was looked for, in words (for "looked for and not found"). */
  lookedFor: string;
}

/**
 * The input, sorted for the checks. `items` holds only the items their normalizer could
 * read: a malformed object never makes a check pass, whatever the check; the others are in
 * `malformed`, for checks that say why they do not pass.
 */
export interface ReadinessContext extends ReadinessInput {
  workloads: WorkloadFact[];
  malformed: ReadinessInput['items'];
}

export function createContext(input: ReadinessInput): ReadinessContext {
  const split = <T extends { health: string; healthReason: string }>(
    list: T[],
  ) => [list.filter(i => !isMalformed(i)), list.filter(isMalformed)];
  const [routes, badRoutes] = split(input.items.routes);
  const [slos, badSlos] = split(input.items.slos);
  const [rollouts, badRollouts] = split(input.items.rollouts);
  const [resilience, badResilience] = split(input.items.resilience);
  return {
    ...input,
    items: { routes, slos, rollouts, resilience },
    malformed: {
      routes: badRoutes,
      slos: badSlos,
      rollouts: badRollouts,
      resilience: badResilience,
    },
    workloads: withoutReferencingRollouts(
      input.facts.filter((f): f is WorkloadFact => f.type === 'workload'),
    ),
  };
}

/**
 * A Rollout with `spec.workloadRef` runs the pods of the workload it names (what the KMOP
 * operator renders from a RolloutPolicy): it is that workload, counted once through the
 * object that holds the pod template. One whose workload is not found stays, with its
 * problem (its pod template is in an object KMOP did not see).
 */
function withoutReferencingRollouts(workloads: WorkloadFact[]): WorkloadFact[] {
  return workloads.filter(
    w =>
      !w.workloadRef ||
      !workloads.some(
        t =>
          t !== w &&
          t.cluster === w.cluster &&
          t.namespace === w.namespace &&
          t.kind === w.workloadRef!.kind &&
          t.name === w.workloadRef!.name,
      ),
  );
}

export type ReadinessCheck = (ctx: ReadinessContext) => ReadinessCheckResult;

/** Builds a check result; `remedy` is dropped when the check passes or does not apply. */
export function result(
  head: { id: string; component: ReadinessComponent; title: string },
  status: ReadinessStatus,
  summary: string,
  evidence: ReadinessEvidence[],
  remedy?: ReadinessRemedy,
): ReadinessCheckResult {
  return {
    ...head,
    status,
    summary,
    evidence,
    ...(remedy && (status === 'warn' || status === 'fail') ? { remedy } : {}),
  };
}

export function factEvidence(
  fact: { cluster: string; namespace: string; name: string },
  kind: string,
  note: string,
): ReadinessEvidence {
  return {
    cluster: fact.cluster,
    kind,
    namespace: fact.namespace,
    name: fact.name,
    note,
  };
}

export function itemEvidence(
  item: {
    source: { cluster: string; kind: string; namespace?: string; name: string };
  },
  note: string,
): ReadinessEvidence {
  const { cluster, kind, namespace, name } = item.source;
  return { cluster, kind, ...(namespace ? { namespace } : {}), name, note };
}

/** The evidence of a check that needs a workload and found none. */
export function noWorkload(ctx: ReadinessContext): ReadinessEvidence[] {
  return [
    {
      note: `Looked for a Deployment, StatefulSet or Argo Rollout of ${ctx.lookedFor} in every cluster; found none.`,
    },
  ];
}

/** True when every label of the selector is on the pod. An empty selector selects all. */
export function selects(
  selector: FactSelector,
  podLabels: Record<string, string>,
): boolean {
  if ('malformed' in selector) return false;
  return Object.entries(selector.labels).every(([k, v]) => podLabels[k] === v);
}

/** The neighbours of a workload: same cluster and namespace. */
export function neighboursOf<T extends ReadinessFact['type']>(
  ctx: ReadinessContext,
  workload: WorkloadFact,
  type: T,
): Extract<ReadinessFact, { type: T }>[] {
  return ctx.neighbours.filter(
    (f): f is Extract<ReadinessFact, { type: T }> =>
      f.type === type &&
      f.cluster === workload.cluster &&
      f.namespace === workload.namespace,
  );
}

/** A workload with problems, as evidence (its problems prevent a pass). */
export function problemEvidence(w: WorkloadFact): ReadinessEvidence[] {
  return (w.problems ?? []).map(p =>
    factEvidence(w, w.kind, `Malformed: ${p}`),
  );
}

/** The worst of some statuses (fail > warn > pass). */
export function worst(statuses: ReadinessStatus[]): ReadinessStatus {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('warn')) return 'warn';
  if (statuses.includes('pass')) return 'pass';
  return 'notApplicable';
}

/**
 * An item its normalizer could not read (the normalizers' one message for it starts with
 * `Malformed `; see `normalizers/base.ts`). Such an item never makes a check pass.
 */
export function isMalformed(item: {
  health: string;
  healthReason: string;
}): boolean {
  return (
    item.health === 'unknown' && item.healthReason.startsWith('Malformed ')
  );
}
