import { SimStore } from '../../writes/simStore';
import { KubeObject, isObject } from '../../types';

// The ReplicaSets and Pods behind a canary Rollout, as Argo Rollouts and the ReplicaSet
// controller keep them: one ReplicaSet per pod template hash (`<rollout>-<hash>`, labelled
// `rollouts-pod-template-hash`), the stable one at `spec.replicas`, the canary one at its
// share, each with that many running Pods. So the DestinationRule's subsets and the
// Kubernetes tab find the pods the hashes name. The demo keeps no revision history: a
// ReplicaSet no longer stable or canary goes with its Pods.

const HASH_LABEL = 'rollouts-pod-template-hash';
const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function suffix() {
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  }
  return s;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `a=b,c=d` from `spec.selector.matchLabels`, or undefined when the Rollout has none. */
export function rolloutSelector(rollout: KubeObject): string | undefined {
  const spec = isObject(rollout.spec) ? rollout.spec : {};
  const labels =
    isObject(spec.selector) && isObject(spec.selector.matchLabels)
      ? spec.selector.matchLabels
      : undefined;
  if (!labels || Object.keys(labels).length === 0) return undefined;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export interface ReplicaTarget {
  hashes: { canary: string; stable: string };
  replicas: { canary: number; stable: number };
}

/** Brings the Rollout's ReplicaSets and Pods to the stable and canary replica counts. */
export function syncReplicaSets(
  store: SimStore,
  rollout: KubeObject,
  target: ReplicaTarget,
  now: number,
) {
  const selector = rolloutSelector(rollout);
  const spec = isObject(rollout.spec) ? rollout.spec : {};
  if (!selector || !isObject(spec.template)) return;
  const namespace = rollout.metadata.namespace;
  const name = String(rollout.metadata.name);
  const desired = new Map<string, number>([
    [target.hashes.stable, target.replicas.stable],
  ]);
  if (target.hashes.canary !== target.hashes.stable) {
    desired.set(target.hashes.canary, target.replicas.canary);
  }
  const ref = (kind: string, objectName: string) => ({
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    kind,
    namespace,
    name: objectName,
  });

  for (const rs of store.list('apps/v1', 'ReplicaSet', {
    namespace,
    labelSelector: selector,
  })) {
    const hash = rs.metadata.labels?.[HASH_LABEL];
    if (hash && !desired.has(hash)) {
      for (const pod of store.list('v1', 'Pod', {
        namespace,
        labelSelector: `${selector},${HASH_LABEL}=${hash}`,
      })) {
        store.delete(ref('Pod', String(pod.metadata.name)));
      }
      store.delete(ref('ReplicaSet', String(rs.metadata.name)));
    }
  }

  for (const [hash, replicas] of desired) {
    const rsName = `${name}-${hash}`;
    const existing = store.get(ref('ReplicaSet', rsName));
    const template = JSON.parse(JSON.stringify(spec.template));
    template.metadata = {
      ...(isObject(template.metadata) ? template.metadata : {}),
      labels: {
        ...(isObject(template.metadata) && isObject(template.metadata.labels)
          ? template.metadata.labels
          : {}),
        [HASH_LABEL]: hash,
      },
    };
    const status = {
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
    };
    if (!existing) {
      store.create({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace,
          labels: { ...rollout.metadata.labels, [HASH_LABEL]: hash },
          ownerReferences: rollout.metadata.uid
            ? [
                {
                  apiVersion: rollout.apiVersion,
                  kind: rollout.kind,
                  name,
                  uid: rollout.metadata.uid,
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ]
            : undefined,
        },
        spec: {
          replicas,
          selector: {
            matchLabels: {
              ...(isObject(spec.selector) && isObject(spec.selector.matchLabels)
                ? spec.selector.matchLabels
                : {}),
              [HASH_LABEL]: hash,
            },
          },
          template,
        },
        status,
      });
    } else if (
      !isObject(existing.spec) ||
      existing.spec.replicas !== replicas ||
      !isObject(existing.status) ||
      existing.status.readyReplicas !== replicas
    ) {
      const updated = store.patch(ref('ReplicaSet', rsName), {
        spec: { replicas },
      });
      store.updateStatus(ref('ReplicaSet', rsName), {
        ...(isObject(updated.status) ? updated.status : {}),
        ...status,
      });
    }

    const pods = store.list('v1', 'Pod', {
      namespace,
      labelSelector: `${selector},${HASH_LABEL}=${hash}`,
    });
    for (const pod of pods.slice(replicas)) {
      store.delete(ref('Pod', String(pod.metadata.name)));
    }
    // Pods of an existing ReplicaSet are made from its own template (the stable one
    // keeps its version), those of a new one from the Rollout's.
    const podTemplate =
      existing && isObject(existing.spec) && isObject(existing.spec.template)
        ? existing.spec.template
        : template;
    const podSpec: Record<string, unknown> = isObject(podTemplate.spec)
      ? podTemplate.spec
      : {};
    const podLabels = {
      ...(isObject(podTemplate.metadata) &&
      isObject(podTemplate.metadata.labels)
        ? (podTemplate.metadata.labels as Record<string, string>)
        : {}),
      [HASH_LABEL]: hash,
    };
    const containers = Array.isArray(podSpec.containers)
      ? podSpec.containers.filter(isObject)
      : [];
    for (let i = pods.length; i < replicas; i++) {
      const startedAt = iso(now);
      store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${rsName}-${suffix()}`,
          namespace,
          labels: podLabels,
        },
        spec: podSpec,
        status: {
          phase: 'Running',
          startTime: startedAt,
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: containers.map((c: Record<string, unknown>) => ({
            name: c.name,
            ready: true,
            restartCount: 0,
            image: c.image,
            state: { running: { startedAt } },
          })),
        },
      });
    }
  }
}
