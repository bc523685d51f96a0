import type { KmopBurnRate, KmopSloView } from '../view';
import { evaluateAlerts } from './alerts';
import { tryParseDuration } from '../duration';
import { errorBudgetRemaining } from './budget';
import { sloHealth } from './health';

/**
 * Figures measured for an SLO at one instant.
 *
 * @public
 */
export interface MeasuredSloFigures {
  /** Error ratio over the SLO window; absent when Prometheus had no answer. */
  errorRatio?: number;
  /** Burn rate per alert window. */
  burnRates: KmopBurnRate[];
  /** ISO 8601. */
  evaluatedAt: string;
}

/**
 * The SLO with measured figures in place of its status ones: SLI, budget left, burn rates,
 * each alert's `firing`, and the health those figures give (see {@link sloHealth}).
 *
 * @public
 */
export function withMeasuredFigures(
  slo: KmopSloView,
  figures: MeasuredSloFigures,
): KmopSloView {
  const { errorRatio } = figures;
  const objective = slo.objective;
  const byWindow = Object.fromEntries(
    figures.burnRates.map(b => [b.window, b.rate]),
  );
  const measured: KmopSloView = {
    ...slo,
    sli: errorRatio === undefined ? undefined : 1 - errorRatio,
    errorBudgetRemaining:
      errorRatio === undefined || objective === undefined
        ? undefined
        : errorBudgetRemaining({ objective, errorRatio }),
    // Shortest window first, as a person reads a burn table.
    burnRates: [...figures.burnRates].sort(
      (a, b) =>
        (tryParseDuration(a.window, 'prometheus') ?? Infinity) -
        (tryParseDuration(b.window, 'prometheus') ?? Infinity),
    ),
    alerts: evaluateAlerts(slo.alerts, byWindow),
    dataSource: 'prometheus',
    evaluatedAt: figures.evaluatedAt,
  };
  const verdict = sloHealth(slo.toolHealth, measured);
  return { ...measured, health: verdict.health, healthReason: verdict.reason };
}
