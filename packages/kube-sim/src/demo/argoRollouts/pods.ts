import { SimStore } from '../../writes/simStore';
import { KubeObject, isObject } from '../../types';
import { rolloutSelector } from './replicaSets';

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function suffix() {
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  }
  return s;
}

/**
 * `spec.restartAt` reached: every pod of the Rollout is evicted and its ReplicaSet
 * starts a new one in its place (a new name, started now).
 */
export function restartPods(store: SimStore, rollout: KubeObject, now: number) {
  const labelSelector = rolloutSelector(rollout);
  if (!labelSelector) return;
  const namespace = rollout.metadata.namespace;
  const startedAt = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const pod of store.list('v1', 'Pod', { namespace, labelSelector })) {
    const name = String(pod.metadata.name);
    store.delete({ apiVersion: 'v1', kind: 'Pod', namespace, name });
    const status = isObject(pod.status) ? pod.status : {};
    const containerStatuses = Array.isArray(status.containerStatuses)
      ? status.containerStatuses.filter(isObject).map(c => ({
          ...c,
          restartCount: 0,
          state: { running: { startedAt } },
        }))
      : undefined;
    store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name.replace(/-[^-]+$/, '')}-${suffix()}`,
        namespace,
        labels: pod.metadata.labels,
        annotations: pod.metadata.annotations,
        ownerReferences: pod.metadata.ownerReferences,
      },
      spec: pod.spec,
      status: {
        ...status,
        startTime: startedAt,
        ...(containerStatuses ? { containerStatuses } : {}),
      },
    });
  }
}
