import {
  ReadinessContext,
  factEvidence,
  itemEvidence,
  result,
} from '../context';
import type { ReadinessCheckResult } from '../types';

const HEAD = {
  id: 'delivery.progressive',
  component: 'delivery',
  title: 'Progressive or GitOps delivery',
} as const;

/**
 * delivery.progressive: a canary or blue-green rollout (Argo Rollouts, Flagger, KMOP
 * RolloutPolicy) passes; so does a workload Argo CD or Flux manages. A plain rolling
 * update is a warning; nothing deployed fails.
 */
export function checkDeliveryProgressive(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  const remedy = {
    text: 'Add a RolloutPolicy (canary with an SLO gate) with the day-2 template.',
    template: 'rollout' as const,
  };
  const progressive = ctx.items.rollouts.filter(
    r => r.strategy === 'canary' || r.strategy === 'blueGreen',
  );
  if (progressive.length) {
    return result(
      HEAD,
      'pass',
      'New versions reach users progressively.',
      progressive.map(r =>
        itemEvidence(
          r,
          `${r.strategy === 'canary' ? 'Canary' : 'Blue-green'} rollout.`,
        ),
      ),
    );
  }
  const gitOps = ctx.workloads.filter(w => w.gitOps && !w.problems?.length);
  if (gitOps.length) {
    return result(
      HEAD,
      'pass',
      'Deployed by GitOps.',
      gitOps.map(w => factEvidence(w, w.kind, `Managed by ${w.gitOps}.`)),
    );
  }
  if (ctx.items.rollouts.length || ctx.workloads.length) {
    return result(
      HEAD,
      'warn',
      'New versions replace the old all at once (rolling update), with no canary and no GitOps.',
      ctx.items.rollouts.length
        ? ctx.items.rollouts.map(r =>
            itemEvidence(r, `Strategy: ${r.strategy}.`),
          )
        : ctx.workloads.map(w =>
            factEvidence(w, w.kind, 'No rollout strategy beyond its own.'),
          ),
      remedy,
    );
  }
  return result(
    HEAD,
    'fail',
    'Nothing of this service is delivered.',
    [
      {
        note: `Looked for Argo Rollouts, Flagger Canaries, RolloutPolicies and Deployments of ${ctx.lookedFor}; found none.`,
      },
    ],
    remedy,
  );
}
