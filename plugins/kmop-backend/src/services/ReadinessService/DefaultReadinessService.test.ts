import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KmopSloView } from '@kmop/plugin-kmop-common';
import { ClusterCache } from '@kmop/plugin-kmop-node';
import { SloEvaluator } from '../EntityViewService/DefaultEntityViewService';
import { EntityViewService } from '../EntityViewService/EntityViewService';
import {
  DefaultReadinessService,
  PERMISSION_BATCH,
} from './DefaultReadinessService';

function service(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'kmop.dev/service-name': name },
    },
    spec: { type: 'service', owner: 'group:default/team', lifecycle: 'x' },
  };
}

describe('DefaultReadinessService', () => {
  it('asks the permission policy in batches the permission backend accepts, and counts only what the caller may read', async () => {
    const entities = Array.from({ length: 600 }, (_, i) => service(`svc-${i}`));
    const batches: number[] = [];
    const permissions = mockServices.permissions.mock({
      authorize: async requests => {
        batches.push(requests.length);
        return requests.map(r => ({
          result:
            'resourceRef' in r && r.resourceRef === 'component:default/svc-7'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })) as never;
      },
    });
    // A cache that holds nothing: every service is listed, none has items.
    const cache = {
      lookup: () => ({
        items: { routes: [], slos: [], rollouts: [], resilience: [] },
      }),
      readinessFacts: () => ({ facts: [], neighbours: [] }),
    } as unknown as ClusterCache;
    const readiness = DefaultReadinessService.create({
      entityViews: {} as EntityViewService,
      catalog: catalogServiceMock.mock({
        getEntities: async () => ({ items: entities }),
      }),
      permissions,
      cache,
    });

    const page = await readiness.listServices(
      { limit: 500 },
      mockCredentials.user(),
    );

    expect(batches).toEqual([PERMISSION_BATCH, PERMISSION_BATCH, 100]);
    expect(page.totalItems).toBe(599);
    expect(page.items.map(s => s.entityRef)).not.toContain(
      'component:default/svc-7',
    );
  });

  /** The organisation view over one allowed service whose cache lookup holds these SLOs. */
  const listOne = (
    name: string,
    slos: KmopSloView[],
    sloEvaluator?: SloEvaluator,
  ) =>
    DefaultReadinessService.create({
      entityViews: {} as EntityViewService,
      catalog: catalogServiceMock.mock({
        getEntities: async () => ({ items: [service(name)] }),
      }),
      permissions: mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })) as never,
      }),
      cache: {
        lookup: () => ({
          items: { routes: [], slos, rollouts: [], resilience: [] },
        }),
        readinessFacts: () => ({ facts: [], neighbours: [] }),
      } as unknown as ClusterCache,
      sloEvaluator,
    }).listServices({}, mockCredentials.user());

  it('shows the SLO figures of the entity views’ evaluator, so a page alert firing on a service’s page fires here too', async () => {
    // As the cache holds it: a Sloth SLO, whose figures come from Prometheus only.
    const cached = {
      id: 'demo/sloth/checkout#availability',
      source: {
        cluster: 'demo',
        apiVersion: 'sloth.slok.dev/v1',
        kind: 'PrometheusServiceLevel',
        namespace: 'checkout',
        name: 'checkout',
      },
      name: 'availability',
      health: 'unknown',
      healthReason: 'no figures: Sloth keeps them in Prometheus',
      badges: [],
      objective: 0.999,
      window: '30d',
      burnRates: [],
      alerts: [
        {
          name: 'CheckoutHighErrorRate',
          longWindow: '1h',
          shortWindow: '5m',
          threshold: 14.4,
        },
      ],
    } as unknown as KmopSloView;
    const evaluated = {
      ...cached,
      health: 'degraded',
      healthReason: 'page alert CheckoutHighErrorRate firing',
      errorBudgetRemaining: 0.2,
      burnRates: [{ window: '5m', rate: 16.4 }],
      alerts: [{ ...cached.alerts[0], firing: true }],
    } as KmopSloView;
    const evaluate = jest.fn(async (slos: KmopSloView[]) =>
      slos.map(s => (s.id === cached.id ? evaluated : s)),
    );
    const withFigures = await listOne('checkout', [cached], { evaluate });
    expect(evaluate).toHaveBeenCalledWith([cached]);
    expect(withFigures.items[0]).toMatchObject({
      health: 'degraded',
      sloBudget: { slo: 'availability', remaining: 0.2 },
    });
    expect(withFigures.slosBurning).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/checkout',
        firing: ['CheckoutHighErrorRate'],
        burnRate: { window: '5m', rate: 16.4 },
      }),
    ]);

    // Without Prometheus configured: the cache's figures, none here.
    const cacheOnly = await listOne('checkout', [cached]);
    expect(cacheOnly.items[0].sloBudget).toBeUndefined();
    expect(cacheOnly.slosBurning).toEqual([]);
  });

  it('lists an SLO once, as the entity view does: what a KMOP resource rendered is under it', async () => {
    const firing = (
      id: string,
      source: Record<string, string>,
      extra: Record<string, unknown> = {},
    ) =>
      ({
        id,
        source: { cluster: 'demo', namespace: 'payments', ...source },
        name: 'payments-latency',
        health: 'degraded',
        healthReason: 'page alert firing',
        badges: [],
        objective: 0.99,
        window: '30d',
        errorBudgetRemaining: -0.31,
        burnRates: [{ window: '5m', rate: 16 }],
        alerts: [
          {
            name: 'PaymentsLatencyHigh',
            longWindow: '1h',
            shortWindow: '5m',
            threshold: 14.4,
            firing: true,
          },
        ],
        ...extra,
      } as unknown as KmopSloView);
    const owner = firing('owner', {
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'ServiceLevelObjective',
      name: 'payments-latency',
    });
    const rendered = firing(
      'rendered',
      {
        apiVersion: 'sloth.slok.dev/v1',
        kind: 'PrometheusServiceLevel',
        name: 'payments-latency',
      },
      {
        controller: {
          apiVersion: 'kmop.dev/v1alpha1',
          kind: 'ServiceLevelObjective',
          name: 'payments-latency',
        },
      },
    );
    const page = await listOne('payments', [owner, rendered], {
      evaluate: async slos => slos,
    });

    expect(page.slosBurning.map(b => b.name)).toEqual(['payments-latency']);
    expect(page.items[0].slos).toBe(1);
  });
});
