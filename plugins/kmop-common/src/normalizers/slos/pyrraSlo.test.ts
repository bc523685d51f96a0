import { pyrraSlos } from '../__fixtures__';
import { normalizePyrraSlo } from './pyrraSlo';

const ctx = { cluster: 'prod' };

describe('normalizePyrraSlo', () => {
  it("says Pyrra's ServiceLevelObjective has no observedGeneration", () => {
    const [slo] = normalizePyrraSlo(
      {
        ...pyrraSlos.ratio,
        metadata: { ...pyrraSlos.ratio.metadata, generation: 2 },
      },
      ctx,
    );
    expect(slo.generation).toBe(2);
    expect(slo.observedGeneration).toBeUndefined();
    expect(slo.observedGenerationField).toBe('none');
  });

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
    // Pyrra's own tiers, not Sloth's scaled by 28/30: factors 14, 7, 2, 1 over windows
    // scaled from 28d, with its default alert name and severity labels.
    expect(
      slo.alerts.map(a => [
        a.severity,
        a.threshold,
        a.longWindow,
        a.shortWindow,
        a.labels?.severity,
      ]),
    ).toEqual([
      ['page', 14, '1h', '5m', 'critical'],
      ['page', 7, '6h', '30m', 'critical'],
      ['ticket', 2, '1d', '2h', 'warning'],
      ['ticket', 1, '4d', '6h', 'warning'],
    ]);
    expect(slo.alerts).not.toHaveLength(0);
    expect(slo.alerts.every(a => a.name === 'ErrorBudgetBurn')).toBe(true);
    expect(slo.absentAlerts).toBe(true);
    expect(slo.defaults).toEqual(['absentAlerts', 'alerts.name']);
    expect(slo.errorBudget).toEqual({
      ratio: 0.005,
      percent: 0.5,
      seconds: 12096,
      text: '3.36 hours',
    });
    expect(slo.dataSource).toBe('none');
  });

  it('takes the alert name and absent-alert switch from the object', () => {
    const slo = structuredClone(pyrraSlos.ratio);
    Object.assign(slo.spec, {
      window: '7d',
      alerting: { name: 'CheckoutBurn', absent: false },
    });
    const [view] = normalizePyrraSlo(slo, ctx);
    expect(view.absentAlerts).toBe(false);
    expect(view.defaults).toBeUndefined();
    expect(view.alerts.map(a => [a.name, a.longWindow, a.shortWindow])).toEqual(
      [
        ['CheckoutBurn', '15m', '1m'],
        ['CheckoutBurn', '1h30m', '8m'],
        ['CheckoutBurn', '6h', '30m'],
        ['CheckoutBurn', '1d', '1h30m'],
      ],
    );
    Object.assign(slo.spec, { alerting: { burnrates: false } });
    expect(normalizePyrraSlo(slo, ctx)[0].alerts).toEqual([]);
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
