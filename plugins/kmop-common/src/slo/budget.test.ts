import {
  budgetText,
  errorBudget,
  objectiveFromPercent,
  burnRate,
  errorBudgetRemaining,
  timeToExhaustion,
} from './budget';

describe('burnRate', () => {
  it('is 14.4 for a 1.44% error ratio at 99.9% (SRE workbook)', () => {
    expect(burnRate({ objective: 0.999, errorRatio: 0.0144 })).toBeCloseTo(
      14.4,
      9,
    );
  });

  it('is 1 when errors use exactly the budget', () => {
    expect(burnRate({ objective: 0.99, errorRatio: 0.01 })).toBeCloseTo(1, 9);
  });

  it('is 0 without errors', () => {
    expect(burnRate({ objective: 0.999, errorRatio: 0 })).toBe(0);
  });

  it.each([0, 1, -0.5, 1.2, 99.9, NaN])(
    'rejects objective %d with a RangeError',
    objective => {
      expect(() => burnRate({ objective, errorRatio: 0.01 })).toThrow(
        RangeError,
      );
      expect(() => burnRate({ objective, errorRatio: 0.01 })).toThrow(
        /objective must be a ratio/,
      );
    },
  );

  it.each([-0.001, 1.5, NaN])(
    'rejects error ratio %d with a RangeError',
    errorRatio => {
      expect(() => burnRate({ objective: 0.999, errorRatio })).toThrow(
        /errorRatio must be a ratio/,
      );
    },
  );
});

describe('errorBudgetRemaining', () => {
  it('is 1 − 0.0005/0.001 = 0.5 at 99.9% with 0.05% errors', () => {
    expect(
      errorBudgetRemaining({ objective: 0.999, errorRatio: 0.0005 }),
    ).toBeCloseTo(0.5, 9);
  });

  it('is 1 without errors and 0 when the budget is exactly spent', () => {
    expect(errorBudgetRemaining({ objective: 0.995, errorRatio: 0 })).toBe(1);
    expect(
      errorBudgetRemaining({ objective: 0.995, errorRatio: 0.005 }),
    ).toBeCloseTo(0, 9);
  });

  it('goes negative once the budget is overspent', () => {
    expect(
      errorBudgetRemaining({ objective: 0.999, errorRatio: 0.003 }),
    ).toBeCloseTo(-2, 9);
  });

  it('rejects a negative error ratio', () => {
    expect(() =>
      errorBudgetRemaining({ objective: 0.999, errorRatio: -0.1 }),
    ).toThrow(RangeError);
  });
});

describe('timeToExhaustion', () => {
  it('empties a 30d budget in about 2.08 days at burn 14.4', () => {
    const seconds = timeToExhaustion({ sloWindow: '30d', burnRate: 14.4 });
    expect(seconds / 86400).toBeCloseTo(30 / 14.4, 9);
    expect(seconds / 86400).toBeCloseTo(2.08, 2);
  });

  it('scales with the budget left', () => {
    expect(
      timeToExhaustion({
        sloWindow: 2592000,
        burnRate: 2,
        budgetRemaining: 0.5,
      }),
    ).toBeCloseTo(648000, 6);
  });

  it('is Infinity when nothing burns and 0 once the budget is gone', () => {
    expect(timeToExhaustion({ sloWindow: '30d', burnRate: 0 })).toBe(Infinity);
    expect(
      timeToExhaustion({
        sloWindow: '30d',
        burnRate: 3,
        budgetRemaining: -0.2,
      }),
    ).toBe(0);
  });

  it('rejects a negative burn rate and a window that is not a duration', () => {
    expect(() => timeToExhaustion({ sloWindow: '30d', burnRate: -1 })).toThrow(
      RangeError,
    );
    expect(() =>
      timeToExhaustion({ sloWindow: 'a month', burnRate: 1 }),
    ).toThrow(SyntaxError);
    expect(() => timeToExhaustion({ sloWindow: 0, burnRate: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('objectiveFromPercent', () => {
  it.each([
    [99.9, 0.999],
    ['99.9', 0.999],
    [99.95, 0.9995],
    [99.99, 0.9999],
    [' 99.5 ', 0.995],
    [100, 1],
    [1e-7, 1e-9],
  ])('keeps %j as written: %d', (percent, ratio) => {
    expect(objectiveFromPercent(percent)).toBe(ratio);
  });

  it('is exact where division is not', () => {
    expect(99.9 / 100).not.toBe(0.999);
    expect(objectiveFromPercent(99.9)).toBe(0.999);
  });

  it('rejects what is not a number', () => {
    expect(() => objectiveFromPercent('high')).toThrow(RangeError);
  });
});

describe('errorBudget', () => {
  it('says 99.9% over 30d is 0.1%, 43.2 minutes', () => {
    expect(errorBudget(0.999, '30d')).toEqual({
      ratio: 0.001,
      percent: 0.1,
      seconds: 2592,
      text: '43.2 minutes',
    });
  });

  it.each([
    // Worked by hand: ratio = 1 − objective, seconds = ratio × window.
    [0.99, '30d', 0.01, 1, 25920, '7.2 hours'],
    [0.995, '28d', 0.005, 0.5, 12096, '3.36 hours'],
    [0.9999, '30d', 0.0001, 0.01, 259.2, '4.32 minutes'],
    [0.95, '7d', 0.05, 5, 30240, '8.4 hours'],
    [0.9, '30d', 0.1, 10, 259200, '3 days'],
    [0.99999, '30d', 0.00001, 0.001, 25.92, '25.9 seconds'],
    [1, '30d', 0, 0, 0, '0 seconds'],
  ])(
    'gives %d over %s a budget of %d (%d%, %d s, %s)',
    (o, w, ratio, percent, s, text) => {
      expect(errorBudget(o, w)).toEqual({ ratio, percent, seconds: s, text });
    },
  );

  it('rejects objectives outside (0, 1] and windows that are not positive', () => {
    expect(() => errorBudget(0, '30d')).toThrow(RangeError);
    expect(() => errorBudget(1.5, '30d')).toThrow(RangeError);
    expect(() => errorBudget(0.99, 0)).toThrow(RangeError);
    expect(() => errorBudget(0.99, 'a month')).toThrow(SyntaxError);
  });
});

describe('budgetText', () => {
  it('picks the unit that reads best', () => {
    expect(budgetText(1)).toBe('1 second');
    expect(budgetText(90)).toBe('1.5 minutes');
    expect(budgetText(3600)).toBe('1 hour');
    expect(budgetText(129600)).toBe('36 hours');
    expect(budgetText(172800)).toBe('2 days');
  });
});
