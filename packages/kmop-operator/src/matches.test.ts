import { contains } from './matches';

describe('contains', () => {
  it('ignores fields only the live object has', () => {
    expect(
      contains(
        { spec: { a: 1, defaulted: 'x' }, status: { ready: 1 } },
        { spec: { a: 1 } },
      ),
    ).toBe(true);
  });

  it('sees a changed value, a missing field and an item added to a list', () => {
    expect(contains({ spec: { a: 2 } }, { spec: { a: 1 } })).toBe(false);
    expect(contains({ spec: {} }, { spec: { a: 1 } })).toBe(false);
    expect(contains({ l: [{ a: 1 }, { a: 2 }] }, { l: [{ a: 1 }] })).toBe(
      false,
    );
    expect(contains({ l: [{ a: 1, d: 0 }] }, { l: [{ a: 1 }] })).toBe(true);
  });
});
