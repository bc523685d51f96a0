import type {
  KmopBurnRate,
  KmopBurnRateAlert,
  KmopErrorBudget,
  KmopItemBase,
  KmopSloView,
} from '../../view';
import { errorBudget, evaluateAlerts, objectiveFromPercent } from '../../slo';
import { tryParseDuration } from '../../duration';
import type { Reader } from '../access';

/** Sloth's and KMOP's default SLO window. */
export const DEFAULT_SLO_WINDOW = '30d';

/**
 * A percentage objective as a ratio. The range is (0, 100), or (0, 100] where 100 is allowed
 * (Sloth); anything else is recorded as an issue.
 */
export function percentToRatio(
  r: Reader,
  path: string,
  percent: number | undefined,
  allowHundred = false,
): number | undefined {
  if (percent === undefined) {
    if (!r.has(path)) r.note(path, 'is missing');
    return undefined;
  }
  // Checked on the ratio: a tiny percentage can underflow to 0 when divided.
  const ratio = objectiveFromPercent(percent);
  const inRange = ratio > 0 && (allowHundred ? ratio <= 1 : ratio < 1);
  if (!inRange) {
    r.note(
      path,
      `is ${percent}, expected a percentage in (0, 100${
        allowHundred ? ']' : ')'
      }`,
    );
    return undefined;
  }
  return ratio;
}

/** A window string, recorded as an issue when it is not a duration. */
export function readWindow(
  r: Reader,
  path: string,
  fallback: string | undefined,
): string | undefined {
  const window = r.str(path);
  if (window === undefined) {
    if (fallback === undefined && !r.has(path)) r.note(path, 'is missing');
    return fallback;
  }
  if (!tryParseDuration(window, 'prometheus')) {
    r.note(path, `is "${window}", expected a duration such as 30d`);
    return fallback;
  }
  return window;
}

export interface AlertSwitches {
  /** All alerting off. */
  disabled?: boolean;
  page?: boolean;
  ticket?: boolean;
}

/**
 * The tool's alerts for the SLO window minus disabled severities, evaluated against known
 * burn rates; none without an objective (a burn rate is relative to the budget), a valid
 * window, or with alerting off.
 */
export function sloAlerts(
  objective: number | undefined,
  window: string | undefined,
  burnRates: readonly KmopBurnRate[],
  tiers: (windowSeconds: number) => KmopBurnRateAlert[],
  off: AlertSwitches = {},
): KmopBurnRateAlert[] {
  if (objective === undefined || window === undefined || off.disabled) {
    return [];
  }
  const seconds = windowSeconds(window);
  if (!seconds) return [];
  const alerts = tiers(seconds).filter(
    a => !(a.severity === 'page' ? off.page : off.ticket),
  );
  const rates: Record<string, number> = {};
  for (const b of burnRates) rates[b.window] = b.rate;
  return evaluateAlerts(alerts, rates);
}

/** Seconds in an SLO window (a Prometheus duration), or undefined when it is not one. */
function windowSeconds(window: string | undefined): number | undefined {
  const milliseconds = tryParseDuration(window, 'prometheus');
  return milliseconds === undefined ? undefined : milliseconds / 1000;
}

/** The error budget, when the objective and window allow one. */
export function budgetOf(
  objective: number | undefined,
  window: string | undefined,
): KmopErrorBudget | undefined {
  const seconds = windowSeconds(window);
  if (objective === undefined || !seconds) return undefined;
  return errorBudget(objective, seconds);
}

/** `alerting.labels` and the like: a string map, or undefined when empty. */
export function labelsOf(
  r: Reader | undefined,
  path: string,
): Record<string, string> | undefined {
  if (!r) return undefined;
  const map = r.stringMap(path);
  return Object.keys(map).length > 0 ? map : undefined;
}

/** An SLO item with nothing known but its source, for objects that cannot be read. */
export function blankSlo(base: KmopItemBase): KmopSloView {
  return {
    ...base,
    name: base.source.name,
    indicator: { type: 'unknown' },
    burnRates: [],
    alerts: [],
    dataSource: 'none',
    toolHealth: { health: base.health, reason: base.healthReason },
  };
}
