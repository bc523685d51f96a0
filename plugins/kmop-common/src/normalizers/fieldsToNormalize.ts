/**
 * What a cache must keep of an object to normalize it later (issue #17: the backend keeps
 * tens of thousands of objects until their first lookup, and their heap is most of its
 * memory). Only what the normalizers read is kept; `fieldsToNormalize.test.ts` normalizes
 * every fixture before and after and compares, so a trim that drops a field a normalizer
 * reads fails there.
 */
import { isRecord } from './access';
import { findSupportedKind } from './registry';

/**
 * The metadata the normalizers read: identity, `generation`, `resourceVersion` (shown on
 * rollouts), labels and annotations (GitOps and rendered-from links, revisions) and
 * `ownerReferences` (the controller). `uid`, `creationTimestamp`, `finalizers`,
 * `managedFields` and the rest are never read.
 */
export const METADATA_READ = [
  'name',
  'namespace',
  'generation',
  'resourceVersion',
  'labels',
  'annotations',
  'ownerReferences',
] as const;

/**
 * Spec fields a kind's normalizers never read, by `<group>/<kind>`. A workload's pod
 * template is the largest part of it and only readiness reads it (from the whole object,
 * before the cache trims it). Everything not named here is kept.
 */
export const SPEC_NOT_READ: Record<string, readonly string[]> = {
  'apps/Deployment': ['template', 'selector'],
  'argoproj.io/Rollout': ['template', 'selector'],
};

/**
 * The part of a Kubernetes object {@link normalizeObject} reads: normalizing it gives the
 * same items as normalizing the whole object. Objects of kinds no view section reads keep
 * only their identity. The object is not changed; kept parts are shared with it.
 *
 * @public
 */
export function fieldsToNormalize(object: unknown): unknown {
  if (!isRecord(object) || !isRecord(object.metadata)) return object;
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return object;
  }
  const supported = findSupportedKind(apiVersion, kind);
  const { name, namespace } = object.metadata;
  if (!supported || supported.sections.length === 0) {
    return { apiVersion, kind, metadata: { name, namespace } };
  }
  const metadata: Record<string, unknown> = {};
  for (const key of METADATA_READ) {
    if (object.metadata[key] !== undefined) {
      metadata[key] = object.metadata[key];
    }
  }
  const trimmed: Record<string, unknown> = { ...object, metadata };
  const dropped = SPEC_NOT_READ[`${supported.group}/${kind}`];
  if (dropped && isRecord(object.spec)) {
    const spec = { ...object.spec };
    for (const key of dropped) delete spec[key];
    trimmed.spec = spec;
  }
  return trimmed;
}
