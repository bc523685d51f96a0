import { argoRollouts } from '../__fixtures__';
import { normalizeArgoRollout } from './argoRollout';

const ctx = { cluster: 'prod' };

describe('normalizeArgoRollout', () => {
  it('reads a fully promoted canary: every step done, stable equals canary', () => {
    const [ro] = normalizeArgoRollout(argoRollouts.healthy, ctx);
    expect(ro.health).toBe('ok');
    expect(ro.healthReason).toBe('Healthy: fully promoted');
    expect(ro.strategy).toBe('canary');
    expect(ro.steps.map(s => [s.type, s.state])).toEqual([
      ['setWeight', 'done'],
      ['pause', 'done'],
      ['analysis', 'done'],
      ['experiment', 'done'],
      ['setCanaryScale', 'done'],
      ['setWeight', 'done'],
      ['pause', 'done'],
    ]);
    expect(ro.canaryWeight).toBe(0);
    expect(ro.stableRevision).toBe('6d4f8b7c9');
    expect(ro.canaryRevision).toBe('6d4f8b7c9');
    expect(ro.replicas).toEqual({
      desired: 5,
      total: 6,
      updated: 5,
      ready: 6,
      available: 6,
    });
    expect(ro.services).toEqual({
      canary: 'payments-canary',
      stable: 'payments-stable',
      active: undefined,
      preview: undefined,
    });
  });

  it('reads a canary paused at a step, with its weight, revisions and analysis', () => {
    const [ro] = normalizeArgoRollout(argoRollouts.progressing, ctx);
    expect(ro.health).toBe('progressing');
    expect(ro.healthReason).toBe('Paused: CanaryPauseStep');
    expect(ro.badges).toEqual(['paused']);
    expect(ro.paused).toBe(true);
    expect(ro.pauseReasons).toEqual(['CanaryPauseStep']);
    expect(ro.currentStepIndex).toBe(6);
    expect(ro.steps[0]).toEqual({
      index: 0,
      type: 'setWeight',
      weight: 20,
      state: 'done',
    });
    expect(ro.steps[1]).toEqual({
      index: 1,
      type: 'pause',
      duration: '300s',
      state: 'done',
    });
    expect(ro.steps[2]).toMatchObject({
      type: 'analysis',
      templates: ['success-rate'],
    });
    expect(ro.steps[3]).toMatchObject({
      type: 'experiment',
      templates: ['baseline', 'canary'],
    });
    expect(ro.steps[4]).toMatchObject({ type: 'setCanaryScale', weight: 50 });
    expect(ro.steps[6]).toEqual({
      index: 6,
      type: 'pause',
      duration: undefined,
      state: 'current',
    });
    expect(ro.canaryWeight).toBe(60);
    expect(ro.stableRevision).toBe('6d4f8b7c9');
    expect(ro.canaryRevision).toBe('84c5f9d6b');
    expect(ro.analysis).toEqual({
      name: 'payments-84c5f9d6b-12-2',
      status: 'Successful',
      message: undefined,
    });
  });

  it('is degraded when aborted, with the failed analysis', () => {
    const [ro] = normalizeArgoRollout(argoRollouts.degraded, ctx);
    expect(ro.health).toBe('degraded');
    expect(ro.healthReason).toContain('Degraded: RolloutAborted');
    expect(ro.aborted).toBe(true);
    expect(ro.badges).toEqual(['aborted']);
    expect(ro.analysis?.status).toBe('Failed');
    expect(ro.steps.map(s => s.state)).toEqual([
      'done',
      'done',
      'current',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('is unknown before the controller reports a phase', () => {
    const [ro] = normalizeArgoRollout(argoRollouts.unknown, ctx);
    expect(ro.health).toBe('unknown');
    expect(ro.healthReason).toBe('Argo Rollouts has not reported a phase yet');
    expect(ro.steps).not.toHaveLength(0);
    expect(ro.steps.every(s => s.state === 'pending')).toBe(true);
  });

  it('is progressing when the string observedGeneration lags the generation', () => {
    const [ro] = normalizeArgoRollout(argoRollouts.stale, ctx);
    expect(ro.health).toBe('progressing');
    expect(ro.healthReason).toBe(
      'Not yet reconciled: Argo Rollouts last reported on generation 12, the object is at generation 13; the status shown is for the older spec',
    );
  });

  it('counts a non-numeric observedGeneration (pre-v0.10 hash) as observed', () => {
    const ro = structuredClone(argoRollouts.stale);
    ro.status.observedGeneration = '7d9f8c6b5';
    expect(normalizeArgoRollout(ro, ctx)[0].health).toBe('ok');
  });

  it('is progressing while unpausing (controllerPause without pause conditions)', () => {
    const [ro] = normalizeArgoRollout(argoRollouts.unpausing, ctx);
    expect(ro.health).toBe('progressing');
    expect(ro.healthReason).toBe('Waiting for rollout to unpause');
  });

  it('reads blue-green services and the pause reason', () => {
    const [ro] = normalizeArgoRollout(argoRollouts.blueGreen, ctx);
    expect(ro.strategy).toBe('blueGreen');
    expect(ro.steps).toEqual([]);
    expect(ro.services).toEqual({
      canary: undefined,
      stable: undefined,
      active: 'ledger',
      preview: 'ledger-preview',
    });
    expect(ro.pauseReasons).toEqual(['BlueGreenPause']);
    expect(ro.health).toBe('progressing');
  });

  it('marks a setWeight above 100 as malformed', () => {
    const ro = structuredClone(argoRollouts.healthy);
    ro.spec.strategy.canary.steps[0] = { setWeight: 120 };
    expect(normalizeArgoRollout(ro, ctx)[0].healthReason).toBe(
      'Malformed Rollout: spec.strategy.canary.steps[0].setWeight is 120, expected a percentage from 0 to 100',
    );
  });
});
