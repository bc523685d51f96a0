import type { KmopBurnRate, KmopSloIndicator, KmopSloView } from '../../view';
import { errorBudgetRemaining, sloHealth, multiwindowAlerts } from '../../slo';
import { tryParseDuration } from '../../duration';
import type { Reader } from '../access';
import { defineNormalizer, itemBase } from '../base';
import { kmopVerdict } from '../kmopStatus';
import {
  DEFAULT_SLO_WINDOW,
  blankSlo,
  budgetOf,
  percentToRatio,
  readWindow,
  sloAlerts,
} from './common';

function readIndicator(r: Reader): KmopSloIndicator {
  const type = r.str('spec.indicator.type');
  return {
    type: type === 'ratio' || type === 'latency' ? type : 'unknown',
    errorQuery: r.str('spec.indicator.errorQuery'),
    totalQuery: r.str('spec.indicator.totalQuery'),
    threshold: r.str('spec.indicator.threshold'),
  };
}

/** The reported burn rates; none when any entry is malformed (the set would be partial). */
function readBurnRates(r: Reader): KmopBurnRate[] {
  const listed = r.list('status.burnRates').length;
  const rates = r.arr('status.burnRates').flatMap(b => {
    const window = b.str('window');
    const rate = b.num('rate');
    if (window === undefined || rate === undefined) return [];
    if (!tryParseDuration(window, 'prometheus')) {
      b.note('window', `is "${window}", expected a duration such as 1h`);
      return [];
    }
    if (rate < 0) {
      b.note('rate', `is ${rate}, expected a burn rate ≥ 0`);
      return [];
    }
    return [{ window, rate }];
  });
  return rates.length === listed ? rates : [];
}

/** A ratio field of the status in [0, 1]. */
function readRatio(r: Reader, path: string): number | undefined {
  const value = r.num(path);
  if (value === undefined || (value >= 0 && value <= 1)) return value;
  r.note(path, `is ${value}, expected a ratio between 0 and 1`);
  return undefined;
}

/**
 * KMOP ServiceLevelObjective (kmop.dev/v1alpha1) → one SLO item, with status figures when reported.
 *
 * @public
 */
export const normalizeKmopSlo = defineNormalizer<KmopSloView>({
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'ServiceLevelObjective',
  blank: blankSlo,
  build: (r, meta) => {
    const objective = percentToRatio(
      r,
      'spec.objective',
      r.num('spec.objective'),
    );
    // The default applies only when the window is not written; a malformed one has none.
    const window = r.has('spec.window')
      ? readWindow(r, 'spec.window', undefined)
      : DEFAULT_SLO_WINDOW;
    const sli = readRatio(r, 'status.sli');
    // Budget figures are relative to the objective: without one they mean nothing.
    const statusBudget = r.num('status.errorBudgetRemaining');
    const reportedBudget = objective === undefined ? undefined : statusBudget;
    const budget =
      reportedBudget ??
      (sli !== undefined && objective !== undefined
        ? errorBudgetRemaining({ objective, errorRatio: 1 - sli })
        : undefined);
    const statusRates = readBurnRates(r);
    const burnRates = objective === undefined ? [] : statusRates;
    // KMOP's own spec: the workbook's tiers (page 14.4× 1h/5m, 6× 6h/30m; ticket 1× 3d/6h),
    // scaled to the window.
    const alerts = sloAlerts(objective, window, burnRates, multiwindowAlerts, {
      disabled: r.bool('spec.alerting.enabled') === false,
      page: r.bool('spec.alerting.pageAlert.disabled'),
      ticket: r.bool('spec.alerting.ticketAlert.disabled'),
    });
    const target = r.str('spec.target');
    const hasFigures =
      sli !== undefined || reportedBudget !== undefined || burnRates.length > 0;
    const dataSource = hasFigures ? 'status' : 'none';
    const toolHealth = kmopVerdict(r, meta.generation);
    const verdict = {
      ...toolHealth,
      ...sloHealth(toolHealth, {
        alerts,
        burnRates,
        errorBudgetRemaining: budget,
        dataSource,
      }),
    };
    return [
      {
        ...itemBase(meta, {
          ...verdict,
          badges: [
            ...(verdict.badges ?? []),
            ...(target ? [`via ${target}`] : []),
          ],
        }),
        name: meta.source.name,
        description: r.str('spec.description'),
        objective,
        window,
        errorBudget: budgetOf(objective, window),
        indicator: readIndicator(r),
        sli,
        errorBudgetRemaining: budget,
        burnRates,
        alerts,
        dataSource,
        toolHealth: { health: toolHealth.health, reason: toolHealth.reason },
        evaluatedAt: r.str('status.lastEvaluated'),
        ...(r.has('spec.window') ? {} : { defaults: ['window'] }),
      },
    ];
  },
});
