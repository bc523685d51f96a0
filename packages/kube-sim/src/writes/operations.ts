import { randomUUID } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { admitCustomResource, schemaOfCrd } from '../admission';
import { pruneAndDefault } from '../admission/structural';
import {
  CRD_KEY,
  establishedStatus,
  resourceTypeFromCrd,
} from '../discovery/crds';
import { canonical, decodeObject, timestamp, validateName } from './decode';
import { applyDefaults } from './defaults';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './gc';
import { ApiError } from '../errors';
import { deepEqual } from './json';
import { ManagedWrite, recordManagedWrite } from './managedFields';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { presentObject } from '../storage/present';
import { ResourceRegistry } from '../discovery/registry';
import { Selector } from '../storage/selectors';
import { ObjectStore, StoredEntry } from '../storage/store';
import { WatchHub } from '../storage/watch';
import {
  KubeObject,
  ResourceType,
  isObject,
  parseApiVersion,
  resourceKey,
} from '../types';

/** Options shared by every write. */
export interface WriteOptions {
  /** `dryRun=All`: validate and answer, store nothing. */
  dryRun?: boolean;
  /**
   * Write as a controller would (the simulator's store API and seeds): status is taken
   * as given on create and update, and a stale resourceVersion on create is ignored.
   */
  asController?: boolean;
}

export interface UpdateOptions extends WriteOptions {
  subresource?: 'status';
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface PatchOptions extends UpdateOptions {
  fieldManager?: string;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** The result of a write: the entry as stored (or as it would be, for a dry run). */
export interface WriteResult {
  entry: StoredEntry;
  /** True when a PATCH (apply) created the object. */
  created?: boolean;
  /** False when a DELETE only marked the object (finalizers pending). */
  deleted?: boolean;
}

const NAME_SUFFIX_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix() {
  let s = '';
  for (let i = 0; i < 5; i++) {
    s +=
      NAME_SUFFIX_CHARS[Math.floor(Math.random() * NAME_SUFFIX_CHARS.length)];
  }
  return s;
}

function unstored(obj: KubeObject, rv: number): StoredEntry {
  return { obj, rv, json: JSON.stringify(obj) };
}

/**
 * What `generation` counts changes of: everything but metadata, and but status when
 * status is a subresource (without one, a status change is a change like any other).
 */
function specOf(type: ResourceType, obj: KubeObject) {
  const { metadata: _m, status, apiVersion: _a, kind: _k, ...rest } = obj;
  return type.statusSubresource ? rest : { ...rest, status };
}

function withoutResourceVersion(obj: KubeObject) {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

function namespaceOf(type: ResourceType, obj: KubeObject) {
  return type.namespaced ? obj.metadata.namespace ?? '' : '';
}

/**
 * The API semantics of writes — validation, defaults, conflicts, generation, status
 * subresource, finalizers, cascading deletes, CRD registration — on top of the store.
 * Both the HTTP handlers and the programmatic store API go through here.
 */
export class Operations {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly store: ObjectStore,
    private readonly hub: WatchHub,
  ) {}

  get(type: ResourceType, namespace: string, name: string): StoredEntry {
    const entry = this.store.get(type, namespace, name);
    if (!entry) {
      throw ApiError.notFound(type, name);
    }
    return entry;
  }

  create(
    type: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
    write?: ManagedWrite,
  ): WriteResult {
    const obj = decodeObject(type, body, namespace);
    const meta = obj.metadata;
    if (meta.resourceVersion && !options.asController) {
      throw ApiError.invalid(type, meta.name ?? '', [
        {
          field: 'metadata.resourceVersion',
          message: 'Invalid value: must be empty',
        },
      ]);
    }
    if (!meta.name && meta.generateName) {
      meta.name = `${meta.generateName}${randomSuffix()}`;
    }
    validateName(type, meta.name);
    const name = meta.name as string;
    if (this.store.get(type, namespaceOf(type, obj), name)) {
      throw ApiError.alreadyExists(type, name);
    }
    const now = timestamp();
    meta.uid = randomUUID();
    meta.creationTimestamp = now;
    // A placeholder keeps the field in Kubernetes' order; the store stamps the real value.
    meta.resourceVersion = '0';
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (type.hasGeneration) {
      // A seed or controller write describes an object with a history: its status's
      // observedGeneration is only meaningful against the generation it was written with.
      const seeded = meta.generation;
      meta.generation =
        options.asController &&
        Number.isInteger(seeded) &&
        (seeded as number) > 0
          ? seeded
          : 1;
    } else {
      delete meta.generation;
    }
    if (type.statusSubresource && !options.asController) {
      delete obj.status;
    }
    applyDefaults(type, obj, true);
    this.shape(type, obj);
    const crdType = this.checkCrd(type, obj);
    if (crdType) {
      obj.status = establishedStatus(crdType, now);
    }
    if (write) {
      recordManagedWrite(obj, write);
    }
    const stored = canonical(obj);
    this.admit(type, stored);
    if (options.dryRun) {
      delete stored.metadata.resourceVersion;
      return {
        entry: unstored(stored, this.store.resourceVersion),
        created: true,
      };
    }
    const entry = this.store.put(type, stored);
    if (crdType) {
      this.registry.put(crdType);
    }
    return { entry, created: true };
  }

  update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: UpdateOptions = {},
  ): WriteResult {
    const current = this.get(type, namespace ?? '', name);
    const incoming = decodeObject(type, body, namespace);
    if (
      incoming.metadata.name !== undefined &&
      incoming.metadata.name !== name
    ) {
      throw ApiError.badRequest(
        `the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    incoming.metadata.name = name;
    return this.replace(type, current, incoming, options);
  }

  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    rawBody: string,
    version: string,
    options: PatchOptions = {},
  ): WriteResult {
    const current = this.store.get(type, namespace ?? '', name);
    if (patchType === 'apply') {
      return this.apply(type, namespace, name, current, rawBody, options);
    }
    if (!current) {
      throw ApiError.notFound(type, name);
    }
    let patch: unknown;
    try {
      patch = JSON.parse(rawBody);
    } catch (e) {
      throw ApiError.badRequest(
        `error decoding patch: ${(e as Error).message}`,
      );
    }
    const base = presentObject(type, current.obj, version);
    let patched: unknown;
    if (patchType === 'json') {
      patched = jsonPatch(base, patch);
    } else {
      if (!isObject(patch)) {
        throw ApiError.badRequest('a merge patch must be a JSON object');
      }
      patched =
        patchType === 'merge'
          ? mergePatch(base, patch)
          : strategicMergePatch(base, patch);
    }
    const incoming = decodeObject(type, patched, namespace);
    if (incoming.metadata.name !== name) {
      throw ApiError.invalid(type, name, [
        {
          field: 'metadata.name',
          message: 'Invalid value: field is immutable',
        },
      ]);
    }
    const write: ManagedWrite | undefined = options.fieldManager
      ? {
          manager: options.fieldManager,
          operation: 'Update',
          // A JSON patch is a list of operations, not fields; its fields are not recorded.
          fields: patchType === 'json' ? {} : patch,
          subresource: options.subresource,
        }
      : undefined;
    return this.replace(type, current, incoming, options, write);
  }

  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): WriteResult {
    const current = this.get(type, namespace ?? '', name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.obj.metadata.uid) {
      throw new ApiError(
        409,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.obj.metadata.uid}`,
        'Conflict',
      );
    }
    if (
      pre?.resourceVersion &&
      pre.resourceVersion !== current.obj.metadata.resourceVersion
    ) {
      throw new ApiError(
        409,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.obj.metadata.resourceVersion}`,
        'Conflict',
      );
    }
    if (options.dryRun) {
      return { entry: current, deleted: true };
    }
    const finalizers = [...(current.obj.metadata.finalizers ?? [])];
    // Foreground and Orphan deletions wait for the garbage collector, which does its part
    // and then removes the finalizer, as upstream.
    const policy = options.propagationPolicy;
    let policyFinalizer: string | undefined;
    if (policy === 'Foreground') {
      policyFinalizer = FOREGROUND_FINALIZER;
    } else if (
      policy === 'Orphan' &&
      this.store.dependentsOf(current.obj.metadata.uid ?? '').length > 0
    ) {
      policyFinalizer = ORPHAN_FINALIZER;
    }
    if (policyFinalizer && !finalizers.includes(policyFinalizer)) {
      finalizers.push(policyFinalizer);
    }
    if (finalizers.length > 0) {
      if (
        current.obj.metadata.deletionTimestamp &&
        finalizers.length === (current.obj.metadata.finalizers ?? []).length
      ) {
        return { entry: current, deleted: false };
      }
      const marked = structuredClone(current.obj);
      marked.metadata.finalizers = finalizers;
      if (!marked.metadata.deletionTimestamp) {
        marked.metadata.deletionTimestamp = timestamp();
        marked.metadata.deletionGracePeriodSeconds = 0;
        // The API server counts the start of a graceful deletion as a change of intent.
        if (type.hasGeneration && marked.metadata.generation) {
          marked.metadata.generation += 1;
        }
      }
      return { entry: this.store.put(type, canonical(marked)), deleted: false };
    }
    return {
      entry: this.remove(type, current),
      deleted: true,
    };
  }

  deleteCollection(
    type: ResourceType,
    namespace: string | undefined,
    selector: Selector,
    options: DeleteOptions = {},
  ): StoredEntry[] {
    const page = this.store.list(type, { namespace, selector });
    return page.entries.map(
      e =>
        this.delete(
          type,
          e.obj.metadata.namespace,
          e.obj.metadata.name as string,
          options,
        ).entry,
    );
  }

  private apply(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    current: StoredEntry | undefined,
    rawBody: string,
    options: PatchOptions,
  ): WriteResult {
    if (!options.fieldManager) {
      throw new ApiError(
        422,
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        'Invalid',
      );
    }
    let applied: unknown;
    try {
      applied = parseYaml(rawBody);
    } catch (e) {
      throw ApiError.badRequest(`error decoding YAML: ${(e as Error).message}`);
    }
    if (
      !isObject(applied) ||
      applied.apiVersion === undefined ||
      applied.kind === undefined
    ) {
      throw ApiError.badRequest('apply patches must set apiVersion and kind');
    }
    const meta = isObject(applied.metadata) ? applied.metadata : {};
    if (meta.name !== name) {
      throw ApiError.badRequest(
        `the name of the object (${String(
          meta.name ?? '',
        )}) does not match the name on the URL (${name})`,
      );
    }
    const write: ManagedWrite = {
      manager: options.fieldManager,
      operation: 'Apply',
      fields: applied,
      subresource: options.subresource,
    };
    if (!current) {
      if (options.subresource) {
        throw ApiError.notFound(type, name);
      }
      return this.create(type, namespace, applied, options, write);
    }
    // Check the applied configuration itself (apiVersion, kind, namespace) before merging.
    decodeObject(type, applied, namespace);
    const { version } = parseApiVersion(String(applied.apiVersion));
    const base = presentObject(type, current.obj, version);
    const incoming = decodeObject(type, mergePatch(base, applied), namespace);
    return this.replace(type, current, incoming, options, write);
  }

  /** Replaces `current` with `incoming` under the update rules; a no-op writes nothing. */
  private replace(
    type: ResourceType,
    current: StoredEntry,
    incoming: KubeObject,
    options: UpdateOptions,
    write?: ManagedWrite,
  ): WriteResult {
    const old = current.obj;
    const rv = incoming.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) {
      throw ApiError.conflict(type, old.metadata.name as string);
    }
    if (incoming.metadata.uid && incoming.metadata.uid !== old.metadata.uid) {
      throw new ApiError(
        409,
        `Precondition failed: UID in precondition: ${incoming.metadata.uid}, UID in object meta: ${old.metadata.uid}`,
        'Conflict',
      );
    }
    let next: KubeObject;
    if (options.subresource === 'status') {
      next = structuredClone(old);
      if (incoming.status === undefined) {
        delete next.status;
      } else {
        next.status = incoming.status;
      }
    } else {
      next = incoming;
      const meta = next.metadata;
      meta.uid = old.metadata.uid;
      meta.creationTimestamp = old.metadata.creationTimestamp;
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      if (type.statusSubresource && !options.asController) {
        if (old.status === undefined) {
          delete next.status;
        } else {
          next.status = structuredClone(old.status);
        }
      }
      if (type.hasGeneration) {
        const generation = old.metadata.generation ?? 1;
        meta.generation = deepEqual(specOf(type, old), specOf(type, next))
          ? generation
          : generation + 1;
      } else {
        delete meta.generation;
      }
      applyDefaults(type, next, false);
    }
    this.shape(type, next);
    const crdType = this.checkCrd(type, next);
    if (crdType) {
      next.status = establishedStatus(crdType, timestamp());
    }
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    next = canonical(next);
    // An update that leaves managedFields out keeps them, as the API server does.
    if (
      next.metadata.managedFields === undefined &&
      old.metadata.managedFields !== undefined
    ) {
      next.metadata.managedFields = old.metadata.managedFields;
    }
    if (deepEqual(withoutResourceVersion(next), withoutResourceVersion(old))) {
      return { entry: current };
    }
    if (write) {
      recordManagedWrite(next, write);
    }
    this.admit(type, next, old);
    const finalizers = next.metadata.finalizers;
    const released =
      next.metadata.deletionTimestamp &&
      (!Array.isArray(finalizers) || finalizers.length === 0);
    if (options.dryRun) {
      return { entry: unstored(next, current.rv) };
    }
    if (released) {
      this.store.put(type, next);
      return {
        entry: this.remove(
          type,
          this.get(type, namespaceOf(type, next), next.metadata.name as string),
        ),
      };
    }
    const entry = this.store.put(type, next);
    if (crdType) {
      this.reRegister(old, crdType);
    }
    return { entry };
  }

  /** The structural schema of a custom resource's CRD, at the storage version. */
  private schemaOf(type: ResourceType) {
    if (!type.crdName) {
      return undefined;
    }
    const crdType = this.registry.findByKey(CRD_KEY);
    const crd = crdType && this.store.get(crdType, '', type.crdName)?.obj;
    return schemaOfCrd(crd, type.storageVersion);
  }

  /** Prunes a custom resource's undeclared fields and fills its schema defaults. */
  private shape(type: ResourceType, obj: KubeObject) {
    const schema = this.schemaOf(type);
    if (schema) {
      pruneAndDefault(schema, obj);
    }
  }

  /** Refuses a custom resource its CRD's schema and rules do not allow (422). */
  private admit(type: ResourceType, obj: KubeObject, old?: KubeObject) {
    admitCustomResource(type, this.schemaOf(type), obj, old);
  }

  /** For a CRD write, validates the definition and returns the resource it defines. */
  private checkCrd(
    type: ResourceType,
    obj: KubeObject,
  ): ResourceType | undefined {
    if (resourceKey(type) !== CRD_KEY) {
      return undefined;
    }
    return resourceTypeFromCrd(obj, this.registry);
  }

  private reRegister(oldCrd: KubeObject, next: ResourceType) {
    const previous = this.registry
      .all()
      .find(t => t.crdName === oldCrd.metadata.name);
    if (previous && resourceKey(previous) !== resourceKey(next)) {
      this.dropResource(previous);
    }
    this.registry.put(next);
  }

  /**
   * Removes an object, and what goes with it at once: a CRD's objects, a Namespace's
   * contents. Dependents by owner reference are the garbage collector's, in the background.
   */
  private remove(type: ResourceType, current: StoredEntry): StoredEntry {
    const namespace = namespaceOf(type, current.obj);
    const name = current.obj.metadata.name as string;
    const removed = this.store.remove(type, namespace, name) as StoredEntry;
    if (resourceKey(type) === CRD_KEY) {
      const defined = this.registry.all().find(t => t.crdName === name);
      if (defined) {
        this.dropResource(defined);
      }
    } else if (resourceKey(type) === '/namespaces') {
      for (const ref of this.store.inNamespace(name)) {
        const entry = this.store.get(ref.resource, ref.namespace, ref.name);
        if (entry) {
          this.remove(ref.resource, entry);
        }
      }
    }
    return removed;
  }

  /** A CRD went away: its objects are deleted, its watches end, it leaves discovery. */
  private dropResource(type: ResourceType) {
    for (const ref of this.store.allOf(type)) {
      this.store.remove(type, ref.namespace, ref.name);
    }
    this.hub.endAll(type);
    this.registry.remove(type);
  }
}
