import type { KmopSloIndicator, KmopSloView } from '../../view';
import { pyrraAlerts } from '../../slo';
import { formatDuration } from '../../duration';
import type { Reader } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import {
  blankSlo,
  budgetOf,
  percentToRatio,
  readWindow,
  sloAlerts,
} from './common';

/** Pyrra's alert name when `alerting.name` is not set. */
const DEFAULT_ALERT_NAME = 'ErrorBudgetBurn';

const PERCENT = /^\d+(?:\.\d+)?$/;

/** The latency threshold in a histogram bucket selector such as `…_bucket{le="0.1"}`. */
function bucketThreshold(metric: string | undefined): string | undefined {
  const le = metric?.match(/le="(\d+(?:\.\d+)?)"/)?.[1];
  if (le === undefined) return undefined;
  const seconds = Number(le);
  return Number.isFinite(seconds)
    ? formatDuration(seconds * 1000, 'prometheus')
    : undefined;
}

function readIndicator(r: Reader): KmopSloIndicator {
  const ratio = r.record('spec.indicator.ratio');
  if (ratio) {
    return {
      type: 'ratio',
      errorQuery: ratio.str('errors.metric'),
      totalQuery: ratio.str('total.metric'),
    };
  }
  const latency = r.record('spec.indicator.latency');
  if (latency) {
    const success = latency.str('success.metric');
    return {
      type: 'latency',
      goodQuery: success,
      totalQuery: latency.str('total.metric'),
      threshold: bucketThreshold(success),
    };
  }
  const native = r.record('spec.indicator.latencyNative');
  if (native) {
    return {
      type: 'latency',
      totalQuery: native.str('total.metric'),
      threshold: native.str('latency'),
    };
  }
  const gauge = r.record('spec.indicator.bool_gauge');
  if (gauge) return { type: 'boolGauge', goodQuery: gauge.str('metric') };
  return { type: 'unknown' };
}

/** `"99.5"` → 0.995; anything that is not a plain decimal percentage is recorded. */
function readTarget(r: Reader): number | undefined {
  const target = r.str('spec.target');
  if (target !== undefined && !PERCENT.test(target.trim())) {
    r.note(
      'spec.target',
      `is "${target}", expected a percentage such as "99.5"`,
    );
    return undefined;
  }
  return percentToRatio(
    r,
    'spec.target',
    target === undefined ? undefined : Number(target),
  );
}

/** Pyrra reports no health (docs/sources/pyrra-servicelevelobjective.md): only what kind of rules it generated. */
function pyrraVerdict(r: Reader): HealthVerdict {
  const generated = r.str('status.type');
  return {
    health: 'unknown',
    reason: generated
      ? `Pyrra generated a ${generated}; it reports no health, compliance comes from Prometheus`
      : 'Pyrra reports no health and has not reported generating rules',
  };
}

/**
 * Pyrra ServiceLevelObjective (pyrra.dev/v1alpha1) → one SLO item.
 *
 * @public
 */
export const normalizePyrraSlo = defineNormalizer<KmopSloView>({
  apiVersion: 'pyrra.dev/v1alpha1',
  kind: 'ServiceLevelObjective',
  // Pyrra's ServiceLevelObjectiveStatus has no observedGeneration.
  observedGenerationField: 'none',
  blank: blankSlo,
  build: (r, meta) => {
    const window = readWindow(r, 'spec.window', undefined);
    const objective = readTarget(r);
    const alerting = r.record('spec.alerting');
    const defaults: string[] = [];
    // Pyrra: `burnrates` and `absent` default to true, the alert name to ErrorBudgetBurn.
    const disabled = alerting?.bool('disabled') === true;
    const burnrates = r.orDefault(
      alerting?.bool('burnrates'),
      'spec.alerting.burnrates',
      true,
    );
    const absentAlerts = r.orDefault(
      alerting?.bool('absent'),
      'spec.alerting.absent',
      true,
    );
    if (absentAlerts !== undefined && !r.has('spec.alerting.absent')) {
      defaults.push('absentAlerts');
    }
    const name = r.orDefault(
      alerting?.str('name'),
      'spec.alerting.name',
      DEFAULT_ALERT_NAME,
    );
    const alerts = sloAlerts(objective, window, [], pyrraAlerts, {
      disabled: disabled || burnrates !== true,
    }).map(a => ({
      ...a,
      name,
      labels: { ...a.labels, slo: meta.source.name },
    }));
    if (alerts.length > 0 && !r.has('spec.alerting.name')) {
      defaults.push('alerts.name');
    }
    const verdict = pyrraVerdict(r);
    return [
      {
        ...itemBase(meta, verdict),
        name: meta.source.name,
        description: r.str('spec.description'),
        objective,
        window,
        errorBudget: budgetOf(objective, window),
        absentAlerts,
        indicator: readIndicator(r),
        burnRates: [],
        alerts,
        dataSource: 'none',
        toolHealth: { health: verdict.health, reason: verdict.reason },
        ...(defaults.length > 0 ? { defaults } : {}),
      },
    ];
  },
});
