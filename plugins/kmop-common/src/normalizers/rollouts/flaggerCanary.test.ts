import { flaggerCanaries } from '../__fixtures__';
import { normalizeFlaggerCanary } from './flaggerCanary';

const ctx = { cluster: 'prod' };

describe('normalizeFlaggerCanary', () => {
  it("says Flagger's Canary has no observedGeneration, and reads none from its conditions", () => {
    const [c] = normalizeFlaggerCanary(flaggerCanaries.healthy, ctx);
    expect(c.generation).toBe(1);
    expect(c.observedGeneration).toBeUndefined();
    expect(c.observedGenerationField).toBe('none');
  });

  it('reads a succeeded canary: steps from stepWeight up to maxWeight, all done', () => {
    const [c] = normalizeFlaggerCanary(flaggerCanaries.healthy, ctx);
    expect(c.health).toBe('ok');
    expect(c.healthReason).toBe(
      'Succeeded: Canary analysis completed successfully, promotion finished.',
    );
    expect(c.strategy).toBe('canary');
    expect(c.steps.map(s => s.weight)).toEqual([10, 20, 30, 40, 50]);
    expect(
      c.steps.every(s => s.type === 'setWeight' && s.state === 'done'),
    ).toBe(true);
    expect(c.target).toEqual({ kind: 'Deployment', name: 'podinfo' });
    expect(c.services).toEqual({
      canary: 'podinfo-canary',
      stable: 'podinfo-primary',
    });
    expect(c.failureThreshold).toBe(5);
  });

  it('shows progress by canary weight and the failed checks against the threshold', () => {
    const [c] = normalizeFlaggerCanary(flaggerCanaries.progressing, ctx);
    expect(c.health).toBe('progressing');
    expect(c.healthReason).toBe(
      'Progressing (2/5 failed checks): New revision detected, progressing canary analysis.',
    );
    expect(c.canaryWeight).toBe(30);
    expect(c.failedChecks).toBe(2);
    expect(c.steps.map(s => s.state)).toEqual([
      'done',
      'done',
      'current',
      'pending',
      'pending',
    ]);
  });

  it('is degraded when the analysis failed', () => {
    const [c] = normalizeFlaggerCanary(flaggerCanaries.degraded, ctx);
    expect(c.health).toBe('degraded');
    expect(c.healthReason).toBe(
      'Promoted=False (Failed): Canary analysis failed, Deployment scaled to zero.',
    );
    expect(c.failedChecks).toBe(5);
  });

  it('is unknown without a phase, and when terminating', () => {
    expect(normalizeFlaggerCanary(flaggerCanaries.unknown, ctx)[0].health).toBe(
      'unknown',
    );
    const c = structuredClone(flaggerCanaries.healthy);
    c.status.phase = 'Terminating';
    expect(normalizeFlaggerCanary(c, ctx)[0].health).toBe('unknown');
  });

  it('uses stepWeights as listed', () => {
    const [c] = normalizeFlaggerCanary(flaggerCanaries.stepWeights, ctx);
    expect(c.steps.map(s => [s.weight, s.state])).toEqual([
      [1, 'done'],
      [10, 'current'],
      [25, 'pending'],
      [80, 'pending'],
    ]);
  });

  it('overshoots maxWeight like the scheduler: step 20 to max 50 walks 20, 40, 60', () => {
    const c = structuredClone(flaggerCanaries.healthy);
    c.spec.analysis.stepWeight = 20;
    expect(normalizeFlaggerCanary(c, ctx)[0].steps.map(s => s.weight)).toEqual([
      20, 40, 60,
    ]);
  });

  it('treats iterations without match as blue-green', () => {
    const [c] = normalizeFlaggerCanary(flaggerCanaries.blueGreen, ctx);
    expect(c.strategy).toBe('blueGreen');
    expect(c.steps).toEqual([]);
  });

  it('marks a stepWeight of 0 as malformed', () => {
    const c = structuredClone(flaggerCanaries.healthy);
    c.spec.analysis.stepWeight = 0;
    expect(normalizeFlaggerCanary(c, ctx)[0].healthReason).toBe(
      'Malformed Canary: spec.analysis.stepWeight is 0, expected an integer from 1 to 100',
    );
  });
});
