import type { ResiliencePolicy } from '../model/resiliencePolicy';
import { compiledMetadata, podSelector } from './metadata';
import type { CompileResult } from './types';

/**
 * The disruption budget of a ResiliencePolicy as a PodDisruptionBudget (policy/v1).
 *
 * @public
 */
export function compileDisruptionBudget(
  policy: ResiliencePolicy,
): CompileResult {
  const budget = policy.spec.disruptionBudget;
  if (!budget) return { objects: [], warnings: [] };
  const service = policy.spec.serviceRef;
  return {
    objects: [
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: compiledMetadata(policy, service),
        spec: {
          selector: { matchLabels: podSelector(service) },
          ...(budget.minAvailable !== undefined
            ? { minAvailable: budget.minAvailable }
            : { maxUnavailable: budget.maxUnavailable! }),
        },
      },
    ],
    warnings: [],
  };
}
