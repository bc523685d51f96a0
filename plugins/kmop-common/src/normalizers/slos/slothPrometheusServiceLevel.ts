import type { KmopSloIndicator, KmopSloView } from '../../view';
import type { Reader } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import { statusPreconditions } from '../health';
import { SLOTH_ALERT_TIERS, multiwindowAlerts } from '../../slo';
import {
  DEFAULT_SLO_WINDOW,
  blankSlo,
  budgetOf,
  labelsOf,
  percentToRatio,
  sloAlerts,
} from './common';

/** Sloth's default SLO period; its PrometheusServiceLevel cannot set another. */
const SLOTH_WINDOW = DEFAULT_SLO_WINDOW;

function readIndicator(sli: Reader | undefined): {
  indicator: KmopSloIndicator;
  badges: string[];
} {
  if (sli?.has('events')) {
    return {
      indicator: {
        type: 'ratio',
        errorQuery: sli.str('events.errorQuery'),
        totalQuery: sli.str('events.totalQuery'),
      },
      badges: [],
    };
  }
  if (sli?.has('raw')) {
    return {
      indicator: {
        type: 'raw',
        errorRatioQuery: sli.str('raw.errorRatioQuery'),
      },
      badges: [],
    };
  }
  if (sli?.has('plugin')) {
    const id = sli.str('plugin.id');
    return {
      indicator: { type: 'plugin' },
      badges: id ? [`plugin: ${id}`] : [],
    };
  }
  return { indicator: { type: 'unknown' }, badges: [] };
}

/** Rule generation health, docs/sources/sloth-prometheusservicelevel.md (Sloth reports no compliance; Prometheus does). */
function slothVerdict(
  r: Reader,
  generation: number | undefined,
): HealthVerdict {
  const early = statusPreconditions(
    r,
    generation,
    'Sloth',
    'Sloth has not reported on this object yet',
  );
  if (early) return early;
  const generated = r.bool('status.promOpRulesGenerated');
  const processed = r.int('status.processedSLOs');
  const withRules = r.int('status.promOpRulesGeneratedSLOs');
  const counts =
    processed !== undefined && withRules !== undefined
      ? ` (${withRules} of ${processed} SLOs)`
      : '';
  if (generated === false) {
    return {
      health: 'degraded',
      reason: `Sloth could not generate the Prometheus rules${counts}`,
    };
  }
  if (
    generated === true &&
    processed !== undefined &&
    withRules === processed
  ) {
    return { health: 'ok', reason: `Prometheus rules generated${counts}` };
  }
  if (generated === true) {
    return {
      health: 'degraded',
      reason: `Prometheus rules generated for only some SLOs${counts}`,
    };
  }
  return {
    health: 'unknown',
    reason: 'Sloth reported no rule generation result',
  };
}

/**
 * Sloth PrometheusServiceLevel → one SLO item per `spec.slos[]`.
 *
 * @public
 */
export const normalizeSlothPrometheusServiceLevel =
  defineNormalizer<KmopSloView>({
    apiVersion: 'sloth.slok.dev/v1',
    kind: 'PrometheusServiceLevel',
    blank: blankSlo,
    build: (r, meta) => {
      const verdict = slothVerdict(r, meta.generation);
      const service = r.str('spec.service');
      return r.arr('spec.slos').map((slo, i) => {
        const name = slo.str('name') ?? `slo-${i}`;
        const { indicator, badges } = readIndicator(slo.record('sli'));
        const objective = percentToRatio(
          slo,
          'objective',
          slo.num('objective'),
          true,
        );
        const alerting = slo.record('alerting');
        const alertName = alerting?.str('name');
        const alerts = sloAlerts(
          objective,
          SLOTH_WINDOW,
          [],
          seconds => multiwindowAlerts(seconds, SLOTH_ALERT_TIERS),
          {
            page: alerting?.bool('pageAlert.disable'),
            ticket: alerting?.bool('ticketAlert.disable'),
          },
        ).map(a => {
          const tier = a.severity === 'page' ? 'pageAlert' : 'ticketAlert';
          const annotations = {
            ...labelsOf(alerting, 'annotations'),
            ...labelsOf(alerting, `${tier}.annotations`),
          };
          return {
            ...a,
            ...(alertName ? { name: alertName } : {}),
            // What Sloth puts on the alert: the object's labels, then its own severity.
            labels: {
              ...labelsOf(alerting, 'labels'),
              ...labelsOf(alerting, `${tier}.labels`),
              sloth_severity: a.severity,
            },
            ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
          };
        });
        return {
          ...itemBase(
            meta,
            {
              ...verdict,
              badges: [...badges, ...(service ? [`service: ${service}`] : [])],
            },
            name,
          ),
          name,
          description: slo.str('description'),
          objective,
          // Sloth's CRD has no window: the controller's period applies (30d by default).
          window: SLOTH_WINDOW,
          errorBudget: budgetOf(objective, SLOTH_WINDOW),
          indicator,
          burnRates: [],
          alerts,
          dataSource: 'none',
          toolHealth: { health: verdict.health, reason: verdict.reason },
          defaults: ['window'],
        };
      });
    },
  });
