import {
  ReadinessContext,
  factEvidence,
  neighboursOf,
  selects,
} from '../context';
import type { ReadinessCheckResult } from '../types';
import { perWorkload } from './perWorkload';

/** discovery.service: a Service whose selector matches the workload's pods. */
export function checkDiscoveryService(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  return perWorkload(
    ctx,
    {
      id: 'discovery.service',
      component: 'discovery',
      title: 'A Service selects the pods',
    },
    w => {
      const services = neighboursOf(ctx, w, 'service');
      const matching = services.filter(s => selects(s.selector, w.podLabels));
      const malformed = services.filter(s => 'malformed' in s.selector);
      if (matching.length) {
        return {
          status: 'pass',
          evidence: matching.map(s =>
            factEvidence(
              s,
              'Service',
              `Selects the pods of ${w.kind} ${w.name}.`,
            ),
          ),
        };
      }
      return {
        status: 'fail',
        evidence: [
          factEvidence(
            w,
            w.kind,
            `No Service in namespace ${
              w.namespace
            } selects its pods (labels ${showLabels(w.podLabels)}).`,
          ),
          ...malformed.map(s =>
            factEvidence(
              s,
              'Service',
              `Not counted: ${
                'malformed' in s.selector ? s.selector.malformed : ''
              }.`,
            ),
          ),
        ],
      };
    },
    {
      pass: 'Other services find it through a Service that selects its pods.',
      warn: 'A Service selects its pods, but a workload could not be read completely.',
      fail: 'No Service selects its pods: other services cannot find it by name.',
    },
    { text: 'Add a Service whose selector matches the pod template labels.' },
  );
}

export function showLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length
    ? entries.map(([k, v]) => `${k}=${v}`).join(', ')
    : 'none';
}
