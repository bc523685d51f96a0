import { virtualServices } from '../__fixtures__';
import { normalizeIstioVirtualServiceResilience } from './istioVirtualService';

const ctx = { cluster: 'mesh-1' };

describe('normalizeIstioVirtualServiceResilience', () => {
  it('lists timeouts, retries (mesh default when unset) and faults per route', () => {
    const [vs] = normalizeIstioVirtualServiceResilience(
      virtualServices.healthy,
      ctx,
    );
    expect(vs.health).toBe('ok');
    expect(vs.target).toBe('reviews.shop.svc.cluster.local');
    expect(vs.settings.map(s => [s.type, s.summary])).toEqual([
      ['timeout', 'route canary: request timeout 5s'],
      ['retry', 'route canary: 3 attempts on 5xx,reset,503, 2s per try'],
      [
        'retry',
        'route default: 2 attempts on connect-failure,refused-stream,unavailable,cancelled (mesh default)',
      ],
      // Istio applies no timeout and no retries where it injects faults: never the mesh default.
      ['timeout', 'route chaos: none (fault injection)'],
      ['retry', 'route chaos: none (fault injection)'],
      [
        'fault',
        'route chaos: delay 7s for 10% of requests, abort with 503 for 1% of requests',
      ],
    ]);
    expect(vs.settings[2].values).toEqual({
      attempts: 2,
      retryOn: 'connect-failure,refused-stream,unavailable,cancelled',
    });
    expect(vs.settings[2].defaults).toEqual(['attempts', 'retryOn']);
    expect(vs.settings[1].defaults).toBeUndefined();
    expect(vs.settings[4].values).toEqual({ disabledByFault: true });
  });

  it('says retries are off for attempts 0 and fills retryOn from the mesh default', () => {
    const withRetries = (retries: object) => ({
      ...virtualServices.healthy,
      spec: {
        hosts: ['reviews'],
        http: [{ route: [{ destination: { host: 'reviews' } }], retries }],
      },
    });
    expect(
      normalizeIstioVirtualServiceResilience(
        withRetries({ attempts: 0 }),
        ctx,
      )[0].settings.map(s => s.summary),
    ).toEqual(['retries off']);
    expect(
      normalizeIstioVirtualServiceResilience(
        withRetries({ attempts: 4 }),
        ctx,
      )[0].settings.map(s => s.summary),
    ).toEqual([
      '4 attempts on connect-failure,refused-stream,unavailable,cancelled (default)',
    ]);
  });

  it('shares the health rules of the routes view', () => {
    expect(
      normalizeIstioVirtualServiceResilience(
        virtualServices.progressing,
        ctx,
      )[0].health,
    ).toBe('progressing');
    expect(
      normalizeIstioVirtualServiceResilience(virtualServices.degraded, ctx)[0]
        .health,
    ).toBe('degraded');
    expect(
      normalizeIstioVirtualServiceResilience(virtualServices.unknown, ctx)[0]
        .health,
    ).toBe('unknown');
  });
});
