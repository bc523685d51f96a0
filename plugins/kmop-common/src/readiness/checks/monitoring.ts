import {
  ReadinessContext,
  factEvidence,
  itemEvidence,
  neighboursOf,
  result,
  selects,
} from '../context';
import type { ReadinessCheckResult } from '../types';
import { perWorkload } from './perWorkload';

/**
 * monitoring.scrape: Prometheus scrapes it, through a ServiceMonitor selecting its
 * Service, a PodMonitor selecting its pods, or `prometheus.io/scrape` annotations.
 */
export function checkMonitoringScrape(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  return perWorkload(
    ctx,
    {
      id: 'monitoring.scrape',
      component: 'monitoring',
      title: 'Prometheus scrapes its metrics',
    },
    w => {
      const services = neighboursOf(ctx, w, 'service').filter(s =>
        selects(s.selector, w.podLabels),
      );
      const monitors = neighboursOf(ctx, w, 'monitor').filter(m =>
        m.kind === 'PodMonitor'
          ? selects(m.selector, w.podLabels)
          : services.some(s => selects(m.selector, s.labels)),
      );
      if (monitors.length) {
        return {
          status: 'pass',
          evidence: monitors.map(m =>
            factEvidence(m, m.kind, `Scrapes ${w.kind} ${w.name}.`),
          ),
        };
      }
      if (w.scrapeAnnotated) {
        return {
          status: 'pass',
          evidence: [
            factEvidence(
              w,
              w.kind,
              'prometheus.io/scrape: "true" on its pods.',
            ),
          ],
        };
      }
      return {
        status: 'fail',
        evidence: [
          factEvidence(
            w,
            w.kind,
            `No ServiceMonitor or PodMonitor in ${w.namespace} selects it, and no prometheus.io/scrape annotation.`,
          ),
        ],
      };
    },
    {
      pass: 'Prometheus scrapes its metrics.',
      warn: 'Prometheus scrapes it, but a workload could not be read completely.',
      fail: 'Nothing tells Prometheus to scrape it.',
    },
    {
      text: 'Add a ServiceMonitor for its Service (a KMOP Microservice with monitoring enabled compiles to one).',
    },
  );
}

/** monitoring.slo: at least one SLO with a valid objective. */
export function checkMonitoringSlo(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  const head = {
    id: 'monitoring.slo',
    component: 'monitoring',
    title: 'A service level objective',
  } as const;
  const remedy = {
    text: 'Add a ServiceLevelObjective with the day-2 template.',
    template: 'slo' as const,
  };
  // What the service needs is an objective, readable from the SLO's spec. Its health is the
  // tool's report on it: an SLO no operator has reported on yet (health `unknown`, the
  // demo's day-2 SLOs) is there all the same; a malformed one is not in `items`.
  const valid = ctx.items.slos.filter(s => s.objective !== undefined);
  if (valid.length) {
    return result(
      head,
      'pass',
      `${valid.length} SLO(s) measure it.`,
      valid.map(s =>
        itemEvidence(
          s,
          `${s.name}: ${(s.objective! * 100)
            .toPrecision(4)
            .replace(/\.?0+$/, '')}% over ${s.window ?? 'an unknown window'}.`,
        ),
      ),
    );
  }
  const unreadable = [...ctx.items.slos, ...ctx.malformed.slos];
  if (unreadable.length) {
    return result(
      head,
      'warn',
      'Its SLOs cannot be read: no valid objective.',
      unreadable.map(s => itemEvidence(s, s.healthReason)),
      remedy,
    );
  }
  return result(
    head,
    'fail',
    'No SLO: nobody knows how reliable it must be.',
    [
      {
        note: `Looked for KMOP ServiceLevelObjective, Sloth PrometheusServiceLevel and Pyrra ServiceLevelObjective objects of ${ctx.lookedFor}; found none.`,
      },
    ],
    remedy,
  );
}
