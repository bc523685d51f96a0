import { toGoDuration } from './duration';

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
  ])('%s → %s', (kmop, go) => {
    expect(toGoDuration(kmop)).toBe(go);
  });

  it('rejects what is not a KMOP duration', () => {
    expect(() => toGoDuration('1h30m')).toThrow(/not a KMOP duration/);
    expect(() => toGoDuration('')).toThrow(TypeError);
  });
});
