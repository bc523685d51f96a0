import { readableNumbers } from './readableNumbers';

describe('readableNumbers', () => {
  it('rounds arithmetic noise to the number a person would say', () => {
    expect(readableNumbers(15.999999999774273)).toBe(16);
    expect(readableNumbers(0.7123456789)).toBe(0.712346);
  });

  it('keeps the digits that tell an SLI from its objective', () => {
    expect(readableNumbers(0.99987)).toBe(0.99987);
    expect(readableNumbers(0.99987)).toBeLessThan(0.9999);
    expect(readableNumbers(0.00012345678)).toBe(0.000123457);
  });

  it('keeps integers, strings, booleans, nulls and the shape', () => {
    const input = {
      name: '1.23456789',
      replicas: 3,
      paused: false,
      weight: null,
      burns: [{ window: '1h', rate: 16.499999999999996 }],
    };
    expect(readableNumbers(input)).toEqual({
      name: '1.23456789',
      replicas: 3,
      paused: false,
      weight: null,
      burns: [{ window: '1h', rate: 16.5 }],
    });
  });
});
