import {
  describeError,
  formatAge,
  formatBurn,
  formatPercent,
  formatSeconds,
  formatWindow,
} from './format';

describe('format', () => {
  it('prints ratios as percentages without float noise', () => {
    expect(formatPercent(0.999)).toBe('99.9%');
    expect(formatPercent(0.99962)).toBe('99.962%');
    expect(formatPercent(-0.125, 1)).toBe('-12.5%');
    expect(formatPercent(1 - 0.999)).toBe('0.1%');
  });

  it('prints windows and durations in words', () => {
    expect(formatWindow('30d')).toBe('30 days');
    expect(formatWindow('1w')).toBe('1 week');
    expect(formatWindow('1h30m')).toBe('1h30m');
    expect(formatSeconds(2592)).toBe('43.2 min');
    expect(formatSeconds(90000)).toBe('25 h');
    expect(formatSeconds(259200)).toBe('3 days');
  });

  it('prints burn rates as multiples', () => {
    expect(formatBurn(14.4)).toBe('14.4×');
    expect(formatBurn(18.08)).toBe('18.1×');
    expect(formatBurn(0.004)).toBe('0.004×');
    expect(formatBurn(0)).toBe('0×');
  });

  it('prints ages relative to now', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    expect(formatAge('2026-11-30T09:59:30Z', now)).toBe('30 s ago');
    expect(formatAge('2026-11-30T09:55:00Z', now)).toBe('5 min ago');
  });

  it("names a response error's own message and status", () => {
    const error = Object.assign(new Error('Request failed with 503'), {
      statusCode: 503,
      body: { error: { message: 'cluster cache not ready' } },
    });
    expect(describeError(error)).toBe('cluster cache not ready (HTTP 503)');
    expect(describeError(new Error('socket hang up'))).toBe('socket hang up');
  });
});
