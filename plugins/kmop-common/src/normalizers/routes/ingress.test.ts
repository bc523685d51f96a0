import { ingresses } from '../__fixtures__';
import { normalizeIngress } from './ingress';

const ctx = { cluster: 'prod' };

describe('normalizeIngress', () => {
  it('says an Ingress has no observedGeneration (its status holds only loadBalancer)', () => {
    const [route] = normalizeIngress(
      {
        ...ingresses.healthy,
        metadata: { ...ingresses.healthy.metadata, generation: 4 },
      },
      ctx,
    );
    expect(route.generation).toBe(4);
    expect(route.observedGeneration).toBeUndefined();
    expect(route.observedGenerationField).toBe('none');
  });

  it('reads hosts, paths and backends, and an https URL for a TLS host', () => {
    const [route] = normalizeIngress(ingresses.healthy, ctx);
    expect(route.health).toBe('ok');
    expect(route.healthReason).toBe('Load balancer address: 203.0.113.10');
    expect(route.badges).toEqual(['class: nginx']);
    expect(route.hostnames).toEqual(['shop.example.com']);
    expect(route.parents).toEqual([{ name: 'nginx', kind: 'IngressClass' }]);
    expect(route.url).toBe('https://shop.example.com/');
    expect(route.tls).toEqual([
      { hosts: ['shop.example.com'], secretName: 'shop-tls' },
    ]);
    expect(route.rules).toEqual([
      {
        name: 'shop.example.com',
        protocol: 'http',
        matches: [{ path: { type: 'Prefix', value: '/' } }],
        backends: [{ name: 'storefront', port: 80, weight: 1, share: 1 }],
      },
      {
        name: 'shop.example.com',
        protocol: 'http',
        matches: [{ path: { type: 'Prefix', value: '/assets' } }],
        // A named port has no number: its name is shown instead.
        backends: [
          {
            name: 'assets',
            portName: 'http',
            weight: 1,
            share: 1,
          },
        ],
      },
      {
        name: 'default backend',
        matches: [],
        backends: [{ name: 'storefront-404', port: 80, weight: 1, share: 1 }],
      },
    ]);
  });

  it('is unknown until the controller publishes an address: no controller has reported', () => {
    const [route] = normalizeIngress(ingresses.progressing, ctx);
    expect(route.health).toBe('unknown');
    expect(route.healthReason).toContain(
      'not published a load balancer address',
    );
  });

  it('uses http for hosts without TLS', () => {
    const ing = structuredClone(ingresses.healthy);
    ing.spec.tls = [];
    expect(normalizeIngress(ing, ctx)[0].url).toBe('http://shop.example.com/');
  });

  it('is unknown when metadata has no name', () => {
    const [route] = normalizeIngress(ingresses.unknown, ctx);
    expect(route.health).toBe('unknown');
    expect(route.healthReason).toBe(
      'Malformed Ingress: metadata.name is missing',
    );
    // What could be read is still shown.
    expect(route.hostnames).toEqual(['shop.example.com']);
  });

  it('never reports an Ingress as degraded, only by its address', () => {
    const ing = structuredClone(ingresses.healthy);
    ing.status.loadBalancer.ingress = [
      { hostname: 'lb-123.elb.example.com' } as never,
    ];
    expect(normalizeIngress(ing, ctx)[0]).toMatchObject({
      health: 'ok',
      healthReason: 'Load balancer address: lb-123.elb.example.com',
    });
  });
});
