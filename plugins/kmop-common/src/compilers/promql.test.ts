import { latencySelectors, splitDifference, sumOfRateSelector } from './promql';

describe('sumOfRateSelector', () => {
  it('reads the selector of sum(rate(...[{{.window}}]))', () => {
    expect(
      sumOfRateSelector(
        'sum(rate(http_requests_total{service="payments",code=~"5.."}[{{.window}}]))',
      ),
    ).toBe('http_requests_total{service="payments",code=~"5.."}');
    expect(
      sumOfRateSelector(' sum ( increase ( up [ {{ .window }} ] ) ) '),
    ).toBe('up');
  });

  it('keeps braces inside label values', () => {
    expect(sumOfRateSelector('sum(rate(m{path="/a/{id}"}[{{.window}}]))')).toBe(
      'm{path="/a/{id}"}',
    );
  });

  it.each([
    'sum by (code) (rate(m[{{.window}}]))',
    'sum(rate(m[5m]))',
    'rate(m[{{.window}}])',
    'sum(rate(m[{{.window}}])) / 2',
  ])('returns undefined for %s', query => {
    expect(sumOfRateSelector(query)).toBeUndefined();
  });
});

describe('splitDifference', () => {
  it('splits at the one top-level minus', () => {
    expect(splitDifference('a{x="-"} - b[1m]')).toEqual([
      'a{x="-"} ',
      ' b[1m]',
    ]);
    expect(splitDifference('f(a - b)')).toBeUndefined();
    expect(splitDifference('a - b - c')).toBeUndefined();
  });
});

describe('latencySelectors', () => {
  it('reads total and fast selectors of a latency error query', () => {
    expect(
      latencySelectors(
        'sum(rate(h_count{job="a"}[{{.window}}])) - sum(rate(h_bucket{job="a",le="0.3"}[{{.window}}]))',
      ),
    ).toEqual({
      total: 'h_count{job="a"}',
      fast: 'h_bucket{job="a",le="0.3"}',
    });
  });

  it('needs an le matcher on the subtracted selector', () => {
    expect(
      latencySelectors(
        'sum(rate(h_count[{{.window}}])) - sum(rate(h_bucket[{{.window}}]))',
      ),
    ).toBeUndefined();
  });
});
