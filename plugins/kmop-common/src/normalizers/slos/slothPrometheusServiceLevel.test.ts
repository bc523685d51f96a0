import { slothServiceLevels } from '../__fixtures__';
import { normalizeSlothPrometheusServiceLevel } from './slothPrometheusServiceLevel';

const ctx = { cluster: 'prod' };

describe('normalizeSlothPrometheusServiceLevel', () => {
  it('yields one SLO per spec.slos entry', () => {
    const slos = normalizeSlothPrometheusServiceLevel(
      slothServiceLevels.healthy,
      ctx,
    );
    expect(slos.map(s => s.id)).toEqual([
      'prod/sloth.slok.dev/v1/PrometheusServiceLevel/shop/payments#requests-availability',
      'prod/sloth.slok.dev/v1/PrometheusServiceLevel/shop/payments#latency',
      'prod/sloth.slok.dev/v1/PrometheusServiceLevel/shop/payments#kafka-consumer',
    ]);
    const [availability, latency, kafka] = slos;
    expect(availability).toMatchObject({
      health: 'ok',
      healthReason: 'Prometheus rules generated (3 of 3 SLOs)',
      name: 'requests-availability',
      window: '30d',
      dataSource: 'none',
      burnRates: [],
      badges: ['service: payments'],
    });
    // As written: 99.9 → 0.999 exactly, and its budget as a ratio and as time.
    expect(availability.objective).toBe(0.999);
    expect(availability.errorBudget).toEqual({
      ratio: 0.001,
      percent: 0.1,
      seconds: 2592,
      text: '43.2 minutes',
    });
    // Sloth's window is its controller's default period, labelled as a default.
    expect(availability.defaults).toEqual(['window']);
    expect(availability.indicator.type).toBe('ratio');
    expect(availability.indicator.errorQuery).toContain('(5..|429)');
    // The ticket alerts are disabled; the page pair carries the name and labels Sloth writes.
    expect(availability.alerts).toEqual([
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        threshold: 14.4,
        name: 'PaymentsHighErrorRate',
        labels: { severity: 'pageteam', sloth_severity: 'page' },
      },
      {
        severity: 'page',
        longWindow: '6h',
        shortWindow: '30m',
        threshold: 6,
        name: 'PaymentsHighErrorRate',
        labels: { severity: 'pageteam', sloth_severity: 'page' },
      },
    ]);
    expect(latency.indicator).toEqual({
      type: 'raw',
      errorRatioQuery: expect.stringContaining('le="0.25"'),
    });
    expect(latency.objective).toBeCloseTo(0.99, 12);
    // Sloth's four alerts: page 14.4 (1h/5m) and 6 (6h/30m), ticket 3 (1d/2h) and 1 (3d/6h).
    expect(
      latency.alerts.map(a => [
        a.severity,
        a.threshold,
        a.longWindow,
        a.shortWindow,
      ]),
    ).toEqual([
      ['page', 14.4, '1h', '5m'],
      ['page', 6, '6h', '30m'],
      ['ticket', 3, '1d', '2h'],
      ['ticket', 1, '3d', '6h'],
    ]);
    expect(latency.alerts).not.toHaveLength(0);
    expect(latency.alerts.every(a => a.name === 'PaymentsSlow')).toBe(true);
    expect(kafka.indicator.type).toBe('plugin');
    expect(kafka.badges).toEqual([
      'plugin: sloth-common/kafka/consumer-group-lag',
      'service: payments',
    ]);
    expect(kafka.alerts).toEqual([]);
  });

  it('is progressing while Sloth has not observed the generation', () => {
    const slos = normalizeSlothPrometheusServiceLevel(
      slothServiceLevels.progressing,
      ctx,
    );
    expect(slos.map(s => s.health)).toEqual([
      'progressing',
      'progressing',
      'progressing',
    ]);
    expect(slos[0].healthReason).toBe(
      'Not yet reconciled: Sloth last reported on generation 6, the object is at generation 7; the status shown is for the older spec',
    );
  });

  it('is degraded when rule generation failed', () => {
    const [slo] = normalizeSlothPrometheusServiceLevel(
      slothServiceLevels.degraded,
      ctx,
    );
    expect(slo.health).toBe('degraded');
    expect(slo.healthReason).toBe(
      'Sloth could not generate the Prometheus rules (0 of 3 SLOs)',
    );
  });

  it('is unknown without a status', () => {
    const [slo] = normalizeSlothPrometheusServiceLevel(
      slothServiceLevels.unknown,
      ctx,
    );
    expect(slo.health).toBe('unknown');
    expect(slo.healthReason).toBe('Sloth has not reported on this object yet');
  });

  it('allows an objective of 100% but not above', () => {
    const sl = structuredClone(slothServiceLevels.healthy);
    sl.spec.slos[0].objective = 100;
    expect(normalizeSlothPrometheusServiceLevel(sl, ctx)[0].objective).toBe(1);
    sl.spec.slos[0].objective = 100.5;
    const items = normalizeSlothPrometheusServiceLevel(sl, ctx);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: 'prod/sloth.slok.dev/v1/PrometheusServiceLevel/shop/payments',
      health: 'unknown',
      healthReason:
        'Malformed PrometheusServiceLevel: spec.slos[0].objective is 100.5, expected a percentage in (0, 100]',
    });
  });
});
