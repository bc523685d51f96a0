import type {
  KmopEntityView,
  KmopRolloutView,
  KmopRouteView,
  KmopSloView,
} from '../view';
import { AlertBurn, alertBurns, describeFiring, hasSloFigures } from '../slo';
import { currentStep, drivenRollouts, isReleaseInProgress } from './inProgress';

/**
 * How a release stands, worst first:
 * - `aborted`: the rollout was aborted; traffic is back on the stable version.
 * - `at-risk`: an SLO alert fires or its budget is spent, the rollout's own analysis fails,
 *   the rollout is degraded, or a route that carries its traffic is degraded.
 * - `unjudged`: nothing is wrong that KMOP can see, but some SLO has no figures.
 * - `no-slo`: nothing is wrong that KMOP can see, and no SLO covers the service.
 * - `healthy`: every SLO has figures, none burns too fast, analysis and routes are fine.
 *
 * @public
 */
export type ReleaseLevel =
  | 'aborted'
  | 'at-risk'
  | 'unjudged'
  | 'no-slo'
  | 'healthy';

/**
 * One fact the judgement rests on, in words, with the item it is about.
 *
 * @public
 */
export interface ReleaseReason {
  kind:
    | 'aborted'
    | 'slo-alert'
    | 'slo-budget'
    | 'analysis'
    | 'rollout-degraded'
    | 'route'
    | 'no-figures'
    | 'no-slo'
    | 'cluster';
  /** The item the reason is about (an SLO, a route, the rollout). */
  itemId?: string;
  text: string;
}

/**
 * An SLO of the service as the release judgement reads it.
 *
 * @public
 */
export interface ReleaseSlo {
  id: string;
  name: string;
  health: KmopSloView['health'];
  objective?: number;
  window?: string;
  errorBudgetRemaining?: number;
  /** Each alert beside the burn of its windows, fastest tier first. */
  burns: AlertBurn[];
  /** The alerts that fire now. */
  firing: AlertBurn[];
  /** True when the SLO has a budget figure or an alert whose windows are known. */
  hasFigures: boolean;
  dataSource: KmopSloView['dataSource'];
  evaluatedAt?: string;
}

/**
 * One release in progress and how it stands.
 *
 * @public
 */
export interface ReleaseJudgement {
  rollout: KmopRolloutView;
  /** Rollout items driven by this one (a Flagger Canary's target Deployment): one release. */
  driven: KmopRolloutView[];
  step?: { current: number; of: number };
  level: ReleaseLevel;
  /** One sentence a person reads first. */
  headline: string;
  /** The facts behind the level, most serious first. */
  reasons: ReleaseReason[];
  /** Routes that carry the rollout's traffic. */
  routes: KmopRouteView[];
}

/**
 * What KMOP judges of an entity's releases.
 *
 * @public
 */
export interface EntityReleaseJudgement {
  releases: ReleaseJudgement[];
  slos: ReleaseSlo[];
  /**
   * Alerts that fire now, whether or not a release is in progress: an alert that still fires
   * after a promotion is still reported.
   */
  firing: { slo: ReleaseSlo; burn: AlertBurn }[];
  /** Ids of rollout items that are part of another item's release (shown under it). */
  drivenIds: string[];
}

/** @public */
export function releaseSlo(slo: KmopSloView): ReleaseSlo {
  const burns = alertBurns(slo);
  return {
    id: slo.id,
    name: slo.name,
    health: slo.health,
    objective: slo.objective,
    window: slo.window,
    errorBudgetRemaining: slo.errorBudgetRemaining,
    burns,
    firing: burns.filter(b => b.firing === true),
    hasFigures: hasSloFigures(slo),
    dataSource: slo.dataSource,
    evaluatedAt: slo.evaluatedAt,
  };
}

/** Service names that carry a rollout's traffic, as its router or controller names them. */
function trafficServices(rollout: KmopRolloutView): Set<string> {
  const names = new Set<string>();
  for (const name of Object.values(rollout.services ?? {})) {
    if (name) names.add(name);
  }
  if (rollout.source.kind === 'Canary' && rollout.target) {
    // Flagger names the Services it generates after the target: <name>, -primary, -canary.
    const base = rollout.target.name;
    names.add(base).add(`${base}-primary`).add(`${base}-canary`);
  }
  return names;
}

/**
 * Routes of the view that send traffic to the rollout's Services or that its router rewrites.
 *
 * @public
 */
export function routesOfRollout(
  rollout: KmopRolloutView,
  routes: readonly KmopRouteView[],
): KmopRouteView[] {
  const services = trafficServices(rollout);
  const rewritten = (rollout.trafficRouting ?? []).flatMap(t =>
    t.resource ? [t.resource] : [],
  );
  return routes.filter(route => {
    if (route.source.cluster !== rollout.source.cluster) return false;
    if (
      rewritten.some(
        r => r.kind === route.source.kind && r.name === route.source.name,
      )
    ) {
      return true;
    }
    return route.rules.some(rule =>
      rule.backends.some(
        b =>
          services.has(b.name) &&
          (b.namespace ?? route.source.namespace) === rollout.source.namespace,
      ),
    );
  });
}

function analysisReasons(rollout: KmopRolloutView): ReleaseReason[] {
  const reasons: ReleaseReason[] = [];
  if (rollout.failedChecks !== undefined && rollout.failedChecks > 0) {
    const of =
      rollout.failureThreshold !== undefined
        ? ` of ${rollout.failureThreshold} allowed before rollback`
        : '';
    reasons.push({
      kind: 'analysis',
      itemId: rollout.id,
      text: `The canary analysis has failed ${rollout.failedChecks} check${
        rollout.failedChecks === 1 ? '' : 's'
      }${of}.`,
    });
  }
  const status = rollout.analysis?.status;
  if (status && /^(failed|error|inconclusive)$/i.test(status)) {
    reasons.push({
      kind: 'analysis',
      itemId: rollout.id,
      text: `Analysis ${rollout.analysis?.name ?? 'run'} is ${status}${
        rollout.analysis?.message ? `: ${rollout.analysis.message}` : ''
      }.`,
    });
  }
  if (rollout.health === 'degraded' && rollout.aborted !== true) {
    reasons.push({
      kind: 'rollout-degraded',
      itemId: rollout.id,
      text: `The rollout is degraded: ${rollout.healthReason}.`,
    });
  }
  return reasons;
}

function sloReasons(slos: readonly ReleaseSlo[]): ReleaseReason[] {
  const reasons: ReleaseReason[] = [];
  for (const slo of slos) {
    for (const burn of slo.firing) {
      reasons.push({
        kind: 'slo-alert',
        itemId: slo.id,
        text: `${slo.name} burns its error budget too fast: ${describeFiring(
          burn,
        )}.`,
      });
    }
    const budget = slo.errorBudgetRemaining;
    if (budget !== undefined && budget <= 0) {
      reasons.push({
        kind: 'slo-budget',
        itemId: slo.id,
        text: `${slo.name} has spent its error budget (${
          Math.round(budget * 1000) / 10
        }% left).`,
      });
    }
  }
  return reasons;
}

const HEADLINES: Record<ReleaseLevel, string> = {
  aborted:
    'The rollout was aborted: traffic is back on the stable version. Retry it once the cause is fixed, or roll the spec back.',
  'at-risk': '',
  unjudged: '',
  'no-slo':
    'No SLO covers this service, so nothing tells whether the new version burns error budget.',
  healthy:
    'No SLO alert fires, every SLO has budget left and nothing else is wrong: the release may proceed.',
};

function atRiskHeadline(reasons: readonly ReleaseReason[]): string {
  if (reasons.some(r => r.kind === 'slo-alert' || r.kind === 'slo-budget')) {
    return 'The release is burning error budget too fast; consider aborting it.';
  }
  if (reasons.some(r => r.kind === 'analysis')) {
    return "The rollout's own analysis is failing; do not promote it.";
  }
  return 'Something that carries this release is unhealthy; do not promote it yet.';
}

/**
 * Judges one rollout in progress against the service's SLOs and the routes that carry it.
 *
 * @public
 */
export function judgeRelease(options: {
  rollout: KmopRolloutView;
  driven?: KmopRolloutView[];
  slos: readonly ReleaseSlo[];
  routes: readonly KmopRouteView[];
  clusters?: KmopEntityView['clusters'];
}): ReleaseJudgement {
  const { rollout, slos } = options;
  const routes = routesOfRollout(rollout, options.routes);
  const bad: ReleaseReason[] = [
    ...sloReasons(slos),
    ...analysisReasons(rollout),
    ...routes
      .filter(route => route.health === 'degraded')
      .map(route => ({
        kind: 'route' as const,
        itemId: route.id,
        text: `${route.source.kind} ${route.source.name}, which carries this release's traffic, is degraded: ${route.healthReason}.`,
      })),
  ];
  const unjudged = slos.filter(s => !s.hasFigures);
  const info: ReleaseReason[] = [];
  if (unjudged.length > 0) {
    info.push({
      kind: 'no-figures',
      text: `No burn-rate figures for ${unjudged
        .map(s => s.name)
        .join(', ')}: ${
        unjudged.length === 1 ? 'it' : 'they'
      } cannot judge the release.`,
    });
  }
  if (slos.length === 0) {
    info.push({ kind: 'no-slo', text: HEADLINES['no-slo'] });
  }
  const cluster = options.clusters?.find(
    c =>
      c.name === rollout.source.cluster &&
      (c.state !== 'ready' || c.staleSince),
  );
  if (cluster) {
    info.push({
      kind: 'cluster',
      text: `Data from cluster ${cluster.name} may be out of date${
        cluster.staleSince ? ` (stale since ${cluster.staleSince})` : ''
      }.`,
    });
  }
  let level: ReleaseLevel;
  if (rollout.aborted === true) level = 'aborted';
  else if (bad.length > 0) level = 'at-risk';
  else if (slos.length === 0) level = 'no-slo';
  else if (unjudged.length > 0) level = 'unjudged';
  else level = 'healthy';
  const aborted: ReleaseReason[] =
    level === 'aborted'
      ? [
          {
            kind: 'aborted',
            itemId: rollout.id,
            text: `The rollout was aborted${
              rollout.message ? ` (${rollout.message})` : ''
            }.`,
          },
        ]
      : [];
  let headline = HEADLINES[level];
  if (level === 'at-risk') headline = atRiskHeadline(bad);
  if (level === 'unjudged') {
    const judged = slos.length - unjudged.length;
    headline =
      judged > 0
        ? 'No SLO with figures burns too fast, but some SLOs have no figures: the release cannot be fully judged.'
        : 'No SLO of this service has figures: the release cannot be judged by its error budget.';
  }
  return {
    rollout,
    driven: options.driven ?? [],
    step: currentStep(rollout),
    level,
    headline,
    reasons: [...aborted, ...bad, ...info],
    routes,
  };
}

/**
 * The release judgement of an entity's view: every release in progress, and what fires.
 *
 * @public
 */
export function judgeReleases(view: KmopEntityView): EntityReleaseJudgement {
  const slos = view.slos.map(releaseSlo);
  const driven = drivenRollouts(view.rollouts);
  const drivenIds = new Set(
    [...driven.values()].flatMap(items => items.map(item => item.id)),
  );
  const releases = view.rollouts
    .filter(rollout => !drivenIds.has(rollout.id))
    .filter(
      rollout =>
        isReleaseInProgress(rollout) ||
        (driven.get(rollout.id) ?? []).some(isReleaseInProgress),
    )
    .map(rollout =>
      judgeRelease({
        rollout,
        driven: driven.get(rollout.id),
        slos,
        routes: view.routes,
        clusters: view.clusters,
      }),
    );
  return {
    releases,
    slos,
    firing: slos.flatMap(slo => slo.firing.map(burn => ({ slo, burn }))),
    drivenIds: [...drivenIds],
  };
}
