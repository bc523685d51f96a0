import type {
  KmopEntityView,
  KmopRolloutView,
  KmopSloView,
} from '@kmop/plugin-kmop-common';
import { explainRelease, isInProgress } from './explainRelease';

const source = {
  cluster: 'prod',
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  namespace: 'shop',
  name: 'shop',
};

function rollout(overrides: Partial<KmopRolloutView>): KmopRolloutView {
  return {
    id: 'prod/argoproj.io/v1alpha1/Rollout/shop/shop',
    source,
    health: 'progressing',
    healthReason: 'canary at step 1',
    badges: [],
    strategy: 'canary',
    steps: [
      { index: 0, type: 'setWeight', weight: 25, state: 'done' },
      { index: 1, type: 'pause', state: 'current' },
      { index: 2, type: 'setWeight', weight: 100, state: 'pending' },
    ],
    currentStepIndex: 1,
    canaryWeight: 25,
    aborted: false,
    paused: true,
    pauseReasons: ['CanaryPauseStep'],
    ...overrides,
  };
}

function slo(overrides: Partial<KmopSloView>): KmopSloView {
  return {
    id: 'prod/sloth.slok.dev/v1/PrometheusServiceLevel/shop/shop#availability',
    source: {
      ...source,
      apiVersion: 'sloth.slok.dev/v1',
      kind: 'PrometheusServiceLevel',
    },
    health: 'ok',
    healthReason: 'within budget',
    badges: [],
    name: 'availability',
    objective: 0.999,
    window: '30d',
    indicator: { type: 'ratio' },
    errorBudgetRemaining: 0.5,
    burnRates: [
      { window: '5m', rate: 1.2 },
      { window: '1h', rate: 0.9 },
    ],
    alerts: [
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        threshold: 14.4,
        firing: false,
      },
    ],
    dataSource: 'prometheus',
    ...overrides,
  };
}

function view(
  rollouts: KmopRolloutView[],
  slos: KmopSloView[],
): KmopEntityView {
  return {
    entityRef: 'component:default/shop',
    target: { serviceName: 'shop' },
    routes: [],
    slos,
    rollouts,
    resilience: [],
    clusters: [{ name: 'prod', state: 'ready' }],
    generatedAt: '2026-11-30T10:00:00.000Z',
  };
}

describe('explainRelease', () => {
  it('lets a release proceed when every SLO has figures and no alert fires', () => {
    const out = explainRelease(view([rollout({})], [slo({})]));
    expect(out.releases).toHaveLength(1);
    expect(out.releases[0]).toMatchObject({
      verdict: 'no-alert-firing',
      step: { current: 2, of: 3 },
    });
    expect(out.releases[0].text).toContain(
      'at step 2 of 3, 25% of traffic on the canary',
    );
    expect(out.releases[0].text).toContain(
      'SLO availability (99.9% over 30d): 50% of its error budget left, burn 1.2× over 5m, 0.9× over 1h, no burn-rate alert fires',
    );
  });

  it('holds when a budget is spent even without alert figures', () => {
    const out = explainRelease(
      view(
        [rollout({})],
        [slo({ burnRates: [], alerts: [], errorBudgetRemaining: -0.1 })],
      ),
    );
    expect(out.releases[0].verdict).toBe('hold');
    expect(out.releases[0].text).toContain(
      'availability has no error budget left',
    );
  });

  it('reports an aborted rollout as aborted, whatever the SLOs say', () => {
    const out = explainRelease(
      view(
        [
          rollout({
            aborted: true,
            health: 'degraded',
            message: 'analysis failed',
          }),
        ],
        [slo({})],
      ),
    );
    expect(out.releases[0]).toMatchObject({
      verdict: 'aborted',
      aborted: true,
    });
    expect(out.releases[0].text).toContain('aborted (analysis failed)');
  });

  it('cannot judge without SLOs', () => {
    expect(explainRelease(view([rollout({})], [])).releases[0].verdict).toBe(
      'no-slo',
    );
  });

  it('leaves completed rollouts out', () => {
    const done = rollout({
      health: 'ok',
      paused: false,
      pauseReasons: [],
      steps: rollout({}).steps.map(s => ({ ...s, state: 'done' as const })),
    });
    expect(isInProgress(done)).toBe(false);
    const out = explainRelease(view([done], [slo({})]));
    expect(out.releases).toEqual([]);
    expect(out.text).toBe(
      'component:default/shop has no rollout in progress (1 rollout found, all complete).',
    );
  });
});
