import { rolloutPolicies } from '../__fixtures__';
import { normalizeKmopRolloutPolicy } from './kmopRolloutPolicy';

const ctx = { cluster: 'prod' };

describe('normalizeKmopRolloutPolicy', () => {
  it('reads a promoted canary policy', () => {
    const [p] = normalizeKmopRolloutPolicy(rolloutPolicies.healthy, ctx);
    expect(p.health).toBe('ok');
    expect(p.healthReason).toBe('Healthy: Ready=True');
    expect(p.strategy).toBe('canary');
    expect(p.badges).toEqual([
      'engine: argo-rollouts',
      'SLO gate: payments-availability burn ≤ 2×',
    ]);
    expect(p.steps).toEqual([
      { index: 0, type: 'setWeight', weight: 10, state: 'done' },
      { index: 1, type: 'pause', duration: '5m', state: 'done' },
      {
        index: 2,
        type: 'analysis',
        templates: ['success-rate'],
        state: 'done',
      },
      { index: 3, type: 'setWeight', weight: 50, state: 'done' },
      { index: 4, type: 'pause', duration: undefined, state: 'done' },
    ]);
    expect(p.services).toEqual({
      canary: 'payments-canary',
      stable: 'payments-stable',
      active: undefined,
      preview: undefined,
    });
    expect(p.target).toEqual({ kind: 'Microservice', name: 'payments' });
  });

  it('is progressing while paused at a step', () => {
    const [p] = normalizeKmopRolloutPolicy(rolloutPolicies.progressing, ctx);
    expect(p.health).toBe('progressing');
    expect(p.paused).toBe(true);
    expect(p.badges).toContain('paused');
    expect(p.canaryWeight).toBe(10);
    expect(p.stableRevision).toBe('6d4f8b7c9');
    expect(p.canaryRevision).toBe('84c5f9d6b');
    expect(p.steps.map(s => s.state)).toEqual([
      'done',
      'current',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('is degraded with the failing condition as the reason', () => {
    const [p] = normalizeKmopRolloutPolicy(rolloutPolicies.degraded, ctx);
    expect(p.health).toBe('degraded');
    expect(p.healthReason).toBe(
      'Degraded: Ready=False (AnalysisFailed): success-rate below 0.99',
    );
  });

  it('is unknown without a status', () => {
    const [p] = normalizeKmopRolloutPolicy(rolloutPolicies.unknown, ctx);
    expect(p.health).toBe('unknown');
    expect(p.steps).not.toHaveLength(0);
    expect(p.steps.every(s => s.state === 'pending')).toBe(true);
  });

  it('reads blue-green services and rolling limits; rolling is the default strategy', () => {
    const [bg] = normalizeKmopRolloutPolicy(rolloutPolicies.blueGreen, ctx);
    expect(bg.strategy).toBe('blueGreen');
    expect(bg.services).toMatchObject({
      active: 'ledger',
      preview: 'ledger-preview',
    });
    const [rolling] = normalizeKmopRolloutPolicy(rolloutPolicies.rolling, ctx);
    expect(rolling.strategy).toBe('rolling');
    expect(rolling.rolling).toEqual({ maxSurge: 1, maxUnavailable: '0%' });
  });

  it('falls back to the conditions for a phase it does not know', () => {
    const p = structuredClone(rolloutPolicies.healthy);
    p.status.phase = 'toString';
    expect(normalizeKmopRolloutPolicy(p, ctx)[0]).toMatchObject({
      health: 'ok',
      healthReason: 'Ready=True',
    });
  });
});
