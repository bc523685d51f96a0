import { pyrraSlos } from '../__fixtures__';
import { normalizePyrraSlo } from './pyrraSlo';

const ctx = { cluster: 'prod' };

describe('normalizePyrraSlo', () => {
  it('reads a ratio SLO: string target as a ratio, window and queries', () => {
    const [slo] = normalizePyrraSlo(pyrraSlos.ratio, ctx);
    expect(slo.source.apiVersion).toBe('pyrra.dev/v1alpha1');
    expect(slo.objective).toBeCloseTo(0.995, 12);
    expect(slo.window).toBe('28d');
    expect(slo.description).toBe('Checkout requests succeed');
    expect(slo.indicator).toEqual({
      type: 'ratio',
      errorQuery: 'http_requests_total{job="checkout",code=~"5.."}',
      totalQuery: 'http_requests_total{job="checkout"}',
    });
    expect(slo.alerts.map(a => a.threshold)).toEqual([
      expect.closeTo(13.44, 9),
      expect.closeTo(5.6, 9),
      expect.closeTo(0.9333333, 6),
    ]);
    expect(slo.dataSource).toBe('none');
  });

  it('is unknown even with rules generated: Pyrra reports no health', () => {
    const [slo] = normalizePyrraSlo(pyrraSlos.ratio, ctx);
    expect(slo.health).toBe('unknown');
    expect(slo.healthReason).toBe(
      'Pyrra generated a PrometheusRule; it reports no health, compliance comes from Prometheus',
    );
    expect(normalizePyrraSlo(pyrraSlos.latency, ctx)[0].healthReason).toBe(
      'Pyrra reports no health and has not reported generating rules',
    );
  });

  it('reads a latency SLO with its threshold from the bucket', () => {
    const [slo] = normalizePyrraSlo(pyrraSlos.latency, ctx);
    expect(slo.indicator).toEqual({
      type: 'latency',
      goodQuery:
        'http_request_duration_seconds_bucket{job="checkout",le="0.1"}',
      totalQuery: 'http_request_duration_seconds_count{job="checkout"}',
      threshold: '100ms',
    });
  });

  it('reads native-histogram latency and bool_gauge SLOs', () => {
    expect(
      normalizePyrraSlo(pyrraSlos.latencyNative, ctx)[0].indicator,
    ).toEqual({
      type: 'latency',
      totalQuery: 'http_request_duration_seconds{job="checkout"}',
      threshold: '250ms',
    });
    const [gauge] = normalizePyrraSlo(pyrraSlos.boolGauge, ctx);
    expect(gauge.indicator).toEqual({
      type: 'boolGauge',
      goodQuery: 'probe_success{job="checkout"}',
    });
    expect(gauge.alerts).toEqual([]);
  });

  it.each([
    ['99,5', 'spec.target is "99,5", expected a percentage such as "99.5"'],
    ['100', 'spec.target is 100, expected a percentage in (0, 100)'],
  ])('marks target %j as malformed', (target, problem) => {
    const slo = structuredClone(pyrraSlos.ratio);
    slo.spec.target = target;
    expect(normalizePyrraSlo(slo, ctx)[0].healthReason).toBe(
      `Malformed ServiceLevelObjective: ${problem}`,
    );
  });

  it('marks a missing window and a numeric target as malformed', () => {
    const slo: Record<string, unknown> = structuredClone(pyrraSlos.ratio);
    slo.spec = { ...pyrraSlos.ratio.spec, window: undefined, target: 99.5 };
    expect(normalizePyrraSlo(slo, ctx)[0].healthReason).toBe(
      'Malformed ServiceLevelObjective: spec.window is missing; spec.target is a number, expected a string',
    );
  });
});
