import type { KmopBurnRateAlert, KmopSloView } from '@kmop/plugin-kmop-common';

/** An alert of an SLO with the burn rates of its two windows, as far as they are known. */
export interface AlertBurn {
  alert: KmopBurnRateAlert;
  longRate?: number;
  shortRate?: number;
  /** Undefined when a window's burn rate is unknown and the backend did not say. */
  firing?: boolean;
}

/** Pairs each alert with its windows' burn rates; the backend's own `firing` wins when set. */
export function alertBurns(slo: KmopSloView): AlertBurn[] {
  const rateOf = (window: string) =>
    slo.burnRates.find(burn => burn.window === window)?.rate;
  return slo.alerts.map(alert => {
    const longRate = rateOf(alert.longWindow);
    const shortRate = rateOf(alert.shortWindow);
    const computed =
      longRate !== undefined && shortRate !== undefined
        ? longRate > alert.threshold && shortRate > alert.threshold
        : undefined;
    return { alert, longRate, shortRate, firing: alert.firing ?? computed };
  });
}
