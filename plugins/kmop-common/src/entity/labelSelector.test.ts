import fc from 'fast-check';
import {
  LabelSelectorSyntaxError,
  matchesLabelSelector,
  parseLabelSelector,
} from './labelSelector';

describe('parseLabelSelector', () => {
  it('parses equality- and set-based requirements', () => {
    expect(parseLabelSelector('a=b,c!=d,e in (x,y),f notin (z),g,!h')).toEqual([
      { key: 'a', operator: 'Equals', values: ['b'] },
      { key: 'c', operator: 'NotEquals', values: ['d'] },
      { key: 'e', operator: 'In', values: ['x', 'y'] },
      { key: 'f', operator: 'NotIn', values: ['z'] },
      { key: 'g', operator: 'Exists', values: [] },
      { key: 'h', operator: 'DoesNotExist', values: [] },
    ]);
  });

  it('accepts ==, spaces, prefixed keys and empty values', () => {
    expect(
      parseLabelSelector(
        ' app.kubernetes.io/name == payments , tier in ( web , api ) , x= ',
      ),
    ).toEqual([
      {
        key: 'app.kubernetes.io/name',
        operator: 'Equals',
        values: ['payments'],
      },
      { key: 'tier', operator: 'In', values: ['web', 'api'] },
      { key: 'x', operator: 'Equals', values: [''] },
    ]);
  });

  it('has no requirements for an empty selector', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector('   ')).toEqual([]);
  });

  it.each([
    ['a=b,', 'expected a label key at the end'],
    [',a=b', 'expected a label key at position 0'],
    ['a in x', "expected '(' at position 5"],
    ['a in (x', "expected ',' or ')' at the end"],
    ['a in ()', 'a set of values must not be empty'],
    ['a b', 'expected =, ==, !=, in or notin after "a" at position 2'],
    ['a=b c', "expected ',' at position 4"],
    ['!a=b', "expected ',' at position 2"],
    ['Bad Key=1', 'expected =, ==, !=, in or notin after "Bad" at position 4'],
    ['bad_/key=1', '"bad_/key" is not a valid label key'],
    ['a=-b', '"-b" is not a valid label value'],
    ['a=(b)', "expected ',' at position 2"],
  ])('rejects %j', (selector, problem) => {
    expect(() => parseLabelSelector(selector)).toThrow(
      LabelSelectorSyntaxError,
    );
    expect(() => parseLabelSelector(selector)).toThrow(
      `Invalid label selector "${selector}": ${problem}`,
    );
  });

  it('never throws anything but a LabelSelectorSyntaxError', () => {
    const onlySyntaxErrors = fc.property(
      fc.string({ unit: fc.constantFrom(...'ab=!(), in'.split('')) }),
      text => {
        try {
          parseLabelSelector(text);
          return true;
        } catch (error) {
          return error instanceof LabelSelectorSyntaxError;
        }
      },
    );
    expect(() => fc.assert(onlySyntaxErrors)).not.toThrow();
  });
});

describe('matchesLabelSelector', () => {
  const labels = {
    app: 'payments',
    tier: 'web',
    'backstage.io/kubernetes-id': 'payments',
  };
  const matches = (selector: string, on: Record<string, string> = labels) =>
    matchesLabelSelector(on, parseLabelSelector(selector));

  it.each([
    ['app=payments', true],
    ['app==payments', true],
    ['app=ledger', false],
    ['app!=ledger', true],
    ['app!=payments', false],
    ['missing!=x', true],
    ['tier in (web,api)', true],
    ['tier in (batch)', false],
    ['missing in (x)', false],
    ['tier notin (batch)', true],
    ['tier notin (web)', false],
    ['missing notin (x)', true],
    ['tier', true],
    ['missing', false],
    ['!missing', true],
    ['!tier', false],
    ['backstage.io/kubernetes-id=payments,tier in (web),!canary', true],
    ['app=payments,tier=api', false],
    ['', true],
  ])('%j → %s', (selector, expected) => {
    expect(matches(selector)).toBe(expected);
  });

  it('treats missing labels as none', () => {
    expect(matchesLabelSelector(undefined, parseLabelSelector('!app'))).toBe(
      true,
    );
    expect(matchesLabelSelector(undefined, parseLabelSelector('app'))).toBe(
      false,
    );
  });

  it('does not mistake inherited properties for labels', () => {
    expect(matches('toString', {})).toBe(false);
    expect(matches('constructor notin (x)', {})).toBe(true);
  });

  it('matches an equality selector exactly when the label has the value', () => {
    const key = fc.constantFrom('app', 'tier', 'team');
    const value = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(fc.dictionary(key, value), key, value, (on, k, v) => {
        const selector = parseLabelSelector(`${k}=${v}`);
        expect(matchesLabelSelector(on, selector)).toBe(on[k] === v);
        expect(matchesLabelSelector(on, parseLabelSelector(`${k}!=${v}`))).toBe(
          on[k] !== v,
        );
      }),
    );
  });
});
