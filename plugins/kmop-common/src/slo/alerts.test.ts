import {
  SLOTH_ALERT_TIERS,
  describeAlert,
  evaluateAlerts,
  multiwindowAlerts,
  pyrraAlerts,
} from './alerts';

describe('multiwindowAlerts', () => {
  it('gives the workbook thresholds for 30 days', () => {
    const alerts = multiwindowAlerts('30d');
    expect(alerts.map(a => [a.severity, a.longWindow, a.shortWindow])).toEqual([
      ['page', '1h', '5m'],
      ['page', '6h', '30m'],
      ['ticket', '3d', '6h'],
    ]);
    // 0.02 × 720 / 1, 0.05 × 720 / 6, 0.1 × 720 / 72
    expect(alerts[0].threshold).toBeCloseTo(14.4, 9);
    expect(alerts[1].threshold).toBeCloseTo(6, 9);
    expect(alerts[2].threshold).toBeCloseTo(1, 9);
    expect(alerts).not.toHaveLength(0);
    expect(alerts.every(a => a.firing === undefined)).toBe(true);
  });

  it('scales the thresholds for 28 days', () => {
    const [fast, slow, ticket] = multiwindowAlerts('28d');
    // 0.02 × 672 / 1, 0.05 × 672 / 6, 0.1 × 672 / 72
    expect(fast.threshold).toBeCloseTo(13.44, 9);
    expect(slow.threshold).toBeCloseTo(5.6, 9);
    expect(ticket.threshold).toBeCloseTo(0.9333333, 6);
  });

  it('accepts the window in seconds', () => {
    expect(multiwindowAlerts(7 * 86400)[0].threshold).toBeCloseTo(
      0.02 * 168,
      9,
    );
  });

  it('leaves out tiers whose long window is longer than the SLO window', () => {
    expect(multiwindowAlerts('1d').map(a => a.longWindow)).toEqual([
      '1h',
      '6h',
    ]);
  });

  it('rejects windows that are not positive durations', () => {
    expect(() => multiwindowAlerts('monthly')).toThrow(SyntaxError);
    expect(() => multiwindowAlerts(0)).toThrow(RangeError);
    expect(() => multiwindowAlerts(-86400)).toThrow(RangeError);
  });
});

describe('evaluateAlerts', () => {
  const alerts = multiwindowAlerts('30d');

  it('fires when both windows burn above the threshold', () => {
    const [fast, slow, ticket] = evaluateAlerts(alerts, {
      '1h': 15,
      '5m': 20,
      '6h': 7,
      '30m': 2,
    });
    expect(fast.firing).toBe(true);
    // The short window has recovered: no page.
    expect(slow.firing).toBe(false);
    // The 3d window's rate is unknown (the 6h one is): no verdict.
    expect(ticket.firing).toBeUndefined();
  });

  it('does not fire at exactly the threshold', () => {
    const [fast] = evaluateAlerts(alerts, { '1h': 14.4, '5m': 14.4 });
    expect(fast.firing).toBe(false);
  });

  it('matches windows by length, not spelling', () => {
    const [fast] = evaluateAlerts(alerts, { '60m': 20, '300s': 20 });
    expect(fast.firing).toBe(true);
  });

  it('clears an earlier verdict when the rates are no longer known', () => {
    const evaluated = evaluateAlerts(alerts, { '1h': 20, '5m': 20 });
    expect(evaluateAlerts(evaluated, {})[0].firing).toBeUndefined();
  });
});

describe('describeAlert', () => {
  it('says the rule in words', () => {
    expect(describeAlert(multiwindowAlerts('28d')[0])).toBe(
      'burn > 13.44× over 1h and 5m',
    );
  });
});

describe("Sloth's alert tiers", () => {
  it('are page 14.4 (1h/5m) and 6 (6h/30m), ticket 3 (1d/2h) and 1 (3d/6h)', () => {
    expect(
      multiwindowAlerts('30d', SLOTH_ALERT_TIERS).map(a => [
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
  });
});

describe('pyrraAlerts', () => {
  it("gives Pyrra's table for 28d: 14 1h/5m, 7 6h/30m, 2 1d/2h, 1 4d/6h", () => {
    expect(
      pyrraAlerts('28d').map(a => [
        a.labels?.severity,
        a.threshold,
        a.longWindow,
        a.shortWindow,
      ]),
    ).toEqual([
      ['critical', 14, '1h', '5m'],
      ['critical', 7, '6h', '30m'],
      ['warning', 2, '1d', '2h'],
      ['warning', 1, '4d', '6h'],
    ]);
  });

  it('scales the windows, not the factors, to other SLO windows (to the minute)', () => {
    expect(
      pyrraAlerts('30d').map(a => [a.threshold, a.longWindow, a.shortWindow]),
    ).toEqual([
      [14, '1h4m', '5m'],
      [7, '6h26m', '32m'],
      [2, '1d1h43m', '2h9m'],
      [1, '4d6h51m', '6h26m'],
    ]);
  });
});
