import { errorsOf, expectValid, manifest } from './__testUtils__/validation';

const ratio = {
  type: 'ratio',
  errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
  totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
};

function slo(spec: Record<string, unknown>) {
  return manifest('ServiceLevelObjective', {
    serviceRef: 'payments-api',
    objective: 99.9,
    indicator: ratio,
    ...spec,
  });
}

describe('ServiceLevelObjective', () => {
  it('applies defaults', () => {
    const { spec } = expectValid(
      'ServiceLevelObjective',
      slo({ alerting: { pageAlert: {} } }),
    );
    expect(spec.window).toBe('30d');
    expect(spec.alerting).toEqual({
      enabled: true,
      pageAlert: { disabled: false },
    });
  });

  it('accepts latency indicators with a threshold', () => {
    const { spec } = expectValid(
      'ServiceLevelObjective',
      slo({
        indicator: { ...ratio, type: 'latency', threshold: '300ms' },
        window: '4w',
      }),
    );
    expect(spec.indicator).toMatchObject({
      type: 'latency',
      threshold: '300ms',
    });
    expect(spec.window).toBe('4w');
  });

  it.each([
    [0, 'must be > 0'],
    [-1, 'must be > 0'],
    [100, 'must be < 100'],
    [150, 'must be < 100'],
    ['99.9', 'must be a number'],
  ])('rejects the objective %j', (objective, message) => {
    expect(errorsOf(slo({ objective }))).toEqual([
      { path: 'spec.objective', message },
    ]);
  });

  it('accepts objectives just inside the open range', () => {
    expect(
      expectValid('ServiceLevelObjective', slo({ objective: 0.001 })).spec
        .objective,
    ).toBe(0.001);
    expect(
      expectValid('ServiceLevelObjective', slo({ objective: 99.999 })).spec
        .objective,
    ).toBe(99.999);
  });

  it('rejects an unknown indicator type', () => {
    expect(errorsOf(slo({ indicator: { ...ratio, type: 'boolean' } }))).toEqual(
      [
        {
          path: 'spec.indicator.type',
          message: 'must be one of: ratio, latency',
        },
      ],
    );
  });

  it('requires a threshold on latency indicators and no threshold on ratio ones', () => {
    expect(errorsOf(slo({ indicator: { ...ratio, type: 'latency' } }))).toEqual(
      [{ path: 'spec.indicator.threshold', message: 'is required' }],
    );
    expect(errorsOf(slo({ indicator: { ...ratio, threshold: '1s' } }))).toEqual(
      [{ path: 'spec.indicator.threshold', message: 'is not a known field' }],
    );
  });

  it('rejects empty queries, bad windows and unknown engines', () => {
    expect(
      errorsOf(
        slo({
          indicator: { ...ratio, errorQuery: '' },
          window: '30 days',
          target: 'openslo',
        }),
      ),
    ).toEqual([
      {
        path: 'spec.window',
        message:
          'must be a duration such as 1h, 30d or 4w (a whole number > 0 followed by ms, s, m, h, d or w)',
      },
      { path: 'spec.indicator.errorQuery', message: 'must not be empty' },
      { path: 'spec.target', message: 'must be one of: sloth, pyrra' },
    ]);
  });

  it('checks the status figures', () => {
    expect(
      expectValid('ServiceLevelObjective', {
        ...slo({}),
        status: {
          sli: 0.9993,
          errorBudgetRemaining: -0.4,
          burnRates: [{ window: '1h', rate: 14.4 }],
          lastEvaluated: '2024-05-01T10:00:00+02:00',
        },
      }).status?.errorBudgetRemaining,
    ).toBe(-0.4);
    expect(
      errorsOf({
        ...slo({}),
        status: {
          sli: 99.9,
          burnRates: [{ window: '1 h', rate: -1 }],
          lastEvaluated: 'yesterday',
        },
      }),
    ).toEqual([
      { path: 'status.sli', message: 'must be ≤ 1' },
      {
        path: 'status.burnRates[0].window',
        message:
          'must be a duration such as 1h, 30d or 4w (a whole number > 0 followed by ms, s, m, h, d or w)',
      },
      { path: 'status.burnRates[0].rate', message: 'must be ≥ 0' },
      {
        path: 'status.lastEvaluated',
        message: 'must be an RFC 3339 date-time such as 2024-01-02T03:04:05Z',
      },
    ]);
  });
});
