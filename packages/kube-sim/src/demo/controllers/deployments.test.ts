import { deploymentStatus } from './deployments';

const deployment = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', generation: 2 },
  spec: { replicas: 3 },
  ...extra,
});

describe('deploymentStatus', () => {
  it('makes every replica of a new Deployment ready for its generation', () => {
    expect(deploymentStatus(deployment())).toMatchObject({
      observedGeneration: 2,
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      updatedReplicas: 3,
    });
  });

  it('catches up with a changed Deployment', () => {
    const status = deploymentStatus(
      deployment({
        spec: { replicas: 5 },
        status: { observedGeneration: 1, readyReplicas: 3 },
      }),
    );
    expect(status).toMatchObject({ observedGeneration: 2, readyReplicas: 5 });
  });

  it('defaults to one replica, as the API server does', () => {
    expect(deploymentStatus(deployment({ spec: {} }))).toMatchObject({
      readyReplicas: 1,
    });
  });

  it('leaves a status that describes this generation, or that a seed wrote without one', () => {
    expect(
      deploymentStatus(
        deployment({ status: { observedGeneration: 2, readyReplicas: 1 } }),
      ),
    ).toBeUndefined();
    expect(
      deploymentStatus(deployment({ status: { readyReplicas: 1 } })),
    ).toBeUndefined();
  });
});
