import {
  durationSchema,
  durationToMilliseconds,
  windowSchema,
} from './duration';

describe('durations', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['30d', 2_592_000_000],
  ])('accepts %s as %d ms', (text, ms) => {
    expect(durationSchema.safeParse(text).success).toBe(true);
    expect(durationToMilliseconds(text)).toBe(ms);
  });

  it.each(['30 s', '5x', '', '-1m', '0s', '1h30m', '1.5h', '05m', '4w', ' 5m'])(
    'rejects %j',
    text => {
      const result = durationSchema.safeParse(text);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/^must be a duration/);
    },
  );

  it('accepts weeks only in windows', () => {
    expect(windowSchema.safeParse('4w').success).toBe(true);
    expect(durationToMilliseconds('4w')).toBe(28 * 24 * 3_600_000);
    expect(windowSchema.safeParse('4 w').success).toBe(false);
    expect(durationSchema.safeParse('4w').success).toBe(false);
  });

  it('returns undefined for text that is not a duration', () => {
    expect(durationToMilliseconds('5x')).toBeUndefined();
    expect(durationToMilliseconds('')).toBeUndefined();
  });
});
