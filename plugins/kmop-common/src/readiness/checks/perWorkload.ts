import type { WorkloadFact } from '../facts';
import type {
  ReadinessCheckResult,
  ReadinessComponent,
  ReadinessEvidence,
  ReadinessRemedy,
  ReadinessStatus,
} from '../types';
import {
  ReadinessContext,
  noWorkload,
  problemEvidence,
  result,
  worst,
} from '../context';

export interface WorkloadVerdict {
  status: ReadinessStatus;
  evidence: ReadinessEvidence[];
}

/**
 * A check that judges each workload of the service and reports the worst. No workload is
 * a failure (nothing runs); a workload with problems can still be judged, but its
 * problems are shown and a pass on it becomes a warning.
 */
export function perWorkload(
  ctx: ReadinessContext,
  head: { id: string; component: ReadinessComponent; title: string },
  judge: (w: WorkloadFact) => WorkloadVerdict,
  summaries: Record<Exclude<ReadinessStatus, 'notApplicable'>, string> & {
    notApplicable?: string;
  },
  remedy?: ReadinessRemedy,
): ReadinessCheckResult {
  if (ctx.workloads.length === 0) {
    return {
      ...result(
        head,
        'fail',
        'Nothing of this service runs.',
        noWorkload(ctx),
        {
          text: 'Deploy the service (the KMOP golden path creates its Deployment), or check its kmop.dev/service-name annotation.',
        },
      ),
      nothingRuns: true,
    };
  }
  const verdicts = ctx.workloads.map(w => {
    const v = judge(w);
    if (w.problems?.length && v.status === 'pass') {
      return {
        status: 'warn' as const,
        evidence: [...v.evidence, ...problemEvidence(w)],
      };
    }
    return w.problems?.length
      ? { ...v, evidence: [...v.evidence, ...problemEvidence(w)] }
      : v;
  });
  const status = worst(verdicts.map(v => v.status));
  const summary =
    status === 'notApplicable'
      ? summaries.notApplicable ?? 'Does not apply.'
      : summaries[status];
  return result(
    head,
    status,
    summary,
    verdicts.flatMap(v => v.evidence),
    remedy,
  );
}
