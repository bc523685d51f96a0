import { desiredStatus } from './ownerStatus';
import { KubeObject } from './types';

function owner(conditions: unknown[]): KubeObject {
  return {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'GatewayRoute',
    metadata: { name: 'r', namespace: 'n', generation: 3 },
    status: { conditions },
  };
}

describe('desiredStatus when nothing was applied', () => {
  it("keeps the kind's own conditions read back from the cluster and drops malformed ones", () => {
    const accepted = {
      type: 'Accepted',
      status: 'True',
      lastTransitionTime: '2026-01-01T00:00:00Z',
    };
    const status = desiredStatus(
      owner([
        accepted,
        { type: 'Ready', status: 'True', reason: 'Ok', message: '' },
        { type: 'Broken', status: 'Maybe' },
        'not a condition',
      ]),
      { type: 'conflict', message: 'another manager owns spec.x' },
      '2026-02-01T00:00:00Z',
    );
    const conditions = status.conditions as { type: string }[];
    expect(conditions.map(c => c.type).sort()).toEqual([
      'Accepted',
      'Ready',
      'Reconciled',
    ]);
    expect(conditions).toContainEqual(accepted);
  });
});
