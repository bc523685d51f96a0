import type { KmopBurnRateAlert } from '../view';
import { alertBurns, roundBurn, sloHealth } from './health';

const page: KmopBurnRateAlert = {
  severity: 'page',
  longWindow: '1h',
  shortWindow: '5m',
  threshold: 14.4,
};
const ticket: KmopBurnRateAlert = {
  severity: 'ticket',
  longWindow: '3d',
  shortWindow: '6h',
  threshold: 1,
};
const rulesOk = { health: 'ok' as const, reason: 'Prometheus rules generated' };
const noHealth = {
  health: 'unknown' as const,
  reason: 'Pyrra reports no health',
};

describe('alertBurns', () => {
  it('matches windows by length, so 60m is the 1h window', () => {
    const [burn] = alertBurns({
      alerts: [page],
      burnRates: [
        { window: '60m', rate: 16 },
        { window: '5m', rate: 15 },
      ],
    });
    expect(burn).toMatchObject({ longRate: 16, shortRate: 15, firing: true });
  });

  it('needs both windows above the threshold, and says nothing without both', () => {
    const burns = alertBurns({
      alerts: [page, ticket],
      burnRates: [
        { window: '1h', rate: 16 },
        { window: '5m', rate: 2 },
        { window: '3d', rate: 3 },
      ],
    });
    expect(burns.map(b => b.firing)).toEqual([false, undefined]);
  });

  it('orders alerts fastest tier first', () => {
    const burns = alertBurns({ alerts: [ticket, page], burnRates: [] });
    expect(burns.map(b => b.alert.longWindow)).toEqual(['1h', '3d']);
  });
});

describe('sloHealth', () => {
  const figures = (rates: Record<string, number>, budget?: number) => ({
    alerts: [page, ticket],
    burnRates: Object.entries(rates).map(([window, rate]) => ({
      window,
      rate,
    })),
    errorBudgetRemaining: budget,
    dataSource: 'prometheus' as const,
  });

  it('is degraded when the page alert fires, whatever the tool says of its rules', () => {
    const verdict = sloHealth(
      rulesOk,
      figures({ '1h': 16.5, '5m': 15.2, '3d': 0.5, '6h': 0.5 }, 0.4),
    );
    expect(verdict.health).toBe('degraded');
    expect(verdict.reason).toBe(
      'Burning error budget too fast: page alert: 16.5× over 1h and 15.2× over 5m, above its 14.4× threshold',
    );
  });

  it('is degraded when only the ticket alert fires', () => {
    const verdict = sloHealth(
      rulesOk,
      figures({ '1h': 2, '5m': 2, '3d': 1.5, '6h': 1.2 }, 0.4),
    );
    expect(verdict.health).toBe('degraded');
    expect(verdict.reason).toMatch(/ticket alert: 1.5× over 3d/);
  });

  it('is degraded at a budget of exactly zero', () => {
    const verdict = sloHealth(rulesOk, figures({}, 0));
    expect(verdict).toEqual({
      health: 'degraded',
      reason: 'Error budget spent (0% left)',
    });
  });

  it('is ok with figures and no alert firing, even when the tool reports no health', () => {
    const verdict = sloHealth(
      noHealth,
      figures({ '1h': 0.2, '5m': 0.3, '3d': 0.2, '6h': 0.2 }, 0.81),
    );
    expect(verdict).toEqual({
      health: 'ok',
      reason:
        'No burn-rate alert fires (2 of 2 evaluated); 81% of the error budget left, from Prometheus',
    });
  });

  it("keeps the tool's verdict without figures, and when it is degraded", () => {
    expect(sloHealth(noHealth, figures({}))).toBe(noHealth);
    const broken = {
      health: 'degraded' as const,
      reason: 'rules not generated',
    };
    expect(sloHealth(broken, figures({ '1h': 0.2, '5m': 0.3 }, 0.9))).toBe(
      broken,
    );
  });
});

describe('roundBurn', () => {
  it('rounds as a person reads a burn rate', () => {
    expect(roundBurn(15.999999999774273)).toBe(16);
    expect(roundBurn(16.4999)).toBe(16.5);
    expect(roundBurn(0.0123)).toBe(0.012);
    expect(roundBurn(0)).toBe(0);
  });
});
