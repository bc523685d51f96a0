import type {
  KmopEntityView,
  KmopRolloutView,
  KmopSloView,
} from '@kmop/plugin-kmop-common';
import { describeAlert } from '@kmop/plugin-kmop-common';

/** What the service's SLOs say of a release. */
export type ReleaseVerdict =
  | 'hold'
  | 'aborted'
  | 'no-alert-firing'
  | 'no-slo'
  | 'slo-figures-unknown';

/** One SLO of the service, as a release decision needs it. */
export interface ReleaseSlo {
  name: string;
  /** Absent when the SLO's objective is missing or malformed. */
  objective?: number;
  window?: string;
  errorBudgetRemaining?: number;
  burnRates: { window: string; rate: number }[];
  /** Alerts that fire now, as `page: burn > 14.4× over 1h and 5m`. */
  firingAlerts: string[];
  dataSource: KmopSloView['dataSource'];
}

/** One rollout in progress and its verdict. */
export interface Release {
  rolloutId: string;
  source: string;
  strategy: KmopRolloutView['strategy'];
  phase?: string;
  /** 1-based current step and the number of steps, for canaries. */
  step?: { current: number; of: number };
  canaryWeight?: number;
  stableRevision?: string;
  canaryRevision?: string;
  paused: boolean;
  aborted: boolean;
  verdict: ReleaseVerdict;
  /** The release in a few sentences an agent can quote. */
  text: string;
}

/** The release view of an entity. */
export interface ReleaseExplanation {
  releases: Release[];
  slos: ReleaseSlo[];
  text: string;
}

/**
 * A rollout is in progress while it is progressing, paused, at a step that is
 * not the last one done, or aborted (a failed release still needs a decision).
 */
export function isInProgress(rollout: KmopRolloutView): boolean {
  return (
    rollout.aborted ||
    rollout.paused ||
    rollout.health === 'progressing' ||
    rollout.steps.some(s => s.state === 'current')
  );
}

const percent = (ratio: number) => `${Math.round(ratio * 10000) / 100}%`;
const times = (rate: number) => `${Math.round(rate * 100) / 100}×`;

function releaseSlo(slo: KmopSloView): ReleaseSlo {
  return {
    name: slo.name,
    objective: slo.objective,
    window: slo.window,
    errorBudgetRemaining: slo.errorBudgetRemaining,
    burnRates: slo.burnRates.map(b => ({ window: b.window, rate: b.rate })),
    firingAlerts: slo.alerts
      .filter(a => a.firing)
      .map(a => `${a.severity}: ${describeAlert(a)}`),
    dataSource: slo.dataSource,
  };
}

function sloSentence(slo: ReleaseSlo): string {
  const objective =
    slo.objective === undefined ? 'objective unknown' : percent(slo.objective);
  const parts = [
    `SLO ${slo.name} (${objective} over ${slo.window ?? 'an unknown window'})`,
  ];
  if (slo.errorBudgetRemaining !== undefined) {
    parts.push(`${percent(slo.errorBudgetRemaining)} of its error budget left`);
  }
  if (slo.burnRates.length > 0) {
    parts.push(
      `burn ${slo.burnRates
        .map(b => `${times(b.rate)} over ${b.window}`)
        .join(', ')}`,
    );
  }
  if (slo.firingAlerts.length > 0) {
    parts.push(`alerts firing: ${slo.firingAlerts.join('; ')}`);
  } else if (slo.burnRates.length > 0) {
    parts.push('no burn-rate alert fires');
  } else if (slo.errorBudgetRemaining === undefined) {
    parts.push('no figures (no Prometheus and no status)');
  }
  const [head, ...rest] = parts;
  return rest.length ? `${head}: ${rest.join(', ')}` : head;
}

function verdictOf(
  rollout: KmopRolloutView,
  slos: ReleaseSlo[],
): { verdict: ReleaseVerdict; words: string } {
  if (rollout.aborted) {
    return {
      verdict: 'aborted',
      words: `The rollout was aborted${
        rollout.message ? ` (${rollout.message})` : ''
      }; traffic is back on the stable revision.`,
    };
  }
  const firing = slos.filter(s => s.firingAlerts.length > 0);
  const spent = slos.filter(
    s => s.errorBudgetRemaining !== undefined && s.errorBudgetRemaining <= 0,
  );
  if (firing.length > 0 || spent.length > 0) {
    const why = [
      ...firing.map(
        s =>
          `${s.name} burns its error budget faster than its alert thresholds allow`,
      ),
      ...spent
        .filter(s => !firing.includes(s))
        .map(s => `${s.name} has no error budget left`),
    ];
    return {
      verdict: 'hold',
      words: `Hold: ${why.join(
        '; ',
      )}. Do not promote until the burn is back under the thresholds.`,
    };
  }
  if (slos.length === 0) {
    return {
      verdict: 'no-slo',
      words:
        'No SLO covers this service, so KMOP cannot judge the release by its error budget.',
    };
  }
  const known = slos.filter(
    s => s.burnRates.length > 0 || s.errorBudgetRemaining !== undefined,
  );
  if (known.length < slos.length) {
    return {
      verdict: 'slo-figures-unknown',
      words: `No figures for ${slos
        .filter(s => !known.includes(s))
        .map(s => s.name)
        .join(', ')}; the release cannot be judged by them.`,
    };
  }
  return {
    verdict: 'no-alert-firing',
    words:
      'No SLO alert fires and every SLO has budget left: by its SLOs the release may proceed.',
  };
}

function describeRollout(rollout: KmopRolloutView): {
  sentence: string;
  step?: { current: number; of: number };
} {
  const s = rollout.source;
  const where = `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${
    s.name
  } in cluster ${s.cluster}`;
  const parts = [`${rollout.strategy} rollout (${where})`];
  let step: { current: number; of: number } | undefined;
  if (rollout.steps.length > 0 && rollout.currentStepIndex !== undefined) {
    step = {
      current: Math.min(rollout.currentStepIndex + 1, rollout.steps.length),
      of: rollout.steps.length,
    };
    parts.push(`at step ${step.current} of ${step.of}`);
  }
  if (rollout.canaryWeight !== undefined) {
    parts.push(`${rollout.canaryWeight}% of traffic on the canary`);
  }
  if (rollout.canaryRevision || rollout.stableRevision) {
    parts.push(
      `canary revision ${rollout.canaryRevision ?? 'unknown'}, stable ${
        rollout.stableRevision ?? 'unknown'
      }`,
    );
  }
  if (rollout.phase) parts.push(`phase ${rollout.phase}`);
  if (rollout.paused) {
    parts.push(
      `paused${
        rollout.pauseReasons.length
          ? ` (${rollout.pauseReasons.join(', ')})`
          : ''
      }`,
    );
  }
  if (rollout.analysis) {
    parts.push(
      `analysis ${rollout.analysis.name ?? ''} ${
        rollout.analysis.status
      }`.replace('  ', ' '),
    );
  }
  return { sentence: `${parts.join(', ')}.`, step };
}

/**
 * The release view as data and text: each rollout in progress with the burn
 * of the same service's SLOs beside it and a verdict in words.
 */
export function explainRelease(view: KmopEntityView): ReleaseExplanation {
  const slos = view.slos.map(releaseSlo);
  const sloText = slos.map(sloSentence);
  const releases = view.rollouts.filter(isInProgress).map(rollout => {
    const { sentence, step } = describeRollout(rollout);
    const { verdict, words } = verdictOf(rollout, slos);
    const stale = view.clusters.find(
      c =>
        c.name === rollout.source.cluster &&
        (c.state === 'error' || c.staleSince),
    );
    const staleText = stale
      ? ` Data from cluster ${stale.name} may be out of date${
          stale.staleSince ? ` (stale since ${stale.staleSince})` : ''
        }.`
      : '';
    return {
      rolloutId: rollout.id,
      source: `${rollout.source.cluster}/${rollout.source.kind}/${
        rollout.source.namespace ?? ''
      }/${rollout.source.name}`,
      strategy: rollout.strategy,
      phase: rollout.phase,
      step,
      canaryWeight: rollout.canaryWeight,
      stableRevision: rollout.stableRevision,
      canaryRevision: rollout.canaryRevision,
      paused: rollout.paused === true,
      aborted: rollout.aborted === true,
      verdict,
      text:
        [sentence, ...sloText.map(t => `${t}.`), words].join(' ') + staleText,
    };
  });
  const errors = view.clusters.filter(c => c.state === 'error');
  const clusterText = errors.length
    ? ` Clusters in error (their rollouts may be missing): ${errors
        .map(c => `${c.name} (${c.error?.message ?? 'error'})`)
        .join('; ')}.`
    : '';
  const text =
    releases.length === 0
      ? `${view.entityRef} has no rollout in progress (${
          view.rollouts.length
        } rollout${
          view.rollouts.length === 1 ? '' : 's'
        } found, all complete).${clusterText}`
      : `${view.entityRef}: ${releases.length} release${
          releases.length === 1 ? '' : 's'
        } in progress.${clusterText}\n${releases.map(r => r.text).join('\n')}`;
  return { releases, slos, text };
}
