import {
  ReadinessContext,
  factEvidence,
  itemEvidence,
  result,
} from '../context';
import type { KmopResilienceSetting } from '../../view';
import type { ReadinessCheckResult } from '../types';
import { perWorkload } from './perWorkload';

/** resilience.probes: readiness and liveness probes on every container. */
export function checkResilienceProbes(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  return perWorkload(
    ctx,
    {
      id: 'resilience.probes',
      component: 'resilience',
      title: 'Health probes',
    },
    w => {
      if (w.containers.length === 0) {
        return {
          status: 'fail',
          evidence: [factEvidence(w, w.kind, 'No container could be read.')],
        };
      }
      const noReadiness = w.containers.filter(c => !c.readiness);
      const noLiveness = w.containers.filter(c => !c.liveness);
      if (noReadiness.length) {
        return {
          status: 'fail',
          evidence: [
            factEvidence(
              w,
              w.kind,
              `No readiness probe: ${noReadiness.map(c => c.name).join(', ')}.`,
            ),
          ],
        };
      }
      if (noLiveness.length) {
        return {
          status: 'warn',
          evidence: [
            factEvidence(
              w,
              w.kind,
              `No liveness probe: ${noLiveness.map(c => c.name).join(', ')}.`,
            ),
          ],
        };
      }
      return {
        status: 'pass',
        evidence: [
          factEvidence(
            w,
            w.kind,
            'Readiness and liveness probes on every container.',
          ),
        ],
      };
    },
    {
      pass: 'Kubernetes knows when it is ready and when it hangs.',
      warn: 'Readiness probes are set, but a container has no liveness probe.',
      fail: 'A container has no readiness probe: traffic reaches pods that are not ready.',
    },
    {
      text: 'Add readinessProbe and livenessProbe to each container (the golden path skeleton serves /healthz).',
    },
  );
}

function withSetting(
  ctx: ReadinessContext,
  types: KmopResilienceSetting['type'][],
) {
  return ctx.items.resilience
    .map(item => ({
      item,
      settings: item.settings.filter(s => types.includes(s.type)),
    }))
    .filter(x => x.settings.length > 0);
}

/** resilience.disruptionBudget: a PodDisruptionBudget (or KMOP disruption budget). */
export function checkResilienceDisruptionBudget(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  const head = {
    id: 'resilience.disruptionBudget',
    component: 'resilience',
    title: 'A disruption budget',
  } as const;
  const found = withSetting(ctx, ['disruptionBudget']);
  if (found.length) {
    return result(
      head,
      'pass',
      'A disruption budget keeps pods up during node drains.',
      found.map(f => itemEvidence(f.item, f.settings[0].summary)),
    );
  }
  return result(
    head,
    'fail',
    'No PodDisruptionBudget: a node drain can take every pod down at once.',
    [
      {
        note: `Looked for PodDisruptionBudgets and ResiliencePolicy disruption budgets of ${ctx.lookedFor}; found none.`,
      },
    ],
    {
      text: 'Add a ResiliencePolicy with a disruption budget with the day-2 template.',
      template: 'resilience',
    },
  );
}

/** resilience.autoscaling: a HorizontalPodAutoscaler. */
export function checkResilienceAutoscaling(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  const head = {
    id: 'resilience.autoscaling',
    component: 'resilience',
    title: 'An autoscaler',
  } as const;
  const found = withSetting(ctx, ['autoscaling']);
  if (found.length) {
    return result(
      head,
      'pass',
      'An autoscaler adds replicas under load.',
      found.map(f => itemEvidence(f.item, f.settings[0].summary)),
    );
  }
  return result(
    head,
    'warn',
    'No autoscaler: load beyond its fixed replicas is not absorbed.',
    [
      {
        note: `Looked for HorizontalPodAutoscalers of ${ctx.lookedFor}; found none.`,
      },
    ],
    {
      text: 'Add a HorizontalPodAutoscaler (a KMOP Microservice with minReplicas/maxReplicas compiles to one).',
    },
  );
}

/** resilience.traffic: timeouts, retries or circuit breaking for calls to it. */
export function checkResilienceTraffic(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  const head = {
    id: 'resilience.traffic',
    component: 'resilience',
    title: 'Timeouts, retries, circuit breaking',
  } as const;
  const found = withSetting(ctx, [
    'timeout',
    'retry',
    'circuitBreaker',
    'outlierDetection',
  ]);
  if (found.length) {
    const types = new Set(found.flatMap(f => f.settings.map(s => s.type)));
    const full =
      types.has('timeout') &&
      (types.has('circuitBreaker') || types.has('outlierDetection'));
    return result(
      head,
      full ? 'pass' : 'warn',
      full
        ? 'Calls to it time out and a failing instance is ejected.'
        : `Only ${[...types].join(', ')}: ${
            types.has('timeout') ? 'no circuit breaking' : 'no timeout'
          }.`,
      found.map(f =>
        itemEvidence(f.item, f.settings.map(s => s.summary).join('; ')),
      ),
      {
        text: 'Add a ResiliencePolicy with timeouts, retries and a circuit breaker.',
        template: 'resilience',
      },
    );
  }
  return result(
    head,
    'fail',
    'No timeout, retry or circuit breaker: one slow dependency can stall its callers.',
    [
      {
        note: `Looked for ResiliencePolicies, DestinationRules, VirtualServices, BackendTrafficPolicies and HTTPRoute timeouts of ${ctx.lookedFor}; found none.`,
      },
    ],
    {
      text: 'Add a ResiliencePolicy with the day-2 template.',
      template: 'resilience',
    },
  );
}
