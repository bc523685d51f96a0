import { KubeObject } from '../../types';

type SlothSlo = {
  objective?: unknown;
  sli?: { events?: unknown; raw?: unknown; plugin?: unknown };
};

/**
 * The status Sloth's Kubernetes controller writes on a PrometheusServiceLevel once it has
 * generated the Prometheus rules (docs/sources/sloth-prometheusservicelevel.md): how many
 * SLOs it processed and for how many it generated rules — those with a numeric objective
 * and an SLI (events, raw or plugin), the fields Sloth cannot generate rules without.
 * Undefined when the status already describes this generation, or was written without an
 * `observedGeneration` (a seed's).
 */
export function slothStatus(
  psl: KubeObject,
  now: string,
): Record<string, unknown> | undefined {
  const status = psl.status as Record<string, unknown> | undefined;
  const generation = psl.metadata.generation as number | undefined;
  if (status && status.observedGeneration === undefined) return undefined;
  if (status && status.observedGeneration === generation) return undefined;
  const slos = ((psl.spec as { slos?: unknown })?.slos ?? []) as SlothSlo[];
  const valid = Array.isArray(slos)
    ? slos.filter(
        s =>
          typeof s?.objective === 'number' &&
          !!(s.sli?.events || s.sli?.raw || s.sli?.plugin),
      ).length
    : 0;
  const processed = Array.isArray(slos) ? slos.length : 0;
  const generated = processed > 0 && valid === processed;
  return {
    processedSLOs: processed,
    promOpRulesGeneratedSLOs: valid,
    promOpRulesGenerated: generated,
    ...(generated ? { lastPromOpRulesSuccessfulGenerated: now } : {}),
    observedGeneration: generation,
  };
}
