import { horizontalPodAutoscalers } from '../__fixtures__';
import { normalizeHorizontalPodAutoscaler } from './horizontalPodAutoscaler';

const ctx = { cluster: 'prod' };

describe('normalizeHorizontalPodAutoscaler', () => {
  it('marks observedGeneration as optional: its absence is not staleness', () => {
    // HorizontalPodAutoscalerStatus.observedGeneration is optional (k8s.io/api autoscaling/v2).
    const [absent] = normalizeHorizontalPodAutoscaler(
      horizontalPodAutoscalers.healthy,
      ctx,
    );
    expect(absent.generation).toBe(1);
    expect(absent.observedGeneration).toBeUndefined();
    expect(absent.observedGenerationField).toBe('optional');
    const reported = horizontalPodAutoscalers.healthy as {
      status: object;
    };
    const [present] = normalizeHorizontalPodAutoscaler(
      {
        ...horizontalPodAutoscalers.healthy,
        status: { ...reported.status, observedGeneration: 1 },
      },
      ctx,
    );
    expect(present.observedGeneration).toBe(1);
    expect(present.observedGenerationField).toBe('optional');
  });

  it('summarises bounds, replicas and metric targets; ScalingLimited is a badge', () => {
    const [hpa] = normalizeHorizontalPodAutoscaler(
      horizontalPodAutoscalers.healthy,
      ctx,
    );
    expect(hpa.health).toBe('ok');
    expect(hpa.badges).toEqual(['scaling limited: TooManyReplicas']);
    expect(hpa.target).toBe('Deployment payments');
    expect(hpa.settings).toEqual([
      {
        type: 'autoscaling',
        summary:
          '2–10 replicas, 10 now, targets cpu 86% utilization now, target 70% utilization; http_requests_per_second per pod 1k average; external queue_messages_ready 41 total now, target 30 total',
        values: {
          minReplicas: 2,
          maxReplicas: 10,
          currentReplicas: 10,
          desiredReplicas: 10,
          metrics:
            'cpu 86% utilization now, target 70% utilization; http_requests_per_second per pod 1k average; external queue_messages_ready 41 total now, target 30 total',
        },
        // The current value of each metric next to its target; none reported for the Pods one.
        metrics: [
          {
            type: 'Resource',
            name: 'cpu',
            target: '70% utilization',
            current: '86% utilization',
          },
          {
            type: 'Pods',
            name: 'http_requests_per_second per pod',
            target: '1k average',
          },
          {
            type: 'External',
            name: 'external queue_messages_ready',
            target: '30 total',
            current: '41 total',
          },
        ],
      },
    ]);
  });

  it('is progressing while scaling', () => {
    const [hpa] = normalizeHorizontalPodAutoscaler(
      horizontalPodAutoscalers.progressing,
      ctx,
    );
    expect(hpa.health).toBe('progressing');
    expect(hpa.healthReason).toBe('Scaling from 3 to 5 replicas');
    expect(hpa.settings[0].summary).toContain('3 now (wants 5)');
  });

  it('is degraded when metrics cannot be fetched', () => {
    const [hpa] = normalizeHorizontalPodAutoscaler(
      horizontalPodAutoscalers.degraded,
      ctx,
    );
    expect(hpa.health).toBe('degraded');
    expect(hpa.healthReason).toContain(
      'ScalingActive=False (FailedGetResourceMetric)',
    );
  });

  it('is unknown without conditions', () => {
    expect(
      normalizeHorizontalPodAutoscaler(horizontalPodAutoscalers.unknown, ctx)[0]
        .health,
    ).toBe('unknown');
  });
});
