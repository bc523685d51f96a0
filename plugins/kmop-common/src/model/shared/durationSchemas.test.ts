import { durationSchema, windowSchema } from './durationSchemas';

describe('duration schemas', () => {
  it.each(['250ms', '30s', '5m', '1h', '30d'])('accepts %s', text => {
    expect(durationSchema.safeParse(text).success).toBe(true);
  });

  it.each(['30 s', '5x', '', '-1m', '0s', '1h30m', '1.5h', '05m', '4w', ' 5m'])(
    'refuses %j, saying what a duration is',
    text => {
      const result = durationSchema.safeParse(text);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toMatch(
        /^must be a duration such as 30s, 5m or 1h \(a whole number > 0/,
      );
    },
  );

  it('accepts weeks only in windows', () => {
    expect(windowSchema.safeParse('4w').success).toBe(true);
    expect(windowSchema.safeParse('4 w').success).toBe(false);
    expect(durationSchema.safeParse('4w').success).toBe(false);
  });
});
