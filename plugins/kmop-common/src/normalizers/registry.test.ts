import {
  ALL_FIXTURES,
  argoRollouts,
  httpRoutes,
  virtualServices,
} from './__fixtures__';
import {
  SUPPORTED_KINDS,
  findSupportedKind,
  normalizeObject,
} from './registry';

const ctx = { cluster: 'prod' };

describe('SUPPORTED_KINDS', () => {
  it('lists each kind once, never Secrets', () => {
    const keys = SUPPORTED_KINDS.map(k => `${k.group}/${k.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(
      SUPPORTED_KINDS.some(k => k.kind === 'Secret' || k.plural === 'secrets'),
    ).toBe(false);
  });

  it('prefers Istio v1 and Gateway API v1', () => {
    expect(
      findSupportedKind('networking.istio.io/v1', 'VirtualService')?.versions,
    ).toEqual(['v1', 'v1beta1', 'v1alpha3']);
    expect(
      findSupportedKind('gateway.networking.k8s.io/v1', 'HTTPRoute'),
    ).toMatchObject({
      plural: 'httproutes',
      versions: ['v1', 'v1beta1'],
      namespaced: true,
      sections: ['routes', 'resilience'],
    });
  });

  it('lists the KMOP kinds, with Microservice feeding no section', () => {
    const kmop = SUPPORTED_KINDS.filter(k => k.group === 'kmop.dev');
    expect(kmop.map(k => [k.plural, k.versions, k.sections])).toEqual([
      ['microservices', ['v1alpha1'], []],
      ['gatewayroutes', ['v1alpha1'], ['routes']],
      ['servicelevelobjectives', ['v1alpha1'], ['slos']],
      ['rolloutpolicies', ['v1alpha1'], ['rollouts']],
      ['resiliencepolicies', ['v1alpha1'], ['resilience']],
    ]);
  });

  it('lists the core kinds', () => {
    expect(
      [
        'apps/v1 Deployment',
        'networking.k8s.io/v1 Ingress',
        'policy/v1 PodDisruptionBudget',
        'autoscaling/v2 HorizontalPodAutoscaler',
      ].map(
        s => findSupportedKind(...(s.split(' ') as [string, string]))?.plural,
      ),
    ).toEqual([
      'deployments',
      'ingresses',
      'poddisruptionbudgets',
      'horizontalpodautoscalers',
    ]);
  });

  it('tells Pyrra and KMOP ServiceLevelObjectives apart by group', () => {
    expect(
      findSupportedKind('pyrra.dev/v1alpha1', 'ServiceLevelObjective')?.group,
    ).toBe('pyrra.dev');
    expect(
      findSupportedKind('kmop.dev/v1alpha1', 'ServiceLevelObjective')?.group,
    ).toBe('kmop.dev');
  });
});

describe('normalizeObject', () => {
  it('feeds an HTTPRoute to routes and resilience', () => {
    const items = normalizeObject(httpRoutes.healthy, ctx);
    expect(items.routes).toHaveLength(1);
    expect(items.resilience).toHaveLength(1);
    expect(items.slos).toEqual([]);
    expect(items.rollouts).toEqual([]);
  });

  it('accepts any listed version of a known kind', () => {
    const vs = {
      ...virtualServices.healthy,
      apiVersion: 'networking.istio.io/v1alpha3',
    };
    const items = normalizeObject(vs, ctx);
    expect(items.routes[0].source.apiVersion).toBe(
      'networking.istio.io/v1alpha3',
    );
    expect(items.resilience).toHaveLength(1);
  });

  it('ignores unknown versions, kinds and non-objects', () => {
    const empty = { routes: [], slos: [], rollouts: [], resilience: [] };
    expect(
      normalizeObject(
        { ...argoRollouts.healthy, apiVersion: 'argoproj.io/v2' },
        ctx,
      ),
    ).toEqual(empty);
    expect(
      normalizeObject(
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } },
        ctx,
      ),
    ).toEqual(empty);
    expect(normalizeObject([], ctx)).toEqual(empty);
    expect(normalizeObject({ apiVersion: 3, kind: 'Rollout' }, ctx)).toEqual(
      empty,
    );
  });

  it('yields items for every fixture of a kind that feeds a section', () => {
    for (const [name, object] of ALL_FIXTURES) {
      const items = normalizeObject(object, ctx);
      const count = Object.values(items).reduce(
        (n, list) => n + list.length,
        0,
      );
      expect({ name, count: count > 0 }).toEqual({ name, count: true });
    }
  });
});
