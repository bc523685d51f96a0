/**
 * Error budget arithmetic (Google SRE Workbook, "Alerting on SLOs"). Objectives are ratios in
 * (0, 1): 0.999 for 99.9%. The error budget is B = 1 − objective.
 */
import { parseDuration } from '../duration';

/**
 * An objective and the error ratio observed over some window.
 *
 * @public
 */
export interface SloObservation {
  /** Objective as a ratio in (0, 1), e.g. 0.999. */
  objective: number;
  /** Bad events ÷ all events over the window, in [0, 1]. */
  errorRatio: number;
}

/**
 * @throws RangeError unless 0 < objective < 1.
 *
 * @public
 */
export function assertObjective(objective: number): void {
  if (!(objective > 0 && objective < 1)) {
    throw new RangeError(
      `objective must be a ratio between 0 and 1 exclusive (0.999 for 99.9%), got ${objective}`,
    );
  }
}

/**
 * @throws RangeError unless 0 ≤ errorRatio ≤ 1.
 *
 * @public
 */
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
 *
 * @public
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
 *
 * @public
 */
export function errorBudgetRemaining(observation: SloObservation): number {
  return 1 - burnRate(observation);
}

/** @public */
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
 *
 * @public
 */
export function timeToExhaustion({
  sloWindow,
  burnRate: rate,
  budgetRemaining = 1,
}: TimeToExhaustionInput): number {
  const window =
    typeof sloWindow === 'number'
      ? sloWindow
      : parseDuration(sloWindow, 'prometheus') / 1000;
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

/** Digits after the decimal point of a number as JavaScript writes it (0 for `1e-7`-style). */
function decimals(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 || text.includes('e') ? 0 : text.length - dot - 1;
}

/**
 * A percentage objective as a ratio with the digits as written: 99.9 → 0.999, never
 * 0.9990000000000001 (the decimal point moves; nothing is divided in binary). Strings are
 * read the same way (Pyrra writes `"99.5"`).
 *
 * @throws RangeError for a value that is not a finite number or numeric string.
 *
 * @public
 */
export function objectiveFromPercent(percent: number | string): number {
  const text = typeof percent === 'number' ? String(percent) : percent.trim();
  // `1e-7` moves its exponent; anything else gets one.
  const exponent = /^([^e]+)e([+-]?\d+)$/i.exec(text);
  const ratio = exponent
    ? Number(`${exponent[1]}e${Number(exponent[2]) - 2}`)
    : Number(`${text}e-2`);
  if (!Number.isFinite(ratio)) {
    throw new RangeError(`objective must be a percentage, got ${percent}`);
  }
  return ratio;
}

/**
 * The error budget of an objective over a window: as a ratio, a percentage and time.
 *
 * @public
 */
export interface ErrorBudget {
  /** 1 − objective, with no binary noise: 0.001 for 0.999. */
  ratio: number;
  /** The same in percent: 0.1. */
  percent: number;
  /** Time the budget allows over the window, in seconds (to the millisecond). */
  seconds: number;
  /** The same in words: `43.2 minutes`. */
  text: string;
}

const TIME_UNITS: [name: string, seconds: number][] = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * Seconds in words with the largest unit that keeps the number ≥ 1 (≥ 2 for days, so 36
 * hours reads as hours), three significant digits: `43.2 minutes`, `7.2 hours`, `2.5 days`.
 *
 * @public
 */
export function budgetText(seconds: number): string {
  if (seconds === 0) return '0 seconds';
  for (const [name, size] of TIME_UNITS) {
    const amount = seconds / size;
    if (amount >= (name === 'day' ? 2 : 1) || name === 'second') {
      const shown = Number(amount.toPrecision(3));
      return `${shown} ${name}${shown === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} seconds`;
}

/**
 * The error budget of `objective` (a ratio in (0, 1]) over `sloWindow`: 99.9% over 30d is
 * 0.1%, 2592 seconds, `43.2 minutes`. A 100% objective has a budget of 0.
 *
 * @throws RangeError for an objective outside (0, 1] or a window that is not positive;
 * SyntaxError for an unreadable window.
 *
 * @public
 */
export function errorBudget(
  objective: number,
  sloWindow: string | number,
): ErrorBudget {
  if (!(objective > 0 && objective <= 1)) {
    throw new RangeError(
      `objective must be a ratio in (0, 1], got ${objective}`,
    );
  }
  const window =
    typeof sloWindow === 'number'
      ? sloWindow
      : parseDuration(sloWindow, 'prometheus') / 1000;
  if (!(Number.isFinite(window) && window > 0)) {
    throw new RangeError(
      `sloWindow must be a positive duration, got ${sloWindow}`,
    );
  }
  // Round to the objective's own digits, so 1 − 0.999 is 0.001 and not 0.0010000000000000009.
  const digits = Math.min(decimals(objective), 15);
  const ratio = Number((1 - objective).toFixed(digits));
  const percent = Number((ratio * 100).toPrecision(10));
  const seconds = Math.round(ratio * window * 1000) / 1000;
  return { ratio, percent, seconds, text: budgetText(seconds) };
}
