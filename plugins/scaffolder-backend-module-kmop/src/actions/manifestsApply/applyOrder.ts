import type { KubeManifest } from '@kmop/plugin-kmop-node';

/*
 * Kinds other objects depend on go first, as `kubectl apply -f <dir>` and
 * Helm do: namespaces and CRDs before what lives in them or uses them.
 */
const FIRST = [
  'Namespace',
  'CustomResourceDefinition',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'Service',
];

/** Manifests in the order to apply them; the given order otherwise. */
export function applyOrder<T extends KubeManifest>(
  manifests: readonly T[],
): T[] {
  const rank = (m: T) => {
    const i = FIRST.indexOf(m.kind);
    return i === -1 ? FIRST.length : i;
  };
  return manifests
    .map((manifest, index) => ({ manifest, index }))
    .sort((a, b) => rank(a.manifest) - rank(b.manifest) || a.index - b.index)
    .map(m => m.manifest);
}
