import { destinationRules } from '../__fixtures__';
import { normalizeIstioDestinationRule } from './istioDestinationRule';

const ctx = { cluster: 'mesh-1' };

describe('normalizeIstioDestinationRule', () => {
  it('summarises the connection pool and fills outlier detection defaults', () => {
    const [dr] = normalizeIstioDestinationRule(destinationRules.healthy, ctx);
    expect(dr.health).toBe('ok');
    expect(dr.target).toBe('reviews.shop.svc.cluster.local');
    expect(dr.settings.map(s => [s.type, s.summary])).toEqual([
      ['loadBalancer', 'least request'],
      [
        'connectionPool',
        'max 100 connections, 10 pending requests, 1000 concurrent requests, 10 requests per connection, connect timeout 30ms',
      ],
      [
        'outlierDetection',
        'eject a host after 7 consecutive 5xx, for 30s × ejections (default), checked every 5m, at most 10% ejected (default)',
      ],
      [
        'outlierDetection',
        'port 9080: eject a host after 3 consecutive gateway errors, for 30s × ejections (default), checked every 10s (default), at most 10% ejected (default)',
      ],
    ]);
    // Values the object sets are kept; Istio's defaults are filled in and named as such.
    expect(dr.settings[2].values).toEqual({
      consecutive5xxErrors: 7,
      interval: '5m',
      baseEjectionTime: '30s',
      maxEjectionPercent: 10,
      minHealthPercent: 0,
    });
    expect(dr.settings[2].defaults).toEqual([
      'baseEjectionTime',
      'maxEjectionPercent',
      'minHealthPercent',
    ]);
    // Subsets: name, labels and the settings they override.
    expect(dr.subsets).toEqual([
      { name: 'v1', labels: { version: 'v1' }, settings: [] },
      {
        name: 'v2',
        labels: { version: 'v2' },
        settings: [
          {
            type: 'connectionPool',
            summary: 'subset v2: max 10 connections',
            values: { 'tcp.maxConnections': 10 },
          },
        ],
      },
    ]);
  });

  it('uses every default for an empty outlierDetection', () => {
    const dr = structuredClone(destinationRules.healthy);
    dr.spec.trafficPolicy = { outlierDetection: {} } as never;
    dr.spec.subsets = [];
    const [item] = normalizeIstioDestinationRule(dr, ctx);
    expect(item.settings).toEqual([
      {
        type: 'outlierDetection',
        summary:
          'eject a host after 5 consecutive 5xx (default), for 30s × ejections (default), checked every 10s (default), at most 10% ejected (default)',
        values: {
          consecutive5xxErrors: 5,
          interval: '10s',
          baseEjectionTime: '30s',
          maxEjectionPercent: 10,
          minHealthPercent: 0,
        },
        defaults: [
          'consecutive5xxErrors',
          'interval',
          'baseEjectionTime',
          'maxEjectionPercent',
          'minHealthPercent',
        ],
      },
    ]);
  });

  it('is progressing while Reconciled is Unknown', () => {
    const [dr] = normalizeIstioDestinationRule(
      destinationRules.progressing,
      ctx,
    );
    expect(dr.health).toBe('progressing');
    expect(dr.healthReason).toBe('Reconciled=Unknown (Reconciling)');
  });

  it('is degraded when Reconciled is False', () => {
    const [dr] = normalizeIstioDestinationRule(destinationRules.degraded, ctx);
    expect(dr.health).toBe('degraded');
    expect(dr.healthReason).toContain('InvalidConfig');
  });

  it('is unknown without a status', () => {
    expect(
      normalizeIstioDestinationRule(destinationRules.unknown, ctx)[0].health,
    ).toBe('unknown');
  });
});
