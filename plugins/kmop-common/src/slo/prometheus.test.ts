import { errorRatioQuery, windowedQuery } from './prometheus';

describe('windowedQuery', () => {
  it('fills Sloth-style {{.window}} templates', () => {
    expect(
      windowedQuery(
        'sum(rate(x[{{.window}}])) / sum(rate(y[{{.window}}]))',
        '5m',
      ),
    ).toBe('sum(rate(x[5m])) / sum(rate(y[5m]))');
  });

  it('wraps a bare series selector as a counter rate', () => {
    expect(windowedQuery('http_requests_total{code=~"5.."}', '1h')).toBe(
      'sum(rate(http_requests_total{code=~"5.."}[1h]))',
    );
  });

  it('leaves other expressions alone', () => {
    expect(windowedQuery('vector(1)', '1h')).toBe('vector(1)');
  });
});

describe('errorRatioQuery', () => {
  it('divides errors by total', () => {
    expect(
      errorRatioQuery(
        {
          type: 'ratio',
          errorQuery: 'e[{{.window}}]',
          totalQuery: 't[{{.window}}]',
        },
        '30d',
      ),
    ).toBe('(e[30d]) / (t[30d])');
  });

  it('turns good events into an error ratio', () => {
    expect(
      errorRatioQuery(
        { type: 'latency', goodQuery: 'g', totalQuery: 't' },
        '5m',
      ),
    ).toBe('1 - (sum(rate(g[5m]))) / (sum(rate(t[5m])))');
  });

  it('uses a raw error ratio query', () => {
    expect(
      errorRatioQuery(
        { type: 'raw', errorRatioQuery: 'r{w="{{.window}}"}' },
        '6h',
      ),
    ).toBe('r{w="6h"}');
  });

  it('gives nothing without queries', () => {
    expect(errorRatioQuery({ type: 'plugin' }, '1h')).toBeUndefined();
    expect(
      errorRatioQuery({ type: 'ratio', errorQuery: 'e' }, '1h'),
    ).toBeUndefined();
  });
});
