import { formatDuration, toGoDuration } from './format';
import { isDuration, parseDuration } from './parse';

describe('formatDuration', () => {
  it.each([
    [0, '0s', '0s'],
    [250, '250ms', '250ms'],
    [30_000, '30s', '30s'],
    [300_000, '5m', '5m'],
    [5_400_000, '1h30m', '1h30m'],
    [2_592_000_000, '30d', '720h'],
    [180_000_000, '2d2h', '50h'],
    [90_061_500, '1d1h1m1s500ms', '25h1m1s500ms'],
    [0.4, '0s', '0s'],
  ])('%d ms is %s in Prometheus and %s in Go', (ms, prometheus, go) => {
    expect(formatDuration(ms, 'prometheus')).toBe(prometheus);
    expect(formatDuration(ms, 'go')).toBe(go);
  });

  it('writes what each grammar reads back to the same length', () => {
    for (const ms of [1, 999, 61_000, 3_600_000, 2_419_200_000, 90_061_500]) {
      const prometheus = formatDuration(ms, 'prometheus');
      const go = formatDuration(ms, 'go');
      expect(parseDuration(prometheus, 'prometheus')).toBe(ms);
      expect(parseDuration(go, 'go')).toBe(ms);
    }
  });

  it.each([-1, Infinity, NaN])('refuses %d with a RangeError', ms => {
    expect(() => formatDuration(ms, 'prometheus')).toThrow(RangeError);
  });
});

describe('toGoDuration', () => {
  it.each([
    ['250ms', '250ms'],
    ['30s', '30s'],
    ['5m', '5m'],
    ['1h', '1h'],
    ['90s', '90s'],
    ['30d', '720h'],
    ['2w', '336h'],
    ['100000ms', '1m40s'],
    ['200000s', '55h33m20s'],
  ])('%s → %s, a Gateway API duration too', (kmop, go) => {
    expect(toGoDuration(kmop)).toBe(go);
    expect(isDuration(go, 'gatewayApi')).toBe(true);
  });

  it('refuses what is not a KMOP duration', () => {
    expect(() => toGoDuration('1h30m')).toThrow(SyntaxError);
    expect(() => toGoDuration('')).toThrow(/Invalid duration ""/);
  });
});
