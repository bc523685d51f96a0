import type { KmopSloView } from '@kmop/plugin-kmop-common';
import { slo } from '../../__testUtils__/viewFixture';
import { releaseVerdict } from './releaseVerdict';

function withBurn(
  rates: Record<string, number>,
  extra: Partial<KmopSloView> = {},
) {
  return {
    ...slo,
    burnRates: Object.entries(rates).map(([window, rate]) => ({
      window,
      rate,
    })),
    ...extra,
  };
}

describe('releaseVerdict', () => {
  it('says when there is no SLO to judge by', () => {
    expect(releaseVerdict([]).level).toBe('noSlos');
  });

  it('is healthy when every alert has figures below its threshold', () => {
    const verdict = releaseVerdict([
      withBurn({ '1h': 2, '5m': 20, '6h': 1, '30m': 1 }),
    ]);
    // The short window alone above 14.4× does not fire a multiwindow alert.
    expect(verdict.level).toBe('healthy');
  });

  it('is burning when both windows of an alert exceed its threshold', () => {
    const verdict = releaseVerdict([
      withBurn({ '1h': 15, '5m': 20, '6h': 1, '30m': 1 }),
    ]);
    expect(verdict.level).toBe('burning');
    expect(verdict.sentences[1]).toBe(
      'requests-availability burns error budget faster than its page alert threshold of 14.4× at 15× over 1h and 20× over 5m (alert CheckoutHighErrorRate).',
    );
  });

  it("takes the backend's firing flag over its own reading", () => {
    const firing = {
      ...slo,
      burnRates: [],
      alerts: [{ ...slo.alerts[0], firing: true }],
    };
    expect(releaseVerdict([firing]).level).toBe('burning');
  });

  it('is burning when a budget is overspent, even without alerts', () => {
    const overspent = { ...slo, alerts: [], errorBudgetRemaining: -0.3 };
    const verdict = releaseVerdict([overspent]);
    expect(verdict.level).toBe('burning');
    expect(verdict.sentences).toContain(
      'requests-availability has overspent its error budget (-30% left).',
    );
  });

  it('never counts an SLO without figures as healthy', () => {
    const bare = {
      ...slo,
      name: 'latency',
      burnRates: [],
      errorBudgetRemaining: undefined,
    };
    expect(releaseVerdict([bare]).level).toBe('unknown');
    const mixed = releaseVerdict([
      withBurn({ '1h': 1, '5m': 1, '6h': 1, '30m': 1 }),
      bare,
    ]);
    expect(mixed.level).toBe('healthy');
    expect(mixed.sentences).toContain(
      'No burn-rate figures for latency: it cannot be judged.',
    );
  });
});
