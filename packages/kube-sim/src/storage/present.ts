import { KubeObject, ResourceType, groupVersion } from '../types';

/**
 * Objects are stored at their resource's storage version and served at whichever served
 * version was asked for, with only `apiVersion` rewritten — the `None` conversion strategy
 * of CRDs. Stored JSON starts with kind and apiVersion, so the rewrite is a prefix swap.
 */
export function present(
  type: ResourceType,
  json: string,
  version: string,
): string {
  if (version === type.storageVersion) {
    return json;
  }
  const prefix = storedPrefix(type);
  if (!json.startsWith(prefix)) {
    return JSON.stringify(
      presentObject(type, JSON.parse(json) as KubeObject, version),
    );
  }
  return `{"kind":${JSON.stringify(type.kind)},"apiVersion":${JSON.stringify(
    groupVersion(type.group, version),
  )}${json.slice(prefix.length)}`;
}

/** The object as read at `version`. */
export function presentObject(
  type: ResourceType,
  obj: KubeObject,
  version: string,
): KubeObject {
  if (version === type.storageVersion) {
    return obj;
  }
  return { ...obj, apiVersion: groupVersion(type.group, version) };
}

function storedPrefix(type: ResourceType) {
  return `{"kind":${JSON.stringify(type.kind)},"apiVersion":${JSON.stringify(
    groupVersion(type.group, type.storageVersion),
  )}`;
}
