import {
  AlertBurn,
  KmopEntityView,
  ReleaseJudgement,
  ReleaseLevel,
  ReleaseSlo,
  judgeReleases,
  roundBurn,
} from '@kmop/plugin-kmop-common';

/** An alert of an SLO with its windows' burn, rounded as a person reads it. */
export interface ExplainedAlert {
  severity: 'page' | 'ticket';
  name?: string;
  /** `1h/5m`. */
  windows: string;
  threshold: number;
  longBurn?: number;
  shortBurn?: number;
  /** Absent when a window has no figure. */
  firing?: boolean;
}

/** One SLO of the service, as a release decision needs it. */
export interface ExplainedSlo {
  name: string;
  health: string;
  objective?: number;
  window?: string;
  /** Share of the budget left, to 0.1 %; negative once overspent. */
  errorBudgetRemaining?: number;
  /** Fastest tier first. */
  alerts: ExplainedAlert[];
  dataSource: ReleaseSlo['dataSource'];
  evaluatedAt?: string;
}

/** One release in progress and how it stands. */
export interface ExplainedRelease {
  rolloutId: string;
  /** cluster/kind/namespace/name. */
  source: string;
  strategy: string;
  phase?: string;
  step?: { current: number; of: number };
  canaryWeight?: number;
  stableRevision?: string;
  canaryRevision?: string;
  paused: boolean;
  aborted: boolean;
  /** Objects this rollout drives, as kind/name (a Flagger Canary's Deployment). */
  drives: string[];
  /** Routes carrying its traffic, as kind/name. */
  routes: string[];
  verdict: ReleaseLevel;
  reasons: { kind: string; text: string }[];
}

/** The release view of an entity, as data, with a short account in words. */
export interface ReleaseExplanation {
  releases: ExplainedRelease[];
  slos: ExplainedSlo[];
  /** Alerts that fire now, release or not, as `<slo>: <severity> <windows>`. */
  firingAlerts: string[];
  text: string;
}

const ratio = (value: number | undefined) =>
  value === undefined ? undefined : Math.round(value * 1000) / 1000;

function explainAlert(burn: AlertBurn): ExplainedAlert {
  const { alert } = burn;
  return {
    severity: alert.severity,
    ...(alert.name ? { name: alert.name } : {}),
    windows: `${alert.longWindow}/${alert.shortWindow}`,
    threshold: roundBurn(alert.threshold),
    ...(burn.longRate === undefined
      ? {}
      : { longBurn: roundBurn(burn.longRate) }),
    ...(burn.shortRate === undefined
      ? {}
      : { shortBurn: roundBurn(burn.shortRate) }),
    ...(burn.firing === undefined ? {} : { firing: burn.firing }),
  };
}

function explainSlo(slo: ReleaseSlo): ExplainedSlo {
  return {
    name: slo.name,
    health: slo.health,
    objective: slo.objective,
    window: slo.window,
    errorBudgetRemaining: ratio(slo.errorBudgetRemaining),
    alerts: slo.burns.map(explainAlert),
    dataSource: slo.dataSource,
    evaluatedAt: slo.evaluatedAt,
  };
}

const name = (item: { source: { kind: string; name: string } }) =>
  `${item.source.kind}/${item.source.name}`;

function explainOne(release: ReleaseJudgement): ExplainedRelease {
  const { rollout } = release;
  const s = rollout.source;
  return {
    rolloutId: rollout.id,
    source: `${s.cluster}/${s.kind}/${s.namespace ?? ''}/${s.name}`,
    strategy: rollout.strategy,
    phase: rollout.phase,
    step: release.step,
    canaryWeight: rollout.canaryWeight,
    stableRevision: rollout.stableRevision,
    canaryRevision: rollout.canaryRevision,
    paused: rollout.paused === true,
    aborted: rollout.aborted === true,
    drives: release.driven.map(name),
    routes: release.routes.map(name),
    verdict: release.level,
    reasons: release.reasons.map(r => ({ kind: r.kind, text: r.text })),
  };
}

/** A release in one or two sentences: where it is, and the judgement's headline. */
function releaseSentence(release: ReleaseJudgement): string {
  const { rollout } = release;
  const where = [
    release.step ? `step ${release.step.current} of ${release.step.of}` : '',
    rollout.canaryWeight !== undefined
      ? `${rollout.canaryWeight}% on the canary`
      : '',
  ].filter(Boolean);
  const why = release.reasons
    .filter(r => r.kind !== 'no-slo' && r.kind !== 'aborted')
    .map(r => r.text);
  return [
    `${name(rollout)} (${rollout.strategy}${
      where.length ? `, ${where.join(', ')}` : ''
    }): ${release.headline}`,
    ...why,
  ].join(' ');
}

/**
 * The release view as data, judged by kmop-common's one release judgement, and a short
 * account in words that tells the story without restating every figure.
 */
export function explainRelease(view: KmopEntityView): ReleaseExplanation {
  const judgement = judgeReleases(view);
  const firingAlerts = judgement.firing.map(
    ({ slo, burn }) =>
      `${slo.name}: ${burn.alert.severity} ${burn.alert.longWindow}/${burn.alert.shortWindow}`,
  );
  const errors = view.clusters.filter(c => c.state === 'error');
  const clusterText = errors.length
    ? ` Clusters in error, whose rollouts may be missing: ${errors
        .map(c => c.name)
        .join(', ')}.`
    : '';
  let text: string;
  if (judgement.releases.length === 0) {
    text = `${view.entityRef} has no release in progress.${
      firingAlerts.length
        ? ` Alerts still fire: ${firingAlerts.join('; ')}.`
        : ''
    }${clusterText}`;
  } else {
    text = `${view.entityRef}: ${judgement.releases.length} release${
      judgement.releases.length === 1 ? '' : 's'
    } in progress.${clusterText}\n${judgement.releases
      .map(releaseSentence)
      .join('\n')}`;
  }
  return {
    releases: judgement.releases.map(explainOne),
    slos: judgement.slos.map(explainSlo),
    firingAlerts,
    text,
  };
}
