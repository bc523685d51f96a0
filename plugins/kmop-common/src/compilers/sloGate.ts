import type { RolloutPolicy } from '../model/rolloutPolicy';
import type { ServiceLevelObjective } from '../model/serviceLevelObjective';
import { KmopCompileError } from './types';

/**
 * Where analysis runs reach Prometheus unless told otherwise: the Service the
 * Prometheus Operator creates for a Prometheus in the `monitoring` namespace.
 *
 * @public
 */
export const DEFAULT_PROMETHEUS_ADDRESS =
  'http://prometheus-operated.monitoring.svc:9090';

/**
 * The window a rollout gate measures the burn rate over: the fast-burn alert's short window.
 *
 * @public
 */
export const SLO_GATE_WINDOW = '5m';

/** The SLO a RolloutPolicy's gate refers to, or a compile error naming `spec.sloGate.sloRef`. */
export function gateSlo(
  policy: RolloutPolicy,
  slos: readonly ServiceLevelObjective[],
): ServiceLevelObjective | undefined {
  const gate = policy.spec.sloGate;
  if (!gate) return undefined;
  const slo = slos.find(
    s =>
      s.metadata.name === gate.sloRef &&
      (s.metadata.namespace ?? '') === (policy.metadata.namespace ?? ''),
  );
  if (!slo) {
    throw new KmopCompileError({
      resource: `RolloutPolicy ${policy.metadata.name}`,
      path: 'spec.sloGate.sloRef',
      message: `names ServiceLevelObjective "${gate.sloRef}", which is not among the resources compiled with it`,
    });
  }
  return slo;
}

/**
 * PromQL for the SLO's burn rate over {@link SLO_GATE_WINDOW}: the error
 * ratio divided by the error budget (1 − objective).
 */
export function burnRateQuery(slo: ServiceLevelObjective): string {
  const at = (query: string) =>
    query.replace(/\{\{\s*\.window\s*\}\}/g, SLO_GATE_WINDOW);
  const budget = (100 - slo.spec.objective) / 100;
  return `(${at(slo.spec.indicator.errorQuery)}) / (${at(
    slo.spec.indicator.totalQuery,
  )}) / ${Number(budget.toPrecision(12))}`;
}

/** Name of the analysis or metric template a gate compiles to. */
export function gateTemplateName(policy: RolloutPolicy): string {
  return `${policy.metadata.name}-slo-gate`;
}
