import type { KmopAutoscalingMetric, KmopResilienceView } from '../../view';
import { Reader, describeCondition, findCondition } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import {
  DefaultedValues,
  blankResilience,
  clauses,
  marked,
  setting,
} from './common';

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

/** The same for a MetricValueStatus, in the terms of the target it is compared with. */
function currentText(
  current: Reader | undefined,
  target: Reader | undefined,
): string | undefined {
  if (!current) return undefined;
  if (target?.has('averageUtilization')) {
    const utilization = current.int('averageUtilization');
    return utilization === undefined
      ? undefined
      : `${utilization}% utilization`;
  }
  const average = current.intOrString('averageValue');
  if (average !== undefined) return `${average} average`;
  const value = current.intOrString('value');
  return value === undefined ? undefined : `${value} total`;
}

/** Where each metric type keeps its name, target (spec) and current value (status). */
const METRIC_SOURCES: Record<string, { key: string; name: string }> = {
  Resource: { key: 'resource', name: 'name' },
  ContainerResource: { key: 'containerResource', name: 'name' },
  Pods: { key: 'pods', name: 'metric.name' },
  Object: { key: 'object', name: 'metric.name' },
  External: { key: 'external', name: 'metric.name' },
};

/** One metric with its target and, from `status.currentMetrics`, its current value. */
function readMetric(
  m: Reader,
  currents: readonly Reader[],
): KmopAutoscalingMetric {
  const type = m.str('type') ?? 'unknown';
  const source = METRIC_SOURCES[type];
  if (!source) return { type, name: `${type} metric`, target: 'no target' };
  const name = m.str(`${source.key}.${source.name}`) ?? '?';
  const target = m.record(`${source.key}.target`);
  const status = currents.find(
    c =>
      c.str('type') === type &&
      c.str(`${source.key}.${source.name}`) === name &&
      (type !== 'ContainerResource' ||
        c.str('containerResource.container') ===
          m.str('containerResource.container')),
  );
  const current = currentText(status?.record(`${source.key}.current`), target);
  let label = name;
  if (type === 'ContainerResource') {
    label = `${name} of container ${
      m.str('containerResource.container') ?? '?'
    }`;
  } else if (type === 'Pods') label = `${name} per pod`;
  else if (type === 'Object') {
    label = `${name} of ${m.str('object.describedObject.kind') ?? '?'} ${
      m.str('object.describedObject.name') ?? '?'
    }`;
  } else if (type === 'External') label = `external ${name}`;
  return {
    type,
    name: label,
    target: targetText(target),
    ...(current === undefined ? {} : { current }),
  };
}

/** `cpu 86% utilization (target 60% utilization)` or `cpu 60% utilization` before any report. */
function metricText(m: KmopAutoscalingMetric): string {
  return m.current === undefined
    ? `${m.name} ${m.target}`
    : `${m.name} ${m.current} now, target ${m.target}`;
}

/** docs/sources/horizontalpodautoscaler.md. */
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

/**
 * autoscaling/v2 HorizontalPodAutoscaler → one resilience item.
 *
 * @public
 */
export const normalizeHorizontalPodAutoscaler =
  defineNormalizer<KmopResilienceView>({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    // HorizontalPodAutoscalerStatus.observedGeneration is optional.
    observedGenerationField: 'optional',
    blank: blankResilience,
    build: (r, meta) => {
      const spec = r.record('spec');
      const d = new DefaultedValues(r);
      // minReplicas defaults to 1 in autoscaling/v2.
      const min = d.take(
        'minReplicas',
        spec?.int('minReplicas'),
        'spec.minReplicas',
        1,
      );
      const max = r.int('spec.maxReplicas');
      const current = r.int('status.currentReplicas');
      const desired = r.int('status.desiredReplicas');
      const currents = r.arr('status.currentMetrics');
      const metricList = r
        .arr('spec.metrics')
        .map(m => readMetric(m, currents));
      const metrics = metricList.map(metricText);
      const kind = r.str('spec.scaleTargetRef.kind');
      const name = r.str('spec.scaleTargetRef.name');
      const summary = clauses(
        `${min === undefined ? '?' : marked(String(min), 'minReplicas', d)}–${
          max ?? '?'
        } replicas`,
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
            {
              ...setting(
                'autoscaling',
                summary,
                {
                  minReplicas: min,
                  maxReplicas: max,
                  currentReplicas: current,
                  desiredReplicas: desired,
                  metrics: metrics.join('; ') || undefined,
                },
                d.keys,
              ),
              metrics: metricList,
            },
          ],
        },
      ];
    },
  });
