/**
 * The organisation view: one summary line per service (owner, clusters, health, SLO budget
 * left, rollout state, readiness), and the server-side filtering, sorting and paging of
 * those lines. Pure, so the backend, the actions and the tests use one definition.
 */
import type {
  KmopEntityTarget,
  KmopHealth,
  KmopRolloutView,
  KmopSloView,
} from '../view';
import type { ReadinessInput } from './context';
import type { KmopReadiness, ReadinessStatus } from './types';

/**
 * A rollout under way now.
 *
 * @public
 */
export interface KmopOrgRollout {
  entityRef: string;
  cluster: string;
  namespace?: string;
  name: string;
  kind: string;
  strategy: KmopRolloutView['strategy'];
  phase?: string;
  /** Current canary weight, when the tool reports one. */
  canaryWeight?: number;
  paused: boolean;
}

/**
 * An SLO burning its budget now: an alert firing, or a burn rate of 1 or more.
 *
 * @public
 */
export interface KmopOrgBurningSlo {
  entityRef: string;
  cluster: string;
  name: string;
  /** The highest burn rate known, with its window. */
  burnRate?: { window: string; rate: number };
  /** Names (or windows) of the alerts firing. */
  firing: string[];
  errorBudgetRemaining?: number;
}

/** @public */
export interface KmopServiceSummary {
  entityRef: string;
  title: string;
  owner?: string;
  system?: string;
  /** Clusters where something of the service was found. */
  clusters: string[];
  /** The worst health of its items; `none` when nothing was found. */
  health: KmopHealth | 'none';
  /** The SLO with the least budget left (status or Prometheus figures). Absent without figures. */
  sloBudget?: { slo: string; remaining: number };
  /** Number of SLOs. */
  slos: number;
  /** `progressing` when a rollout is under way, `paused`, `degraded`, `stable`, or `none`. */
  rolloutState: 'progressing' | 'paused' | 'degraded' | 'stable' | 'none';
  readiness: {
    score?: number;
    counts: Record<ReadinessStatus, number>;
    /** Ids of the checks that fail. */
    failing: string[];
    /** Ids of the checks that warn. */
    warning: string[];
  };
  /** Why the service could not be read (an invalid annotation). */
  error?: string;
}

const HEALTH_ORDER: (KmopHealth | 'none')[] = [
  'degraded',
  'progressing',
  'unknown',
  'ok',
  'none',
];

/**
 * Whether a rollout is under way: progressing, paused mid-way, or a canary weight set.
 *
 * @public
 */
export function isRolloutInProgress(r: KmopRolloutView): boolean {
  if (r.strategy === 'rolling' || r.strategy === 'recreate') {
    return r.health === 'progressing';
  }
  return (
    r.health === 'progressing' ||
    (r.canaryWeight !== undefined && r.canaryWeight > 0 && r.canaryWeight < 100)
  );
}

/**
 * The alerts firing and the highest burn rate of an SLO; undefined when it is not burning.
 *
 * @public
 */
export function burningSlo(
  entityRef: string,
  slo: KmopSloView,
): KmopOrgBurningSlo | undefined {
  const firing = slo.alerts
    .filter(a => a.firing)
    .map(a => a.name ?? `${a.longWindow}/${a.shortWindow}`);
  const top = [...slo.burnRates].sort((a, b) => b.rate - a.rate)[0];
  if (firing.length === 0 && !(top && top.rate >= 1)) return undefined;
  return {
    entityRef,
    cluster: slo.source.cluster,
    name: slo.name,
    ...(top ? { burnRate: { window: top.window, rate: top.rate } } : {}),
    firing,
    ...(slo.errorBudgetRemaining !== undefined
      ? { errorBudgetRemaining: slo.errorBudgetRemaining }
      : {}),
  };
}

/**
 * One service's summary line.
 *
 * @public
 */
export function summarizeService(options: {
  entityRef: string;
  title: string;
  owner?: string;
  system?: string;
  items: ReadinessInput['items'];
  readiness: KmopReadiness;
}): KmopServiceSummary {
  const { items, readiness } = options;
  const all = [
    ...items.routes,
    ...items.slos,
    ...items.rollouts,
    ...items.resilience,
  ];
  const clusters = [...new Set(all.map(i => i.source.cluster))].sort();
  const health =
    HEALTH_ORDER.find(h => all.some(i => i.health === h)) ?? 'none';
  let sloBudget: KmopServiceSummary['sloBudget'];
  for (const s of items.slos) {
    if (s.errorBudgetRemaining === undefined) continue;
    if (!sloBudget || s.errorBudgetRemaining < sloBudget.remaining) {
      sloBudget = { slo: s.name, remaining: s.errorBudgetRemaining };
    }
  }
  return {
    entityRef: options.entityRef,
    title: options.title,
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.system ? { system: options.system } : {}),
    clusters,
    health,
    ...(sloBudget ? { sloBudget } : {}),
    slos: items.slos.length,
    rolloutState: rolloutState(items.rollouts),
    readiness: {
      ...(readiness.score !== undefined ? { score: readiness.score } : {}),
      counts: readiness.counts,
      failing: readiness.checks.filter(c => c.status === 'fail').map(c => c.id),
      warning: readiness.checks.filter(c => c.status === 'warn').map(c => c.id),
    },
  };
}

function rolloutState(
  rollouts: KmopRolloutView[],
): KmopServiceSummary['rolloutState'] {
  if (rollouts.length === 0) return 'none';
  if (rollouts.some(r => r.health === 'degraded' || r.aborted))
    return 'degraded';
  if (rollouts.some(r => isRolloutInProgress(r) && r.paused)) return 'paused';
  if (rollouts.some(isRolloutInProgress)) return 'progressing';
  return 'stable';
}

/**
 * What the organisation page asks for.
 *
 * @public
 */
export interface KmopOrgQuery {
  owner?: string;
  system?: string;
  cluster?: string;
  /** Only services where this check fails (or warns, with `failingStatus: 'warn'`). */
  failingCheck?: string;
  /** Text in the entity ref or title. */
  text?: string;
  sort?: 'name' | 'owner' | 'system' | 'health' | 'readiness' | 'budget';
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/** @public */
export const ORG_SORT_KEYS = [
  'name',
  'owner',
  'system',
  'health',
  'readiness',
  'budget',
] as const;

/**
 * One page of the organisation view, with what spans all matching services.
 *
 * @public
 */
export interface KmopOrgPage {
  items: KmopServiceSummary[];
  /** Services matching the filters, over all pages. */
  totalItems: number;
  offset: number;
  limit: number;
  /** Values to filter by, over every service the caller may see. */
  facets: {
    owners: string[];
    systems: string[];
    clusters: string[];
    checks: string[];
  };
  /** Over the matching services (not only this page). */
  rolloutsInProgress: KmopOrgRollout[];
  slosBurning: KmopOrgBurningSlo[];
  generatedAt: string;
}

/**
 * Filters, sorts and pages summaries; facets come from all of them.
 *
 * @public
 */
export function pageServices(
  summaries: KmopServiceSummary[],
  query: KmopOrgQuery,
): Pick<KmopOrgPage, 'items' | 'totalItems' | 'offset' | 'limit' | 'facets'> & {
  matching: KmopServiceSummary[];
} {
  const text = query.text?.toLocaleLowerCase('en-US');
  const matching = summaries.filter(
    s =>
      (!query.owner || s.owner === query.owner) &&
      (!query.system || s.system === query.system) &&
      (!query.cluster || s.clusters.includes(query.cluster)) &&
      (!query.failingCheck ||
        s.readiness.failing.includes(query.failingCheck)) &&
      (!text ||
        s.entityRef.includes(text) ||
        s.title.toLocaleLowerCase('en-US').includes(text)),
  );
  const sign = query.order === 'desc' ? -1 : 1;
  const key = query.sort ?? 'name';
  matching.sort(
    (a, b) =>
      sign * compare(a, b, key) || a.entityRef.localeCompare(b.entityRef),
  );
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 50;
  const sorted = (values: (string | undefined)[]) =>
    [...new Set(values.filter((v): v is string => !!v))].sort();
  return {
    items: matching.slice(offset, offset + limit),
    totalItems: matching.length,
    offset,
    limit,
    matching,
    facets: {
      owners: sorted(summaries.map(s => s.owner)),
      systems: sorted(summaries.map(s => s.system)),
      clusters: sorted(summaries.flatMap(s => s.clusters)),
      checks: sorted(summaries.flatMap(s => s.readiness.failing)),
    },
  };
}

// Missing values sort last whatever the order asked: a service without an SLO is not
// "the one with the least budget".
function compare(
  a: KmopServiceSummary,
  b: KmopServiceSummary,
  key: NonNullable<KmopOrgQuery['sort']>,
): number {
  switch (key) {
    case 'name':
      return a.title.localeCompare(b.title);
    case 'owner':
      return (a.owner ?? '\uffff').localeCompare(b.owner ?? '\uffff');
    case 'system':
      return (a.system ?? '\uffff').localeCompare(b.system ?? '\uffff');
    case 'health':
      return HEALTH_ORDER.indexOf(a.health) - HEALTH_ORDER.indexOf(b.health);
    case 'readiness':
      return (a.readiness.score ?? -1) - (b.readiness.score ?? -1);
    case 'budget':
      return (
        (a.sloBudget?.remaining ?? Infinity) -
        (b.sloBudget?.remaining ?? Infinity)
      );
    default:
      return 0;
  }
}

/**
 * What a target looks for, in words, for "looked for … found none".
 *
 * @public
 */
export function describeTarget(target: KmopEntityTarget): string {
  const parts: string[] = [];
  if (target.serviceName) {
    parts.push(
      `service ${target.serviceName} (spec.serviceRef or label app.kubernetes.io/name=${target.serviceName})`,
    );
  }
  if (target.labelSelector)
    parts.push(`objects labelled ${target.labelSelector}`);
  let text = parts.join(' or ') || 'this entity (no KMOP annotation)';
  if (target.namespace) text += ` in namespace ${target.namespace}`;
  if (target.cluster) text += ` in cluster ${target.cluster}`;
  return text;
}
