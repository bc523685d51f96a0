import { podDisruptionBudgets } from '../__fixtures__';
import { normalizePodDisruptionBudget } from './podDisruptionBudget';

const ctx = { cluster: 'prod' };

describe('normalizePodDisruptionBudget', () => {
  it('is ok while disruptions are allowed', () => {
    const [pdb] = normalizePodDisruptionBudget(
      podDisruptionBudgets.healthy,
      ctx,
    );
    expect(pdb.health).toBe('ok');
    expect(pdb.healthReason).toBe('2 disruptions allowed');
    expect(pdb.target).toBe('app.kubernetes.io/name=payments');
    expect(pdb.settings).toEqual([
      {
        type: 'disruptionBudget',
        summary:
          'at least 2 available — 2 disruptions allowed now (4 of 4 pods healthy)',
        values: {
          minAvailable: 2,
          disruptionsAllowed: 2,
          currentHealthy: 4,
          desiredHealthy: 2,
          expectedPods: 4,
        },
      },
    ]);
  });

  it('is ok with a warning at the minimum: evictions are blocked', () => {
    const [pdb] = normalizePodDisruptionBudget(
      podDisruptionBudgets.blocked,
      ctx,
    );
    expect(pdb.health).toBe('ok');
    expect(pdb.badges).toEqual(['evictions blocked']);
    expect(pdb.healthReason).toBe(
      'At the minimum (2 healthy, 2 required): voluntary evictions are blocked',
    );
    expect(pdb.settings[0].summary).toBe(
      'at most 25% unavailable — 0 disruptions allowed now (2 of 2 pods healthy)',
    );
  });

  it('is progressing while the controller has not observed the generation', () => {
    expect(
      normalizePodDisruptionBudget(podDisruptionBudgets.progressing, ctx)[0]
        .health,
    ).toBe('progressing');
  });

  it('is degraded below the desired healthy pods, or when the sync failed', () => {
    const [pdb] = normalizePodDisruptionBudget(
      podDisruptionBudgets.degraded,
      ctx,
    );
    expect(pdb.health).toBe('degraded');
    expect(pdb.healthReason).toBe('1 healthy pods, 2 required');
    const failed = structuredClone(podDisruptionBudgets.healthy);
    failed.status.conditions = [
      {
        type: 'DisruptionAllowed',
        status: 'False',
        reason: 'SyncFailed',
        message: 'found no controllers for pod "payments-x"',
      } as never,
    ];
    expect(normalizePodDisruptionBudget(failed, ctx)[0]).toMatchObject({
      health: 'degraded',
      healthReason:
        'DisruptionAllowed=False (SyncFailed): found no controllers for pod "payments-x"',
    });
  });

  it('is unknown without a status', () => {
    expect(
      normalizePodDisruptionBudget(podDisruptionBudgets.unknown, ctx)[0].health,
    ).toBe('unknown');
  });
});
