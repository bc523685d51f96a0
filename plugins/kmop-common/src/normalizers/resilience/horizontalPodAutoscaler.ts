import type { KmopResilienceView } from '../../view';
import { Reader, describeCondition, findCondition } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import { blankResilience, clauses, setting } from './common';

/** `70% utilization`, `500Mi average`, `100 total` for an autoscaling/v2 MetricTarget. */
function targetText(target: Reader | undefined): string {
  const utilization = target?.int('averageUtilization');
  if (utilization !== undefined) return `${utilization}% utilization`;
  const average = target?.intOrString('averageValue');
  if (average !== undefined) return `${average} average`;
  const value = target?.intOrString('value');
  if (value !== undefined) return `${value} total`;
  return 'no target';
}

/** One metric spec as `cpu 70% utilization`. */
function metricText(m: Reader): string {
  const type = m.str('type');
  switch (type) {
    case 'Resource':
      return `${m.str('resource.name') ?? '?'} ${targetText(
        m.record('resource.target'),
      )}`;
    case 'ContainerResource':
      return `${m.str('containerResource.name') ?? '?'} of container ${
        m.str('containerResource.container') ?? '?'
      } ${targetText(m.record('containerResource.target'))}`;
    case 'Pods':
      return `${m.str('pods.metric.name') ?? '?'} per pod ${targetText(
        m.record('pods.target'),
      )}`;
    case 'Object':
      return `${m.str('object.metric.name') ?? '?'} of ${
        m.str('object.describedObject.kind') ?? '?'
      } ${m.str('object.describedObject.name') ?? '?'} ${targetText(
        m.record('object.target'),
      )}`;
    case 'External':
      return `external ${m.str('external.metric.name') ?? '?'} ${targetText(
        m.record('external.target'),
      )}`;
    default:
      return `${type ?? 'unknown'} metric`;
  }
}

/** CRD-REFERENCE §8. */
function autoscalerVerdict(
  r: Reader,
  current: number | undefined,
  desired: number | undefined,
): HealthVerdict {
  const conditions = r.conditions();
  if (conditions.length === 0) {
    return {
      health: 'unknown',
      reason: 'The autoscaler has reported no conditions yet',
    };
  }
  const limited = findCondition(conditions, 'ScalingLimited');
  const badges =
    limited?.status === 'True'
      ? [
          limited.reason
            ? `scaling limited: ${limited.reason}`
            : 'scaling limited',
        ]
      : [];
  for (const type of ['AbleToScale', 'ScalingActive']) {
    const c = findCondition(conditions, type);
    if (c?.status === 'False') {
      return { health: 'degraded', reason: describeCondition(c), badges };
    }
  }
  if (current !== undefined && desired !== undefined && current !== desired) {
    return {
      health: 'progressing',
      reason: `Scaling from ${current} to ${desired} replicas`,
      badges,
    };
  }
  return {
    health: 'ok',
    reason:
      limited?.status === 'True'
        ? describeCondition(limited)
        : `${current ?? '?'} replicas, as desired`,
    badges,
  };
}

/** autoscaling/v2 HorizontalPodAutoscaler → one resilience item. */
export const normalizeHorizontalPodAutoscaler =
  defineNormalizer<KmopResilienceView>({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    blank: blankResilience,
    build: (r, meta) => {
      // minReplicas defaults to 1 in autoscaling/v2.
      const min = r.int('spec.minReplicas') ?? 1;
      const max = r.int('spec.maxReplicas');
      const current = r.int('status.currentReplicas');
      const desired = r.int('status.desiredReplicas');
      const metrics = r.arr('spec.metrics').map(metricText);
      const kind = r.str('spec.scaleTargetRef.kind');
      const name = r.str('spec.scaleTargetRef.name');
      const summary = clauses(
        `${min}–${max ?? '?'} replicas`,
        current !== undefined &&
          `${current} now${
            desired !== undefined && desired !== current
              ? ` (wants ${desired})`
              : ''
          }`,
        metrics.length > 0 && `targets ${metrics.join('; ')}`,
      );
      return [
        {
          ...itemBase(meta, autoscalerVerdict(r, current, desired)),
          target: name ? `${kind ?? '?'} ${name}` : undefined,
          settings: [
            setting('autoscaling', summary, {
              minReplicas: min,
              maxReplicas: max,
              currentReplicas: current,
              desiredReplicas: desired,
              metrics: metrics.join('; ') || undefined,
            }),
          ],
        },
      ];
    },
  });
