import { resilienceSpec } from './resiliencePresets';

// The strict preset written out rather than read from the code under test, so a changed
// preset shows here.
const STRICT = {
  timeouts: { request: '5s', connect: '1s', idle: '5m' },
  retries: {
    attempts: 1,
    retryOn: ['connect-failure', 'reset', '503'],
    perTryTimeout: '2s',
    backoff: { baseInterval: '100ms', maxInterval: '1s' },
  },
  circuitBreaker: {
    consecutiveErrors: 3,
    interval: '5s',
    baseEjectionTime: '1m',
    maxEjectionPercent: 30,
    maxConnections: 100,
    maxPendingRequests: 50,
    maxRequests: 200,
  },
  rateLimit: { requests: 100, unit: 'Second' },
  disruptionBudget: { minAvailable: '50%' },
};

describe('resilienceSpec', () => {
  it('returns the preset when nothing is overridden', () => {
    expect(resilienceSpec({ preset: 'strict', overrides: {} })).toEqual(STRICT);
    expect(resilienceSpec({ preset: 'none', overrides: {} })).toEqual({});
  });

  it('merges timeouts, retries and circuit breaker field by field', () => {
    const spec = resilienceSpec({
      preset: 'standard',
      overrides: {
        timeouts: { request: '30s' },
        retries: { attempts: 5, perTryTimeout: undefined },
        circuitBreaker: { maxConnections: 10 },
      },
    });
    expect(spec.timeouts).toEqual({ request: '30s', connect: '2s' });
    expect(spec.retries).toEqual({
      attempts: 5,
      retryOn: ['5xx', 'reset', 'connect-failure'],
      perTryTimeout: '3s',
    });
    expect(spec.circuitBreaker).toEqual({
      consecutiveErrors: 5,
      interval: '10s',
      baseEjectionTime: '30s',
      maxEjectionPercent: 50,
      maxConnections: 10,
    });
  });

  it('replaces the rate limit and disruption budget, and ignores empty sections', () => {
    const spec = resilienceSpec({
      preset: 'strict',
      overrides: {
        timeouts: { request: undefined },
        rateLimit: { requests: 5, unit: 'Minute' },
        disruptionBudget: { maxUnavailable: 2, minAvailable: undefined },
      },
    });
    expect(spec.timeouts).toEqual(STRICT.timeouts);
    expect(spec.rateLimit).toEqual({ requests: 5, unit: 'Minute' });
    expect(spec.disruptionBudget).toEqual({ maxUnavailable: 2 });
  });

  it('builds a policy from overrides alone with the none preset', () => {
    expect(
      resilienceSpec({
        preset: 'none',
        overrides: { retries: { attempts: 1 } },
      }),
    ).toEqual({ retries: { attempts: 1 } });
  });
});
