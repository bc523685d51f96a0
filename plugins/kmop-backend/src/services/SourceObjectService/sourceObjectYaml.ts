import { stringify } from 'yaml';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The object as a person reads it: without `metadata.managedFields` (noise the
 * server writes) and without kubectl's last-applied annotation (a second copy
 * of the whole object).
 */
export function sourceObjectYaml(object: Record<string, unknown>): string {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (!metadata || typeof metadata !== 'object') return stringify(object);
  const { managedFields: _managedFields, ...rest } = metadata;
  const annotations = rest.annotations as Record<string, string> | undefined;
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _lastApplied, ...others } = annotations;
    rest.annotations = others;
  }
  return stringify({ ...object, metadata: rest });
}
