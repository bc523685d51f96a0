import type { ServiceLevelObjective } from '../model/serviceLevelObjective';
import { compiledMetadata } from './metadata';
import { latencySelectors, sumOfRateSelector } from './promql';
import { CompileResult, JsonObject, KmopCompileError } from './types';

/** Pyrra's target is a decimal string; never exponent notation such as `1e-7`. */
function percentString(objective: number): string {
  const text = String(objective);
  return text.includes('e')
    ? objective.toFixed(20).replace(/\.?0+$/, '')
    : text;
}

function indicator(slo: ServiceLevelObjective): JsonObject {
  const ind = slo.spec.indicator;
  const resource = `ServiceLevelObjective ${slo.metadata.name}`;
  if (ind.type === 'latency') {
    const selectors = latencySelectors(ind.errorQuery);
    if (!selectors) {
      throw new KmopCompileError({
        resource,
        path: 'spec.indicator.errorQuery',
        message:
          'must read sum(rate(<histogram>_count{…}[{{.window}}])) - sum(rate(<histogram>_bucket{…,le="…"}[{{.window}}])) to compile for Pyrra, which takes metric selectors rather than queries',
      });
    }
    return {
      latency: {
        success: { metric: selectors.fast },
        total: { metric: selectors.total },
      },
    };
  }
  const errors = sumOfRateSelector(ind.errorQuery);
  const total = sumOfRateSelector(ind.totalQuery);
  if (!errors || !total) {
    throw new KmopCompileError({
      resource,
      path: errors ? 'spec.indicator.totalQuery' : 'spec.indicator.errorQuery',
      message:
        'must read sum(rate(<metric>{…}[{{.window}}])) to compile for Pyrra, which takes metric selectors rather than queries',
    });
  }
  return { ratio: { errors: { metric: errors }, total: { metric: total } } };
}

/**
 * A ServiceLevelObjective as a Pyrra ServiceLevelObjective (pyrra.dev/v1alpha1).
 * Pyrra builds its own rate() expressions, so the KMOP queries must have the
 * plain `sum(rate(<selector>[{{.window}}]))` shape; anything else is a
 * {@link KmopCompileError}.
 *
 * @public
 */
export function compileSloToPyrra(slo: ServiceLevelObjective): CompileResult {
  const { spec } = slo;
  const a = spec.alerting;
  const enabled = a?.enabled ?? true;
  const warnings: string[] = [];
  if (enabled && (a?.pageAlert?.disabled || a?.ticketAlert?.disabled)) {
    warnings.push(
      `ServiceLevelObjective ${slo.metadata.name}: Pyrra cannot turn off page or ticket alerts separately; both stay on.`,
    );
  }
  return {
    objects: [
      {
        apiVersion: 'pyrra.dev/v1alpha1',
        kind: 'ServiceLevelObjective',
        metadata: compiledMetadata(slo, spec.serviceRef),
        spec: {
          target: percentString(spec.objective),
          window: spec.window,
          ...(spec.description ? { description: spec.description } : {}),
          indicator: indicator(slo),
          ...(enabled ? {} : { alerting: { disabled: true } }),
        },
      },
    ],
    warnings,
  };
}
