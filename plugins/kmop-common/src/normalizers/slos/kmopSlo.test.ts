import { kmopSlos } from '../__fixtures__';
import { normalizeKmopSlo } from './kmopSlo';

const ctx = { cluster: 'prod' };

describe('normalizeKmopSlo', () => {
  it('reads the objective as a ratio, the indicator and the status figures', () => {
    const [slo] = normalizeKmopSlo(kmopSlos.healthy, ctx);
    expect(slo.health).toBe('ok');
    expect(slo.toolHealth).toEqual({ health: 'ok', reason: 'Ready=True' });
    expect(slo.healthReason).toBe(
      'No burn-rate alert fires (2 of 3 evaluated); 50% of the error budget left',
    );
    expect(slo.badges).toEqual(['via sloth']);
    expect(slo.name).toBe('payments-availability');
    expect(slo.description).toBe('99.9% of payment requests succeed');
    expect(slo.objective).toBeCloseTo(0.999, 12);
    expect(slo.window).toBe('30d');
    expect(slo.indicator).toEqual({
      type: 'ratio',
      errorQuery: expect.stringContaining('code=~"5.."'),
      totalQuery: expect.stringContaining('http_requests_total'),
      threshold: undefined,
    });
    expect(slo.sli).toBe(0.9995);
    // No reported budget: computed from the SLI, 1 − 0.0005 / 0.001.
    expect(slo.errorBudgetRemaining).toBeCloseTo(0.5, 9);
    expect(slo.burnRates).toHaveLength(4);
    expect(slo.dataSource).toBe('status');
    expect(slo.evaluatedAt).toBe('2026-07-01T12:00:00Z');
    expect(
      slo.alerts.map(a => [a.severity, a.longWindow, a.shortWindow, a.firing]),
    ).toEqual([
      ['page', '1h', '5m', false],
      ['page', '6h', '30m', false],
      ['ticket', '3d', '6h', undefined],
    ]);
    expect(slo.alerts[0].threshold).toBeCloseTo(14.4, 9);
  });

  it('is progressing while the operator has not observed the generation', () => {
    const [slo] = normalizeKmopSlo(kmopSlos.progressing, ctx);
    expect(slo.health).toBe('progressing');
    expect(slo.dataSource).toBe('none');
    expect(slo.alerts).not.toHaveLength(0);
    expect(slo.alerts.every(a => a.firing === undefined)).toBe(true);
  });

  it('is degraded while the fast page alert fires, and keeps the reported budget', () => {
    const [slo] = normalizeKmopSlo(kmopSlos.degraded, ctx);
    expect(slo.health).toBe('degraded');
    expect(slo.healthReason).toBe(
      'Burning error budget too fast: page alert: 14.5× over 1h and 20× over 5m, above its 14.4× threshold',
    );
    expect(slo.errorBudgetRemaining).toBe(0.2);
    expect(slo.alerts[0].firing).toBe(true);
  });

  it('is unknown, not degraded, while the operator could not measure it', () => {
    const unmeasured = structuredClone(kmopSlos.healthy) as any;
    delete unmeasured.status.sli;
    delete unmeasured.status.errorBudgetRemaining;
    delete unmeasured.status.burnRates;
    unmeasured.status.conditions = [
      { type: 'Ready', status: 'True', reason: 'ChildrenReady' },
      {
        type: 'Evaluated',
        status: 'False',
        reason: 'NoData',
        message: "Prometheus has no data for the SLO's queries (window 30d)",
      },
    ];
    const [slo] = normalizeKmopSlo(unmeasured, ctx);
    expect(slo.health).toBe('unknown');
    expect(slo.healthReason).toBe(
      "Evaluated=False (NoData): Prometheus has no data for the SLO's queries (window 30d)",
    );
    expect(slo.dataSource).toBe('none');
  });

  it('is degraded once the budget is spent', () => {
    const spent = structuredClone(kmopSlos.healthy);
    spent.status.sli = 0.997;
    spent.status.burnRates = [];
    const [slo] = normalizeKmopSlo(spent, ctx);
    expect(slo.errorBudgetRemaining).toBeCloseTo(-2, 9);
    expect(slo.health).toBe('degraded');
    expect(slo.healthReason).toBe('Error budget spent (-200% left)');
  });

  it('is unknown without a status', () => {
    const [slo] = normalizeKmopSlo(kmopSlos.unknown, ctx);
    expect(slo.health).toBe('unknown');
    expect(slo.sli).toBeUndefined();
    expect(slo.dataSource).toBe('none');
  });

  it('scales thresholds to a 28d window and leaves out a disabled ticket alert', () => {
    const [slo] = normalizeKmopSlo(kmopSlos.latency, ctx);
    expect(slo.objective).toBeCloseTo(0.99, 12);
    expect(slo.indicator).toMatchObject({
      type: 'latency',
      threshold: '300ms',
    });
    expect(slo.alerts.map(a => a.severity)).toEqual(['page', 'page']);
    expect(slo.alerts[0].threshold).toBeCloseTo(13.44, 9);
    expect(slo.alerts[1].threshold).toBeCloseTo(5.6, 9);
  });

  it('has no alerts when alerting is disabled', () => {
    const off = structuredClone(kmopSlos.healthy);
    Object.assign(off.spec, { alerting: { enabled: false } });
    expect(normalizeKmopSlo(off, ctx)[0].alerts).toEqual([]);
  });

  it.each([
    [
      { objective: 100 },
      'spec.objective is 100, expected a percentage in (0, 100)',
    ],
    [
      { objective: '99.9' },
      'spec.objective is a string, expected a finite number',
    ],
    [
      { window: 'a month' },
      'spec.window is "a month", expected a duration such as 30d',
    ],
  ])('marks %j as malformed', (spec, problem) => {
    const bad = structuredClone(kmopSlos.healthy);
    Object.assign(bad.spec, spec);
    const [slo] = normalizeKmopSlo(bad, ctx);
    expect(slo.health).toBe('unknown');
    expect(slo.healthReason).toBe(
      `Malformed ServiceLevelObjective: ${problem}`,
    );
  });

  it('marks an SLI outside [0, 1] and a negative burn rate as malformed', () => {
    const bad = structuredClone(kmopSlos.healthy);
    bad.status.sli = 99.95;
    bad.status.burnRates[0].rate = -1;
    const [slo] = normalizeKmopSlo(bad, ctx);
    expect(slo.healthReason).toBe(
      'Malformed ServiceLevelObjective: status.sli is 99.95, expected a ratio between 0 and 1; status.burnRates[0].rate is -1, expected a burn rate ≥ 0',
    );
  });
});
