import type { KmopResilienceView } from '../../view';
import { Reader, describeCondition, findCondition } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import { statusPreconditions } from '../health';
import { blankResilience, budgetRule, plural, setting } from './common';

/** docs/sources/poddisruptionbudget.md. */
function budgetVerdict(
  r: Reader,
  generation: number | undefined,
): HealthVerdict {
  const early = statusPreconditions(
    r,
    generation,
    'The disruption controller',
    'The disruption controller has not reported a status yet',
  );
  if (early) return early;
  const allowed = r.int('status.disruptionsAllowed');
  const healthy = r.int('status.currentHealthy');
  const desired = r.int('status.desiredHealthy');
  const condition = findCondition(r.conditions(), 'DisruptionAllowed');
  if (condition?.reason === 'SyncFailed') {
    return { health: 'degraded', reason: describeCondition(condition) };
  }
  if (healthy !== undefined && desired !== undefined && healthy < desired) {
    return {
      health: 'degraded',
      reason: `${healthy} healthy pods, ${desired} required`,
    };
  }
  if (allowed !== undefined && allowed > 0) {
    return {
      health: 'ok',
      reason: `${plural(allowed, 'disruption')} allowed`,
    };
  }
  if (allowed === 0) {
    return {
      health: 'ok',
      reason: `At the minimum (${healthy ?? '?'} healthy, ${
        desired ?? '?'
      } required): voluntary evictions are blocked`,
      badges: ['evictions blocked'],
    };
  }
  return {
    health: 'unknown',
    reason: 'The disruption controller reported no disruptionsAllowed',
  };
}

function selectorText(r: Reader): string | undefined {
  const labels = Object.entries(r.stringMap('spec.selector.matchLabels')).map(
    ([k, v]) => `${k}=${v}`,
  );
  const expressions = r.list('spec.selector.matchExpressions').length;
  const parts = [
    ...labels,
    ...(expressions > 0 ? [plural(expressions, 'expression')] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * policy/v1 PodDisruptionBudget → one resilience item.
 *
 * @public
 */
export const normalizePodDisruptionBudget =
  defineNormalizer<KmopResilienceView>({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    blank: blankResilience,
    build: (r, meta) => {
      const minAvailable = r.intOrPercent('spec.minAvailable');
      const maxUnavailable = r.intOrPercent('spec.maxUnavailable');
      const rule = budgetRule(minAvailable, maxUnavailable);
      const allowed = r.int('status.disruptionsAllowed');
      const healthy = r.int('status.currentHealthy');
      const expected = r.int('status.expectedPods');
      const now =
        allowed === undefined
          ? ''
          : ` — ${plural(allowed, 'disruption')} allowed now (${
              healthy ?? '?'
            } of ${expected ?? '?'} pods healthy)`;
      return [
        {
          ...itemBase(meta, budgetVerdict(r, meta.generation)),
          target: selectorText(r),
          settings: [
            setting('disruptionBudget', `${rule}${now}`, {
              minAvailable,
              maxUnavailable,
              disruptionsAllowed: allowed,
              currentHealthy: healthy,
              desiredHealthy: r.int('status.desiredHealthy'),
              expectedPods: expected,
              unhealthyPodEvictionPolicy: r.str(
                'spec.unhealthyPodEvictionPolicy',
              ),
            }),
          ],
        },
      ];
    },
  });
