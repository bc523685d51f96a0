import { KubeObject } from './types';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Drops what the cache never needs and what can be large: managed fields and
 * kubectl's copy of the last applied object.
 */
export function trimObject(object: KubeObject): KubeObject {
  const metadata = object.metadata;
  if (!metadata) return object;
  const { managedFields: _managedFields, ...rest } = metadata;
  if (rest.annotations && LAST_APPLIED in rest.annotations) {
    const { [LAST_APPLIED]: _lastApplied, ...annotations } = rest.annotations;
    rest.annotations = annotations;
  }
  return { ...object, metadata: rest };
}
