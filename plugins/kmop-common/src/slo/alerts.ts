/**
 * Multiwindow, multi-burn-rate alerts (Google SRE Workbook, "Alerting on SLOs", table 5-8).
 * An alert fires when the burn rate exceeds its threshold over both its long and its short
 * window; the short window is 1/12 of the long one.
 */
import type { KmopBurnRateAlert } from '../view';
import { formatDuration, parseDuration } from '../duration';

/**
 * One alert tier: how much of the budget may burn within the long window.
 *
 * @public
 */
export interface BurnRateAlertTier {
  severity: 'page' | 'ticket';
  longWindow: string;
  shortWindow: string;
  /** Fraction of the whole budget consumed within the long window when the alert fires. */
  budgetFraction: number;
}

/**
 * The workbook's recommended tiers: 2% in 1h and 5% in 6h page, 10% in 3d files a ticket.
 *
 * @public
 */
export const SRE_WORKBOOK_ALERT_TIERS: readonly BurnRateAlertTier[] = [
  {
    severity: 'page',
    longWindow: '1h',
    shortWindow: '5m',
    budgetFraction: 0.02,
  },
  {
    severity: 'page',
    longWindow: '6h',
    shortWindow: '30m',
    budgetFraction: 0.05,
  },
  {
    severity: 'ticket',
    longWindow: '3d',
    shortWindow: '6h',
    budgetFraction: 0.1,
  },
];

/**
 * Sloth's four alerts (slok/sloth `internal/alert/windows/google-30d.yaml`): the workbook's
 * two page tiers, and two ticket tiers of 10% each, 1d/2h (burn 3) and 3d/6h (burn 1).
 *
 * @public
 */
export const SLOTH_ALERT_TIERS: readonly BurnRateAlertTier[] = [
  SRE_WORKBOOK_ALERT_TIERS[0],
  SRE_WORKBOOK_ALERT_TIERS[1],
  {
    severity: 'ticket',
    longWindow: '1d',
    shortWindow: '2h',
    budgetFraction: 0.1,
  },
  SRE_WORKBOOK_ALERT_TIERS[2],
];

/** Pyrra's tiers (pyrra-dev/pyrra `slo/rules.go`): windows as fractions of the SLO window, fixed factors. */
const PYRRA_TIERS: {
  severity: 'page' | 'ticket';
  label: 'critical' | 'warning';
  long: number;
  short: number;
  factor: number;
}[] = [
  { severity: 'page', label: 'critical', long: 672, short: 8064, factor: 14 },
  { severity: 'page', label: 'critical', long: 112, short: 1344, factor: 7 },
  { severity: 'ticket', label: 'warning', long: 28, short: 336, factor: 2 },
  { severity: 'ticket', label: 'warning', long: 7, short: 112, factor: 1 },
];

/**
 * Pyrra's four burn-rate alerts for an SLO window: windows scaled from 28d and rounded to
 * the minute (1h/5m, 6h/30m, 1d/2h, 4d/6h for 28d), factors 14, 7, 2 and 1 whatever the
 * window. Each carries Pyrra's `severity` label (`critical` or `warning`).
 *
 * @throws SyntaxError for an unreadable window; RangeError for a window that is not positive.
 *
 * @public
 */
export function pyrraAlerts(sloWindow: string | number): KmopBurnRateAlert[] {
  const period = windowSeconds(sloWindow);
  const scaled = (fraction: number) =>
    formatDuration(
      Math.max(60, Math.round(period / fraction / 60) * 60) * 1000,
      'prometheus',
    );
  return PYRRA_TIERS.map(t => ({
    severity: t.severity,
    longWindow: scaled(t.long),
    shortWindow: scaled(t.short),
    threshold: t.factor,
    labels: { severity: t.label },
  }));
}

/** Seconds in an SLO or burn-rate window; windows are Prometheus durations (`5m`, `28d`). */
function windowToSeconds(window: string): number {
  return parseDuration(window, 'prometheus') / 1000;
}

function windowSeconds(sloWindow: string | number): number {
  const seconds =
    typeof sloWindow === 'number' ? sloWindow : windowToSeconds(sloWindow);
  if (!(Number.isFinite(seconds) && seconds > 0)) {
    throw new RangeError(
      `sloWindow must be a positive duration, got ${sloWindow}`,
    );
  }
  return seconds;
}

/**
 * Alert thresholds for an SLO window (`30d`, `28d` or seconds): threshold = budgetFraction ×
 * window ÷ long window, so 30d gives 14.4 (1h/5m), 6 (6h/30m) and 1 (3d/6h), and 28d gives
 * 13.44, 5.6 and 0.933. Tiers whose long window exceeds the SLO window are left out, since they
 * would measure burn over more time than the budget covers.
 *
 * @throws SyntaxError for an unreadable window; RangeError for a window that is not positive.
 *
 * @public
 */
export function multiwindowAlerts(
  sloWindow: string | number,
  tiers: readonly BurnRateAlertTier[] = SRE_WORKBOOK_ALERT_TIERS,
): KmopBurnRateAlert[] {
  const period = windowSeconds(sloWindow);
  return tiers
    .filter(t => windowToSeconds(t.longWindow) <= period)
    .map(t => ({
      severity: t.severity,
      longWindow: t.longWindow,
      shortWindow: t.shortWindow,
      // Twelve significant digits: 14.4, not 14.400000000000002.
      threshold: Number(
        (
          (t.budgetFraction * period) /
          windowToSeconds(t.longWindow)
        ).toPrecision(12),
      ),
    }));
}

/**
 * Burn rates keyed by window; `60m` and `1h` name the same window.
 *
 * @public
 */
export type BurnRatesByWindow = Readonly<Record<string, number>>;

function rateFor(window: string, rates: BurnRatesByWindow): number | undefined {
  const wanted = windowToSeconds(window);
  for (const [key, rate] of Object.entries(rates)) {
    let seconds: number;
    try {
      seconds = windowToSeconds(key);
    } catch {
      continue;
    }
    if (seconds === wanted && Number.isFinite(rate)) return rate;
  }
  return undefined;
}

/**
 * The alerts with `firing` set where both windows' burn rates are known: true when both
 * exceed the threshold. Alerts missing either window's rate keep `firing` unset.
 *
 * @public
 */
export function evaluateAlerts(
  alerts: readonly KmopBurnRateAlert[],
  burnRatesByWindow: BurnRatesByWindow,
): KmopBurnRateAlert[] {
  return alerts.map(alert => {
    const long = rateFor(alert.longWindow, burnRatesByWindow);
    const short = rateFor(alert.shortWindow, burnRatesByWindow);
    const { firing: _previous, ...rest } = alert;
    if (long === undefined || short === undefined) return rest;
    return {
      ...rest,
      firing: long > alert.threshold && short > alert.threshold,
    };
  });
}

/**
 * Human form of an alert's rule: `burn > 14.4× over 1h and 5m`.
 *
 * @public
 */
export function describeAlert(alert: KmopBurnRateAlert): string {
  const threshold = Math.round(alert.threshold * 100) / 100;
  return `burn > ${threshold}× over ${alert.longWindow} and ${alert.shortWindow}`;
}
