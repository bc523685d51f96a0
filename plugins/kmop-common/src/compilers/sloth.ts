import type { ServiceLevelObjective } from '../model/serviceLevelObjective';
import { compiledMetadata } from './metadata';
import type { CompileResult, JsonObject } from './types';

/** Sloth's default SLO period, the only one its Kubernetes CRD can express. */
const SLOTH_PERIOD = '30d';

/**
 * `payments-availability` → `PaymentsAvailability`, a valid Prometheus alert name.
 *
 * @public
 */
export function alertName(sloName: string, indicatorType: string): string {
  const words = sloName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const base = words.map(w => w[0].toUpperCase() + w.slice(1)).join('');
  const suffix = indicatorType === 'latency' ? 'HighLatency' : 'HighErrorRate';
  // Alert names may not start with a digit.
  return /^[0-9]/.test(base) ? `Slo${base}${suffix}` : `${base}${suffix}`;
}

function alerting(slo: ServiceLevelObjective): JsonObject {
  const a = slo.spec.alerting;
  const enabled = a?.enabled ?? true;
  return {
    name: alertName(slo.metadata.name, slo.spec.indicator.type),
    pageAlert: { disable: !enabled || (a?.pageAlert?.disabled ?? false) },
    ticketAlert: { disable: !enabled || (a?.ticketAlert?.disabled ?? false) },
  };
}

/**
 * A ServiceLevelObjective as a Sloth PrometheusServiceLevel (sloth.slok.dev/v1)
 * with one SLO whose events SLI takes the KMOP queries as they are (both use
 * `{{.window}}`).
 *
 * @public
 */
export function compileSloToSloth(slo: ServiceLevelObjective): CompileResult {
  const { spec } = slo;
  const warnings: string[] = [];
  if (spec.window !== SLOTH_PERIOD) {
    warnings.push(
      `ServiceLevelObjective ${slo.metadata.name}: Sloth's PrometheusServiceLevel has no window field; it uses Sloth's default period (30d unless sloth runs with --default-slo-period=${spec.window}).`,
    );
  }
  return {
    objects: [
      {
        apiVersion: 'sloth.slok.dev/v1',
        kind: 'PrometheusServiceLevel',
        metadata: compiledMetadata(slo, spec.serviceRef),
        spec: {
          service: spec.serviceRef,
          slos: [
            {
              name: slo.metadata.name,
              objective: spec.objective,
              ...(spec.description ? { description: spec.description } : {}),
              sli: {
                events: {
                  errorQuery: spec.indicator.errorQuery,
                  totalQuery: spec.indicator.totalQuery,
                },
              },
              alerting: alerting(slo),
            },
          ],
        },
      },
    ],
    warnings,
  };
}
