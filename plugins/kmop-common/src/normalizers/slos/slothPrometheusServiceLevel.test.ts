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
    expect(availability.objective).toBeCloseTo(0.999, 12);
    expect(availability.indicator.type).toBe('ratio');
    expect(availability.indicator.errorQuery).toContain('(5..|429)');
    // The ticket alert is disabled.
    expect(availability.alerts.map(a => a.longWindow)).toEqual(['1h', '6h']);
    expect(latency.indicator).toEqual({
      type: 'raw',
      errorRatioQuery: expect.stringContaining('le="0.25"'),
    });
    expect(latency.objective).toBeCloseTo(0.99, 12);
    expect(latency.alerts).toHaveLength(3);
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
      'Sloth has not yet processed generation 7 (last observed 6)',
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
