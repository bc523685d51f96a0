import { desiredStatus } from './ownerStatus';
import { GatewayLookup, routeUrl } from './routeUrl';
import { KubeObject } from './types';

function route(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'GatewayRoute',
    metadata: { name: 'payments-public', namespace: 'payments', generation: 1 },
    spec: {
      serviceRef: 'payments',
      gateway: { name: 'public', namespace: 'gateways', sectionName: 'https' },
      hostnames: ['pay.example.com'],
      matches: [
        { path: { type: 'Exact', value: '/v1/refunds' } },
        { path: { type: 'PathPrefix', value: '/v1/payments' } },
      ],
      port: 8080,
      ...spec,
    },
  };
}

function gateway(
  listeners: {
    name: string;
    protocol: string;
    hostname?: string;
    port?: number;
  }[],
): GatewayLookup {
  return {
    state: 'synced',
    gateway: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'public', namespace: 'gateways' },
      spec: { gatewayClassName: 'eg', listeners },
    },
  };
}

const PUBLIC = gateway([
  { name: 'https', protocol: 'HTTPS', hostname: '*.example.com' },
  { name: 'http', protocol: 'HTTP', hostname: '*.example.com' },
]);

describe('routeUrl', () => {
  it('takes the scheme of the listener sectionName names, the first hostname and the first path prefix', () => {
    expect(routeUrl(route(), PUBLIC)).toEqual({
      url: 'https://pay.example.com/v1/payments',
    });
    expect(
      routeUrl(
        route({
          gateway: {
            name: 'public',
            namespace: 'gateways',
            sectionName: 'http',
          },
        }),
        PUBLIC,
      ),
    ).toEqual({ url: 'http://pay.example.com/v1/payments' });
    expect(
      routeUrl(
        route({
          gateway: {
            name: 'public',
            namespace: 'gateways',
            sectionName: 'tls',
          },
        }),
        gateway([{ name: 'tls', protocol: 'TLS' }]),
      ),
    ).toEqual({ url: 'https://pay.example.com/v1/payments' });
  });

  it('leaves the path out when no match is a path prefix, and takes the default match / otherwise', () => {
    expect(
      routeUrl(
        route({ matches: [{ path: { type: 'Exact', value: '/v1/refunds' } }] }),
        PUBLIC,
      ),
    ).toEqual({ url: 'https://pay.example.com' });
    expect(routeUrl(route({ matches: undefined }), PUBLIC)).toEqual({
      url: 'https://pay.example.com/',
    });
  });

  it('without sectionName, gives a scheme only when every listener admitting the hostname agrees', () => {
    const noSection = route({
      gateway: { name: 'public', namespace: 'gateways' },
    });
    expect(routeUrl(noSection, PUBLIC)).toEqual({
      reason:
        'the listeners of Gateway gateways/public for pay.example.com (https: HTTPS, http: HTTP) disagree on the scheme; set gateway.sectionName',
    });
    // A listener for other hostnames, or one that serves no HTTP, is not attached to.
    expect(
      routeUrl(
        noSection,
        gateway([
          { name: 'https', protocol: 'HTTPS', hostname: '*.example.com' },
          { name: 'other', protocol: 'HTTP', hostname: 'pay.example.org' },
          { name: 'apex', protocol: 'HTTP', hostname: 'example.com' },
          { name: 'tcp', protocol: 'TCP' },
        ]),
      ),
    ).toEqual({ url: 'https://pay.example.com/v1/payments' });
    expect(
      routeUrl(noSection, gateway([{ name: 'plain', protocol: 'HTTP' }])),
    ).toEqual({ url: 'http://pay.example.com/v1/payments' });
    expect(
      routeUrl(
        noSection,
        gateway([{ name: 'x', protocol: 'HTTPS', hostname: 'a.example.org' }]),
      ),
    ).toEqual({
      reason:
        'Gateway gateways/public has no HTTP, HTTPS or TLS listener for pay.example.com',
    });
  });

  it('names the listener port when it is not the scheme’s default', () => {
    expect(
      routeUrl(
        route(),
        gateway([{ name: 'https', protocol: 'HTTPS', port: 443 }]),
      ),
    ).toEqual({ url: 'https://pay.example.com/v1/payments' });
    expect(
      routeUrl(
        route(),
        gateway([{ name: 'https', protocol: 'HTTPS', port: 8443 }]),
      ),
    ).toEqual({ url: 'https://pay.example.com:8443/v1/payments' });
    expect(
      routeUrl(
        route({ gateway: { name: 'public', namespace: 'gateways' } }),
        gateway([
          { name: 'a', protocol: 'HTTP', port: 80 },
          { name: 'b', protocol: 'HTTP', port: 8080 },
        ]),
      ),
    ).toEqual({
      reason:
        'the listeners of Gateway gateways/public for pay.example.com (a: port 80, b: port 8080) disagree on the port; set gateway.sectionName',
    });
  });

  it('says why there is no URL rather than guessing a scheme', () => {
    expect(routeUrl(route(), { state: 'synced' })).toEqual({
      reason: 'Gateway gateways/public is not in the cluster',
    });
    expect(routeUrl(route(), { state: 'missing' })).toEqual({
      reason:
        'the cluster does not serve Gateways (gateways.gateway.networking.k8s.io)',
    });
    expect(routeUrl(route(), { state: 'failing' })).toEqual({
      reason: 'the Gateways could not be read yet (watch failing)',
    });
    expect(
      routeUrl(route(), gateway([{ name: 'http', protocol: 'HTTP' }])),
    ).toEqual({ reason: 'Gateway gateways/public has no listener https' });
    expect(
      routeUrl(route(), gateway([{ name: 'https', protocol: 'TCP' }])),
    ).toEqual({
      reason:
        'listener https of Gateway gateways/public has protocol TCP, which serves no HTTP URL',
    });
    expect(routeUrl(route({ hostnames: [] }), PUBLIC)).toEqual({
      reason: 'the route has no hostname',
    });
    expect(routeUrl(route({ hostnames: ['*.example.com'] }), PUBLIC)).toEqual({
      reason: 'the first hostname *.example.com is a wildcard',
    });
  });

  it("reaches the status: the URL as status.url, or the reason in the Reconciled condition's message", () => {
    const applied = (url: ReturnType<typeof routeUrl>) =>
      desiredStatus(
        route(),
        { type: 'applied', children: [], warnings: [], url },
        '2026-02-01T00:00:00Z',
      );
    expect(applied(routeUrl(route(), PUBLIC)).url).toBe(
      'https://pay.example.com/v1/payments',
    );
    const none = applied(routeUrl(route(), { state: 'synced' }));
    expect(none.url).toBeUndefined();
    expect(none.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Reconciled',
        message:
          '0 object(s) applied; no URL: Gateway gateways/public is not in the cluster',
      }),
    );
  });
});
