import { deployments } from '../__fixtures__';
import { normalizeDeployment } from './deployment';

const ctx = { cluster: 'prod' };

describe('normalizeDeployment', () => {
  it('reads a finished rolling update', () => {
    const [d] = normalizeDeployment(deployments.healthy, ctx);
    expect(d.health).toBe('ok');
    expect(d.healthReason).toBe('4 of 4 replicas updated and available');
    expect(d.strategy).toBe('rolling');
    expect(d.rolling).toEqual({ maxSurge: 1, maxUnavailable: '0%' });
    expect(d.replicas).toEqual({
      desired: 4,
      total: 4,
      updated: 4,
      ready: 4,
      available: 4,
    });
    // The revision being rolled out is the current one; a Deployment has no stable revision.
    expect(d.revision).toBe('9');
    expect(d.stableRevision).toBeUndefined();
    expect(d.defaults).toBeUndefined();
    expect(d.message).toContain('has successfully progressed');
    expect(d.steps).toEqual([]);
  });

  it('is progressing while replicas are being updated', () => {
    const [d] = normalizeDeployment(deployments.progressing, ctx);
    expect(d.health).toBe('progressing');
    expect(d.healthReason).toBe('2 of 4 replicas updated');
  });

  it('is degraded when the progress deadline is exceeded', () => {
    const [d] = normalizeDeployment(deployments.degraded, ctx);
    expect(d.health).toBe('degraded');
    expect(d.healthReason).toBe(
      'Progressing=False (ProgressDeadlineExceeded): ReplicaSet "payments-84c5f9d6b" has timed out progressing.',
    );
  });

  it('is progressing while the controller has not observed the generation', () => {
    const [d] = normalizeDeployment(deployments.stale, ctx);
    expect(d.health).toBe('progressing');
    expect(d.healthReason).toContain(
      'last reported on generation 8, the object is at generation 9',
    );
  });

  it('is progressing while old replicas terminate and new ones become available', () => {
    const d = structuredClone(deployments.healthy);
    d.status.replicas = 5;
    expect(normalizeDeployment(d, ctx)[0].healthReason).toBe(
      '1 old replicas pending termination',
    );
    d.status.replicas = 4;
    d.status.availableReplicas = 3;
    expect(normalizeDeployment(d, ctx)[0].healthReason).toBe(
      '3 of 4 updated replicas available',
    );
  });

  it('is degraded when minimum availability is lost', () => {
    const d = structuredClone(deployments.healthy);
    d.status.conditions[0] = {
      type: 'Available',
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
    };
    expect(normalizeDeployment(d, ctx)[0].health).toBe('degraded');
  });

  it('is unknown without a status', () => {
    expect(normalizeDeployment(deployments.unknown, ctx)[0].health).toBe(
      'unknown',
    );
  });

  it('reads Recreate and the rolling defaults', () => {
    const [recreate] = normalizeDeployment(deployments.recreate, ctx);
    expect(recreate.strategy).toBe('recreate');
    expect(recreate.rolling).toBeUndefined();
    const d = structuredClone(deployments.healthy);
    d.spec.strategy = { type: 'RollingUpdate' } as never;
    expect(normalizeDeployment(d, ctx)[0].rolling).toEqual({
      maxSurge: '25%',
      maxUnavailable: '25%',
    });
  });
});
