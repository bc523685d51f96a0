import type { KmopBurnRateAlert, KmopHealth, KmopSloView } from '../view';
import { tryParseDuration } from '../duration';

/**
 * A health word with the reason a person reads beside it.
 *
 * @public
 */
export interface SloHealthVerdict {
  health: KmopHealth;
  reason: string;
}

/**
 * The figures an SLO's health is judged by.
 *
 * @public
 */
export type SloFigures = Pick<
  KmopSloView,
  'alerts' | 'burnRates' | 'errorBudgetRemaining' | 'dataSource'
>;

/**
 * A burn-rate alert beside the burn of its two windows, as far as they are known.
 *
 * @public
 */
export interface AlertBurn {
  alert: KmopBurnRateAlert;
  longRate?: number;
  shortRate?: number;
  /** Undefined when either window's burn rate is unknown. */
  firing?: boolean;
}

function seconds(window: string): number | undefined {
  const milliseconds = tryParseDuration(window, 'prometheus');
  return milliseconds === undefined ? undefined : milliseconds / 1000;
}

/**
 * Pairs each alert with the burn of its windows, matching windows by length (`60m` is `1h`),
 * fastest tier first. An alert's `firing` as evaluated wins; otherwise both rates decide.
 *
 * @public
 */
export function alertBurns(
  slo: Pick<SloFigures, 'alerts' | 'burnRates'>,
): AlertBurn[] {
  const rateOf = (window: string) => {
    const wanted = seconds(window);
    if (wanted === undefined) return undefined;
    return slo.burnRates.find(
      b => seconds(b.window) === wanted && Number.isFinite(b.rate),
    )?.rate;
  };
  return slo.alerts
    .map(alert => {
      const longRate = rateOf(alert.longWindow);
      const shortRate = rateOf(alert.shortWindow);
      const computed =
        longRate !== undefined && shortRate !== undefined
          ? longRate > alert.threshold && shortRate > alert.threshold
          : undefined;
      return { alert, longRate, shortRate, firing: alert.firing ?? computed };
    })
    .sort(
      (a, b) =>
        (seconds(a.alert.longWindow) ?? Infinity) -
        (seconds(b.alert.longWindow) ?? Infinity),
    );
}

/**
 * A burn rate as a person reads it: one decimal (`16×`, `14.4×`, `0.3×`), two significant
 * digits below 0.1 (`0.042×`), so a slow burn never reads `0×`.
 *
 * @public
 */
export function roundBurn(rate: number): number {
  if (rate !== 0 && Math.abs(rate) < 0.1) return Number(rate.toPrecision(2));
  return Math.round(rate * 10) / 10;
}

/**
 * `page alert: 16.5× over 1h and 15.2× over 5m, above its 14.4× threshold`.
 *
 * @public
 */
export function describeFiring(burn: AlertBurn): string {
  const { alert, longRate, shortRate } = burn;
  const rates =
    longRate !== undefined && shortRate !== undefined
      ? `${roundBurn(longRate)}× over ${alert.longWindow} and ${roundBurn(
          shortRate,
        )}× over ${alert.shortWindow}`
      : `over ${alert.longWindow} and ${alert.shortWindow}`;
  return `${alert.severity} alert${
    alert.name ? ` ${alert.name}` : ''
  }: ${rates}, above its ${roundBurn(alert.threshold)}× threshold`;
}

/**
 * True when the SLO has figures to judge: a budget or an alert whose windows are known.
 *
 * @public
 */
export function hasSloFigures(slo: SloFigures): boolean {
  return (
    slo.errorBudgetRemaining !== undefined ||
    alertBurns(slo).some(b => b.firing !== undefined)
  );
}

/**
 * An SLO's health from its figures, whatever its source kind. Any firing burn-rate alert, or
 * a budget spent (≤ 0), is `degraded`: the figures say so, whatever the tool reports of its
 * rules. Without either, the tool's own verdict stands when it is not `ok` (rules not
 * generated, an older generation), else figures with no alert firing are `ok`. Without
 * figures the tool's verdict is all there is.
 *
 * @public
 */
export function sloHealth(
  tool: SloHealthVerdict,
  slo: SloFigures,
): SloHealthVerdict {
  const burns = alertBurns(slo);
  const firing = burns.filter(b => b.firing === true);
  // Page alerts first: they are the ones that wake a person.
  firing.sort(
    (a, b) =>
      Number(a.alert.severity !== 'page') - Number(b.alert.severity !== 'page'),
  );
  if (firing.length > 0) {
    return {
      health: 'degraded',
      reason: `Burning error budget too fast: ${firing
        .map(describeFiring)
        .join('; ')}`,
    };
  }
  const budget = slo.errorBudgetRemaining;
  if (budget !== undefined && budget <= 0) {
    return {
      health: 'degraded',
      reason: `Error budget spent (${Math.round(budget * 1000) / 10}% left)`,
    };
  }
  if (!hasSloFigures(slo)) return tool;
  if (tool.health === 'degraded' || tool.health === 'progressing') return tool;
  const evaluated = burns.filter(b => b.firing !== undefined).length;
  const parts = [
    evaluated > 0
      ? `No burn-rate alert fires (${evaluated} of ${burns.length} evaluated)`
      : 'No burn-rate figures',
  ];
  if (budget !== undefined) {
    parts.push(`${Math.round(budget * 1000) / 10}% of the error budget left`);
  }
  const source = slo.dataSource === 'prometheus' ? ', from Prometheus' : '';
  return { health: 'ok', reason: `${parts.join('; ')}${source}` };
}
