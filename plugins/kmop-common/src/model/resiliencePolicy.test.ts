import { errorsOf, expectValid, manifest } from './__testUtils__/validation';

function policy(spec: Record<string, unknown>) {
  return manifest('ResiliencePolicy', { serviceRef: 'payments-api', ...spec });
}

describe('ResiliencePolicy', () => {
  it('applies retry and circuit breaker defaults', () => {
    const { spec } = expectValid(
      'ResiliencePolicy',
      policy({ retries: {}, circuitBreaker: {} }),
    );
    expect(spec.retries).toEqual({
      attempts: 3,
      retryOn: ['5xx', 'reset', 'connect-failure'],
    });
    expect(spec.circuitBreaker).toEqual({
      consecutiveErrors: 5,
      interval: '10s',
      baseEjectionTime: '30s',
      maxEjectionPercent: 10,
    });
  });

  it('accepts retry conditions and status codes', () => {
    const { spec } = expectValid(
      'ResiliencePolicy',
      policy({
        retries: {
          attempts: 0,
          retryOn: ['gateway-error', '503', 'unavailable'],
        },
      }),
    );
    expect(spec.retries?.retryOn).toEqual([
      'gateway-error',
      '503',
      'unavailable',
    ]);
  });

  it('rejects too many attempts, unknown and repeated conditions', () => {
    expect(
      errorsOf(policy({ retries: { attempts: 11, retryOn: ['sometimes'] } })),
    ).toEqual([
      { path: 'spec.retries.attempts', message: 'must be ≤ 10' },
      {
        path: 'spec.retries.retryOn[0]',
        message: expect.stringMatching(
          /^must be one of: 5xx, gateway-error, .* or an HTTP status code$/,
        ),
      },
    ]);
    expect(errorsOf(policy({ retries: { retryOn: ['5xx', '5xx'] } }))).toEqual([
      {
        path: 'spec.retries.retryOn[1]',
        message: 'must be unique: retry condition "5xx" is also used by item 0',
      },
    ]);
  });

  it('rejects a backoff whose base exceeds its maximum', () => {
    expect(
      errorsOf(
        policy({
          retries: { backoff: { baseInterval: '2s', maxInterval: '500ms' } },
        }),
      ),
    ).toEqual([
      {
        path: 'spec.retries.backoff.baseInterval',
        message: 'must be ≤ maxInterval (500ms)',
      },
    ]);
  });

  it('requires exactly one disruption budget field', () => {
    expect(
      errorsOf(
        policy({
          disruptionBudget: { minAvailable: 1, maxUnavailable: '10%' },
        }),
      ),
    ).toEqual([
      {
        path: 'spec.disruptionBudget',
        message:
          'must set only one of: minAvailable, maxUnavailable (found minAvailable and maxUnavailable)',
      },
    ]);
    expect(errorsOf(policy({ disruptionBudget: {} }))).toEqual([
      {
        path: 'spec.disruptionBudget',
        message: 'must set exactly one of: minAvailable, maxUnavailable',
      },
    ]);
    expect(
      expectValid(
        'ResiliencePolicy',
        policy({ disruptionBudget: { maxUnavailable: '10%' } }),
      ).spec.disruptionBudget,
    ).toEqual({ maxUnavailable: '10%' });
  });

  it('checks circuit breaker, rate limit, bulkhead and timeouts', () => {
    expect(
      errorsOf(
        policy({
          timeouts: { connect: '1 s' },
          circuitBreaker: {
            consecutiveErrors: 0,
            maxEjectionPercent: 101,
            maxConnections: 0,
          },
          rateLimit: { requests: 10 },
          bulkhead: { maxQueue: -1 },
        }),
      ),
    ).toEqual([
      {
        path: 'spec.timeouts.connect',
        message:
          'must be a duration such as 30s, 5m or 1h (a whole number > 0 followed by ms, s, m, h or d)',
      },
      { path: 'spec.circuitBreaker.consecutiveErrors', message: 'must be ≥ 1' },
      {
        path: 'spec.circuitBreaker.maxEjectionPercent',
        message: 'must be ≤ 100',
      },
      { path: 'spec.circuitBreaker.maxConnections', message: 'must be ≥ 1' },
      { path: 'spec.rateLimit.unit', message: 'is required' },
      { path: 'spec.bulkhead.maxConcurrentRequests', message: 'is required' },
      { path: 'spec.bulkhead.maxQueue', message: 'must be ≥ 0' },
    ]);
  });
});
