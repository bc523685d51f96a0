import { KubeObject } from '../../types';

/**
 * The status the Deployment controller and the kubelet would bring a Deployment to in the
 * demo, where every Pod starts and passes its probes: all `spec.replicas` ready and
 * available for the current generation. Undefined when there is nothing to do — the
 * status already describes this generation (the demo's seeds keep theirs, crash-looping Pods
 * and all), or the status was written without an `observedGeneration`, which only a seed or
 * a person does.
 */
export function deploymentStatus(
  deployment: KubeObject,
): Record<string, unknown> | undefined {
  const status = deployment.status as Record<string, unknown> | undefined;
  const generation = deployment.metadata.generation as number | undefined;
  if (status && status.observedGeneration === undefined) return undefined;
  if (status && status.observedGeneration === generation) return undefined;
  const spec = deployment.spec as { replicas?: unknown } | undefined;
  const replicas = typeof spec?.replicas === 'number' ? spec.replicas : 1;
  return {
    observedGeneration: generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${deployment.metadata.name}" has successfully progressed.`,
      },
    ],
  };
}
