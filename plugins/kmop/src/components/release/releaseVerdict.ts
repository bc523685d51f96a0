import type { KmopSloView } from '@kmop/plugin-kmop-common';
import { alertBurns } from '../slos/alertBurn';
import { formatBurn, formatPercent } from '../shared/format';

/** What the release view says about a rollout in progress, judged by the service's SLOs. */
export interface ReleaseVerdict {
  /** `burning`: an SLO burns faster than an alert threshold or has overspent its budget. */
  level: 'burning' | 'healthy' | 'unknown' | 'noSlos';
  /** Sentences a person reads, most serious first. */
  sentences: string[];
}

/**
 * Judges a release by the SLOs of its service: it burns too fast when any SLO's alert
 * fires (both windows above the threshold) or any budget is overspent. SLOs without figures
 * are named, never counted as healthy.
 */
export function releaseVerdict(slos: KmopSloView[]): ReleaseVerdict {
  if (slos.length === 0) {
    return {
      level: 'noSlos',
      sentences: [
        'This service has no SLO, so nothing tells whether the new version is burning error budget.',
      ],
    };
  }
  const burning: string[] = [];
  const withoutData: string[] = [];
  for (const slo of slos) {
    const burns = alertBurns(slo);
    for (const { alert, longRate, shortRate, firing } of burns) {
      if (firing) {
        const rates =
          longRate !== undefined && shortRate !== undefined
            ? ` at ${formatBurn(longRate)} over ${
                alert.longWindow
              } and ${formatBurn(shortRate)} over ${alert.shortWindow}`
            : '';
        burning.push(
          `${slo.name} burns error budget faster than its ${
            alert.severity
          } alert threshold of ${formatBurn(alert.threshold)}${rates}${
            alert.name ? ` (alert ${alert.name})` : ''
          }.`,
        );
      }
    }
    if (
      slo.errorBudgetRemaining !== undefined &&
      slo.errorBudgetRemaining < 0
    ) {
      burning.push(
        `${slo.name} has overspent its error budget (${formatPercent(
          slo.errorBudgetRemaining,
          1,
        )} left).`,
      );
    }
    const known = burns.some(burn => burn.firing !== undefined);
    if (!known && slo.errorBudgetRemaining === undefined) {
      withoutData.push(slo.name);
    }
  }
  const noDataSentence =
    withoutData.length > 0
      ? [
          `No burn-rate figures for ${withoutData.join(
            ', ',
          )}: it cannot be judged.`,
        ]
      : [];
  if (burning.length > 0) {
    return {
      level: 'burning',
      sentences: [
        'The release is burning error budget too fast; consider aborting it.',
        ...burning,
        ...noDataSentence,
      ],
    };
  }
  if (withoutData.length === slos.length) {
    return { level: 'unknown', sentences: noDataSentence };
  }
  const judged = slos.length - withoutData.length;
  return {
    level: 'healthy',
    sentences: [
      `${judged === 1 ? 'The SLO' : `All ${judged} SLOs`} with figures ${
        judged === 1 ? 'burns' : 'burn'
      } below every alert threshold and ${
        judged === 1 ? 'has' : 'have'
      } budget left.`,
      ...noDataSentence,
    ],
  };
}
