import { ApiError } from '../errors';
import { Operations } from './operations';
import { presentObject } from '../storage/present';
import { ResourceRegistry } from '../discovery/registry';
import { parseSelector } from '../storage/selectors';
import { ObjectStore, StoredEntry } from '../storage/store';
import { KubeObject, ObjectRef, ResourceType, parseApiVersion } from '../types';

/**
 * Direct access to the simulated cluster's objects for tests and scripts. Writes go
 * through the same code path as API requests — watches see them, resourceVersions and
 * generations move — but as a controller would write: `status` is kept as given.
 * Objects returned are copies. Failures throw `ApiError` (with `code` and `reason`).
 */
export interface SimStore {
  /** The object, or undefined. */
  get(ref: ObjectRef): KubeObject | undefined;
  /** Objects of one kind, in key order; all namespaces unless one is given; the first `limit`. */
  list(
    apiVersion: string,
    kind: string,
    options?: { namespace?: string; labelSelector?: string; limit?: number },
  ): KubeObject[];
  /** Creates an object (409 AlreadyExists if present). Namespaced kinds default to `default`. */
  create(obj: KubeObject): KubeObject;
  /** Replaces an object; a `metadata.resourceVersion` in `obj` must be current (else 409 Conflict). */
  update(obj: KubeObject): KubeObject;
  /** Creates the object, or replaces it whatever its resourceVersion. */
  upsert(obj: KubeObject): KubeObject;
  /** Applies a JSON merge patch (status included). */
  patch(ref: ObjectRef, patch: Record<string, unknown>): KubeObject;
  /** Replaces only `status`, through the status subresource. */
  updateStatus(ref: ObjectRef, status: unknown): KubeObject;
  /** Deletes an object (finalizers and cascades as over the API); undefined if absent. */
  delete(ref: ObjectRef): KubeObject | undefined;
  /** The latest resourceVersion. */
  readonly resourceVersion: string;
}

function copy(entry: StoredEntry): KubeObject {
  return JSON.parse(entry.json) as KubeObject;
}

/** Builds the store API over the simulator's operations. */
export function createSimStore(
  registry: ResourceRegistry,
  store: ObjectStore,
  ops: Operations,
): SimStore {
  const resolve = (
    apiVersion: string,
    kind: string,
  ): { type: ResourceType; version: string } => {
    const { group, version } = parseApiVersion(apiVersion);
    const type = registry.findByKind(group, version, kind);
    if (!type) {
      throw new ApiError(
        404,
        `no resource for apiVersion ${apiVersion} kind ${kind}; built-in kinds and served CRDs only`,
        'NotFound',
      );
    }
    return { type, version };
  };
  const namespaceOf = (type: ResourceType, namespace: string | undefined) =>
    type.namespaced ? namespace || 'default' : undefined;
  const asRead = (type: ResourceType, version: string, entry: StoredEntry) =>
    presentObject(type, copy(entry), version);
  const controller = { asController: true };

  return {
    get(ref) {
      const { type, version } = resolve(ref.apiVersion, ref.kind);
      const entry = store.get(
        type,
        namespaceOf(type, ref.namespace) ?? '',
        ref.name,
      );
      return entry && asRead(type, version, entry);
    },
    list(apiVersion, kind, options = {}) {
      const { type, version } = resolve(apiVersion, kind);
      const selector = parseSelector(options.labelSelector);
      return store
        .list(type, {
          namespace: options.namespace,
          selector,
          limit: options.limit,
        })
        .entries.map(e => asRead(type, version, e));
    },
    create(obj) {
      const { type, version } = resolve(obj.apiVersion, obj.kind);
      return asRead(
        type,
        version,
        ops.create(
          type,
          namespaceOf(type, obj.metadata?.namespace),
          obj,
          controller,
        ).entry,
      );
    },
    update(obj) {
      const { type, version } = resolve(obj.apiVersion, obj.kind);
      const ns = namespaceOf(type, obj.metadata?.namespace);
      return asRead(
        type,
        version,
        ops.update(type, ns, obj.metadata?.name ?? '', obj, controller).entry,
      );
    },
    upsert(obj) {
      const { type, version } = resolve(obj.apiVersion, obj.kind);
      const ns = namespaceOf(type, obj.metadata?.namespace);
      const name = obj.metadata?.name ?? '';
      if (!store.get(type, ns ?? '', name)) {
        return asRead(
          type,
          version,
          ops.create(type, ns, obj, controller).entry,
        );
      }
      const { resourceVersion: _rv, ...metadata } = obj.metadata;
      return asRead(
        type,
        version,
        ops.update(type, ns, name, { ...obj, metadata }, controller).entry,
      );
    },
    patch(ref, patch) {
      const { type, version } = resolve(ref.apiVersion, ref.kind);
      const ns = namespaceOf(type, ref.namespace);
      return asRead(
        type,
        version,
        ops.patch(
          type,
          ns,
          ref.name,
          'merge',
          JSON.stringify(patch),
          version,
          controller,
        ).entry,
      );
    },
    updateStatus(ref, status) {
      const { type, version } = resolve(ref.apiVersion, ref.kind);
      const ns = namespaceOf(type, ref.namespace);
      const current = ops.get(type, ns ?? '', ref.name);
      const body = { ...current.obj, status };
      return asRead(
        type,
        version,
        ops.update(type, ns, ref.name, body, {
          ...controller,
          subresource: 'status',
        }).entry,
      );
    },
    delete(ref) {
      const { type, version } = resolve(ref.apiVersion, ref.kind);
      const ns = namespaceOf(type, ref.namespace);
      if (!store.get(type, ns ?? '', ref.name)) {
        return undefined;
      }
      return asRead(type, version, ops.delete(type, ns, ref.name).entry);
    },
    get resourceVersion() {
      return String(store.resourceVersion);
    },
  };
}
