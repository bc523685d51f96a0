/** A JSON value as stored and served by the simulator. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** An owner reference, as in `metadata.ownerReferences`. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The standard object metadata the simulator reads and maintains. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  [key: string]: unknown;
}

/** Any Kubernetes object: apiVersion, kind, metadata and free-form fields. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** Identifies one object by the apiVersion and kind written in its manifest. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** One served resource (a REST collection), built-in or from a CRD. */
export interface ResourceType {
  group: string;
  /** Served versions, the storage version first. */
  versions: string[];
  storageVersion: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  /** Whether `/status` is a subresource; main-resource writes then keep the stored status. */
  statusSubresource: boolean;
  /** Whether `metadata.generation` is maintained. */
  hasGeneration: boolean;
  /** Whether DELETE answers with the deleted object rather than a Success Status. */
  returnDeletedObject: boolean;
  /** The CRD that defines this resource, if any. */
  crdName?: string;
}

/** `group/plural`: the identity of a resource, independent of its version. */
export function resourceKey(type: Pick<ResourceType, 'group' | 'plural'>) {
  return `${type.group}/${type.plural}`;
}

/** `apps/v1` for a group, `v1` for the core group. */
export function groupVersion(group: string, version: string) {
  return group ? `${group}/${version}` : version;
}

/** Splits `apps/v1` into group and version; `v1` is the core group. */
export function parseApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) {
    return { group: '', version: apiVersion };
  }
  return {
    group: apiVersion.slice(0, slash),
    version: apiVersion.slice(slash + 1),
  };
}

/** `deployments.apps`, or `configmaps` for the core group, as Kubernetes names resources in messages. */
export function qualifiedResource(
  type: Pick<ResourceType, 'group' | 'plural'>,
) {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/** Narrows an unknown value to a plain JSON-like object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
