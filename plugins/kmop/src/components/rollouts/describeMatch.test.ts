import { describeMatch } from './describeMatch';

describe('describeMatch', () => {
  it('reads header and cookie conditions of an A/B test', () => {
    expect(
      describeMatch([
        { on: 'header', name: 'x-canary', type: 'regex', value: '.*insider.*' },
      ]),
    ).toBe('header x-canary regex .*insider.*');
    expect(
      describeMatch([
        {
          on: 'cookie',
          name: 'cookie',
          type: 'regex',
          value: '^(.*?;)?(canary=always)(;.*)?$',
        },
      ]),
    ).toBe('cookie regex ^(.*?;)?(canary=always)(;.*)?$');
  });

  it('joins the conditions of one entry with "and"', () => {
    expect(
      describeMatch([
        { on: 'query', name: 'beta', type: 'exact', value: 'true' },
        { on: 'sourceLabel', name: 'app', type: 'exact', value: 'frontend' },
      ]),
    ).toBe('query beta exact true and caller label app exact frontend');
  });
});
