import { httpRoutes } from '../__fixtures__';
import { normalizeHttpRouteTimeouts } from './httpRouteTimeouts';

const ctx = { cluster: 'prod' };

describe('normalizeHttpRouteTimeouts', () => {
  it('lists rule timeouts with the route health', () => {
    const [item] = normalizeHttpRouteTimeouts(httpRoutes.healthy, ctx);
    expect(item.health).toBe('ok');
    expect(item.target).toBe('payments, payments-canary, payments-static');
    expect(item.settings).toEqual([
      {
        type: 'timeout',
        summary: 'rule api: request timeout 10s, backend request timeout 2s',
        values: { request: '10s', backendRequest: '2s' },
      },
    ]);
  });

  it('reads the experimental retry', () => {
    const route = structuredClone(httpRoutes.healthy);
    Object.assign(route.spec.rules[1], {
      retry: { codes: [500, 502, 503], attempts: 2, backoff: '100ms' },
    });
    const [item] = normalizeHttpRouteTimeouts(route, ctx);
    expect(item.settings[1]).toEqual({
      type: 'retry',
      summary: 'rule 2: 2 attempts on 500,502,503, backoff 100ms',
      values: {
        attempts: 2,
        codes: '500,502,503',
        backoff: '100ms',
        experimental: true,
      },
    });
  });

  it('yields nothing for a route without timeouts or retries', () => {
    const route = structuredClone(httpRoutes.healthy);
    route.spec.rules = [
      { backendRefs: [{ name: 'payments', port: 8080 }] },
    ] as never;
    expect(normalizeHttpRouteTimeouts(route, ctx)).toEqual([]);
  });

  it('follows the route health: progressing, degraded, unknown', () => {
    expect(
      normalizeHttpRouteTimeouts(httpRoutes.progressing, ctx)[0].health,
    ).toBe('progressing');
    expect(normalizeHttpRouteTimeouts(httpRoutes.degraded, ctx)[0].health).toBe(
      'degraded',
    );
    expect(normalizeHttpRouteTimeouts(httpRoutes.unknown, ctx)[0].health).toBe(
      'unknown',
    );
  });
});
