import { ReadinessContext, factEvidence } from '../context';
import type { ReadinessCheckResult } from '../types';
import { perWorkload } from './perWorkload';

function minReplicas(
  ctx: ReadinessContext,
  cluster: string,
): number | undefined {
  for (const r of ctx.items.resilience) {
    if (r.source.cluster !== cluster) continue;
    const hpa = r.settings.find(s => s.type === 'autoscaling');
    const min = hpa?.values.minReplicas;
    if (typeof min === 'number') return min;
  }
  return undefined;
}

/** orchestration.replicas: two replicas or more (or an autoscaler's minimum of two). */
export function checkOrchestrationReplicas(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  return perWorkload(
    ctx,
    {
      id: 'orchestration.replicas',
      component: 'orchestration',
      title: 'Two replicas or more',
    },
    w => {
      const min = minReplicas(ctx, w.cluster);
      const replicas = min ?? w.replicas;
      if (replicas === undefined) {
        return {
          status: 'fail',
          evidence: [factEvidence(w, w.kind, 'Replicas unknown.')],
        };
      }
      const from = min !== undefined ? 'autoscaler minimum' : 'replicas';
      return {
        status: replicas >= 2 ? 'pass' : 'fail',
        evidence: [factEvidence(w, w.kind, `${from}: ${replicas}.`)],
      };
    },
    {
      pass: 'Losing one pod leaves it running.',
      warn: 'Enough replicas, but a workload could not be read completely.',
      fail: 'One replica: losing its pod (a node drain, a crash) takes it down.',
    },
    { text: 'Set replicas (or the autoscaler minimum) to 2 or more.' },
  );
}

/** orchestration.spread: topology spread constraints or pod anti-affinity. */
export function checkOrchestrationSpread(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  return perWorkload(
    ctx,
    {
      id: 'orchestration.spread',
      component: 'orchestration',
      title: 'Replicas spread across nodes or zones',
    },
    w =>
      w.spread
        ? {
            status: 'pass',
            evidence: [
              factEvidence(
                w,
                w.kind,
                'topologySpreadConstraints or pod anti-affinity set.',
              ),
            ],
          }
        : {
            status: 'warn',
            evidence: [
              factEvidence(
                w,
                w.kind,
                'No spread constraint: the scheduler may put every replica on one node.',
              ),
            ],
          },
    {
      pass: 'Its replicas are spread across nodes or zones.',
      warn: 'Nothing keeps its replicas on different nodes or zones.',
      fail: 'Nothing of this service runs.',
    },
    {
      text: 'Add topologySpreadConstraints over kubernetes.io/hostname and topology.kubernetes.io/zone.',
    },
  );
}
