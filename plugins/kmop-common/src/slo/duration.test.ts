import { formatDuration, parseDuration, tryParseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['250ms', 0.25],
    ['30s', 30],
    ['5m', 300],
    ['1h', 3600],
    ['1h30m', 5400],
    ['30d', 2592000],
    ['28d', 2419200],
    ['2w', 1209600],
    ['1.5h', 5400],
    ['0s', 0],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBeCloseTo(seconds, 9);
  });

  it.each(['', '30', 'd', '5 m', '-5m', '1y', '1h-30m', '5M'])(
    'rejects %j with a SyntaxError naming the input',
    text => {
      expect(() => parseDuration(text)).toThrow(SyntaxError);
      expect(() => parseDuration(text)).toThrow(
        `Invalid duration ${JSON.stringify(text)}`,
      );
    },
  );

  it('rejects a duration too large to represent', () => {
    expect(() => parseDuration(`${'9'.repeat(400)}d`)).toThrow(RangeError);
  });

  it('tryParseDuration returns undefined instead of throwing', () => {
    expect(tryParseDuration('6h')).toBe(21600);
    expect(tryParseDuration('six hours')).toBeUndefined();
    expect(tryParseDuration(42)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.25, '250ms'],
    [30, '30s'],
    [300, '5m'],
    [5400, '1h30m'],
    [2592000, '30d'],
    [180000, '2d2h'],
    [90061.5, '1d1h1m1s500ms'],
  ])('%d seconds is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('round-trips with parseDuration', () => {
    for (const text of ['5m', '30m', '1h', '6h', '3d', '28d', '1h30m']) {
      expect(formatDuration(parseDuration(text))).toBe(text);
    }
  });

  it.each([-1, Infinity, NaN])('rejects %d with a RangeError', seconds => {
    expect(() => formatDuration(seconds)).toThrow(RangeError);
  });
});
