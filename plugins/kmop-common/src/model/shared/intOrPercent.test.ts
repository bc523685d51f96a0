import { intOrPercentSchema, isZeroIntOrPercent } from './intOrPercent';
import { quantitySchema, quantityToNumber } from './quantity';

describe('intOrPercentSchema', () => {
  it.each([0, 1, 10, '0%', '25%', '100%'])('accepts %j', value => {
    expect(intOrPercentSchema.safeParse(value).success).toBe(true);
  });

  it.each([-1, 1.5, '101%', '25', '25 %', '-5%', true, null])(
    'rejects %j',
    value => {
      expect(intOrPercentSchema.safeParse(value).success).toBe(false);
    },
  );

  it('names both forms when neither matches', () => {
    const result = intOrPercentSchema.safeParse('half');
    expect(result.error?.issues[0].message).toBe(
      'must be a whole number ≥ 0 or a percentage from 0% to 100% (such as 25%)',
    );
  });

  it('knows zero in both forms', () => {
    expect(isZeroIntOrPercent(0)).toBe(true);
    expect(isZeroIntOrPercent('0%')).toBe(true);
    expect(isZeroIntOrPercent('10%')).toBe(false);
  });
});

describe('quantitySchema', () => {
  it.each([
    ['250m', 0.25],
    ['1', 1],
    ['0.5', 0.5],
    ['512Mi', 512 * 2 ** 20],
    ['2G', 2e9],
    [3, 3],
  ])('accepts %j as %d', (value, number) => {
    expect(quantitySchema.safeParse(value).success).toBe(true);
    expect(quantityToNumber(value)).toBeCloseTo(number);
  });

  it.each(['', '1 Gi', '-1', '1gb', 'lots', 1.5])('rejects %j', value => {
    expect(quantitySchema.safeParse(value).success).toBe(false);
  });
});
