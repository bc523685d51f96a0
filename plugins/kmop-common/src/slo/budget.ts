/**
 * Error budget arithmetic (Google SRE Workbook, "Alerting on SLOs"). Objectives are ratios in
 * (0, 1): 0.999 for 99.9%. The error budget is B = 1 − objective.
 */
import { parseDuration } from './duration';

/** An objective and the error ratio observed over some window. */
export interface SloObservation {
  /** Objective as a ratio in (0, 1), e.g. 0.999. */
  objective: number;
  /** Bad events ÷ all events over the window, in [0, 1]. */
  errorRatio: number;
}

/** @throws RangeError unless 0 < objective < 1. */
export function assertObjective(objective: number): void {
  if (!(objective > 0 && objective < 1)) {
    throw new RangeError(
      `objective must be a ratio between 0 and 1 exclusive (0.999 for 99.9%), got ${objective}`,
    );
  }
}

/** @throws RangeError unless 0 ≤ errorRatio ≤ 1. */
export function assertErrorRatio(errorRatio: number): void {
  if (!(errorRatio >= 0 && errorRatio <= 1)) {
    throw new RangeError(
      `errorRatio must be a ratio between 0 and 1, got ${errorRatio}`,
    );
  }
}

/**
 * How fast the budget is being spent: error ratio ÷ (1 − objective). 1 spends exactly the
 * budget over the SLO window; 14.4 at 99.9% means 1.44% of requests fail.
 *
 * @throws RangeError for an objective outside (0, 1) or an error ratio outside [0, 1].
 */
export function burnRate({ objective, errorRatio }: SloObservation): number {
  assertObjective(objective);
  assertErrorRatio(errorRatio);
  return errorRatio / (1 - objective);
}

/**
 * Share of the budget left when `errorRatio` is observed over the whole SLO window:
 * 1 − errorRatio ÷ (1 − objective). Negative once the budget is overspent.
 *
 * @throws RangeError for an objective outside (0, 1) or an error ratio outside [0, 1].
 */
export function errorBudgetRemaining(observation: SloObservation): number {
  return 1 - burnRate(observation);
}

export interface TimeToExhaustionInput {
  /** SLO window as a duration (`30d`) or seconds. */
  sloWindow: string | number;
  /** Current burn rate (≥ 0). */
  burnRate: number;
  /** Share of the budget still left (default 1, a full budget). */
  budgetRemaining?: number;
}

/**
 * Seconds until the budget is gone at a constant burn rate: remaining × window ÷ burn rate.
 * Burn 14.4 empties a full 30d budget in 2.08 days. Infinity when nothing burns; 0 when the
 * budget is already spent.
 *
 * @throws RangeError for a negative or non-finite burn rate or window.
 */
export function timeToExhaustion({
  sloWindow,
  burnRate: rate,
  budgetRemaining = 1,
}: TimeToExhaustionInput): number {
  const window =
    typeof sloWindow === 'number' ? sloWindow : parseDuration(sloWindow);
  if (!(Number.isFinite(window) && window > 0)) {
    throw new RangeError(
      `sloWindow must be a positive duration, got ${sloWindow}`,
    );
  }
  if (!(Number.isFinite(rate) && rate >= 0)) {
    throw new RangeError(`burnRate must be a finite number ≥ 0, got ${rate}`);
  }
  if (Number.isNaN(budgetRemaining)) {
    throw new RangeError('budgetRemaining must be a number, got NaN');
  }
  if (budgetRemaining <= 0) return 0;
  if (rate === 0) return Infinity;
  return (budgetRemaining * window) / rate;
}
