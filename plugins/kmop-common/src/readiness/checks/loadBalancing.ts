import {
  ReadinessContext,
  factEvidence,
  itemEvidence,
  result,
} from '../context';
import type { ReadinessCheckResult } from '../types';
import { perWorkload } from './perWorkload';

const HEAD = {
  id: 'loadBalancing.policy',
  component: 'loadBalancing',
  title: 'Traffic is balanced over replicas',
} as const;

/**
 * loadBalancing.policy: a load balancer policy (DestinationRule, BackendTrafficPolicy)
 * passes outright; otherwise the Service balances over the replicas, which needs two.
 */
export function checkLoadBalancing(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  const policies = ctx.items.resilience.filter(r =>
    r.settings.some(s => s.type === 'loadBalancer'),
  );
  if (policies.length) {
    return result(
      HEAD,
      'pass',
      'A load balancer policy says how requests are spread.',
      policies.map(p =>
        itemEvidence(
          p,
          p.settings.find(s => s.type === 'loadBalancer')!.summary,
        ),
      ),
    );
  }
  return perWorkload(
    ctx,
    HEAD,
    w => {
      if (w.replicas === undefined) {
        return {
          status: 'fail',
          evidence: [factEvidence(w, w.kind, 'Replicas unknown.')],
        };
      }
      return {
        status: w.replicas >= 2 ? 'pass' : 'warn',
        evidence: [
          factEvidence(
            w,
            w.kind,
            `${w.replicas} replica(s) behind its Service, no load balancer policy.`,
          ),
        ],
      };
    },
    {
      pass: 'Its Service spreads requests over several replicas (round robin by kube-proxy).',
      warn: 'One replica: there is nothing to balance over.',
      fail: 'How many replicas run cannot be told.',
    },
    {
      text: 'Run two replicas or more; a ResiliencePolicy can set a load balancer policy.',
      template: 'resilience',
    },
  );
}
