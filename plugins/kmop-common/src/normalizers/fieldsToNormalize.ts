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

/** Spec fields not read, by apiVersion and kind; undefined for kinds no section reads. */
type Trim = { specNotRead: readonly string[] } | undefined;

// Every object of a list has the same apiVersion and kind: found once, not per object.
// Only supported kinds are remembered, so the map stays as small as the registry.
const trimsByKind = new Map<string, Trim>();

function trimFor(apiVersion: string, kind: string): Trim {
  const key = `${apiVersion}\u0000${kind}`;
  if (trimsByKind.has(key)) return trimsByKind.get(key);
  const supported = findSupportedKind(apiVersion, kind);
  if (!supported) return undefined;
  const trim =
    supported.sections.length === 0
      ? undefined
      : { specNotRead: SPEC_NOT_READ[`${supported.group}/${kind}`] ?? [] };
  trimsByKind.set(key, trim);
  return trim;
}

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
  const trim = trimFor(apiVersion, kind);
  const { name, namespace } = object.metadata;
  if (!trim) return { apiVersion, kind, metadata: { name, namespace } };
  const metadata: Record<string, unknown> = {};
  for (const key of METADATA_READ) {
    if (object.metadata[key] !== undefined) {
      metadata[key] = object.metadata[key];
    }
  }
  const trimmed: Record<string, unknown> = { ...object, metadata };
  if (trim.specNotRead.length > 0 && isRecord(object.spec)) {
    const spec = { ...object.spec };
    for (const key of trim.specNotRead) delete spec[key];
    trimmed.spec = spec;
  }
  return trimmed;
}
