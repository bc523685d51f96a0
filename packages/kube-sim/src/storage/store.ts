import { ApiError } from '../errors';
import { Selector, isEmptySelector, matchesSelector } from './selectors';
import { KubeObject, ResourceType, resourceKey } from '../types';
import { entryBytes } from './entryBytes';

/** One stored version of an object. Never modified once stored. */
export interface StoredEntry {
  readonly obj: KubeObject;
  readonly rv: number;
  /** The object serialized once, shared by every reply and watch event. */
  readonly json: string;
}

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A write, published to watchers. Every write has its own resourceVersion. */
export interface StoreEvent {
  readonly type: StoreEventType;
  readonly rv: number;
  readonly resource: ResourceType;
  readonly namespace: string;
  /** The object after the write; for DELETED, its last state carrying the deletion's resourceVersion. */
  readonly entry: StoredEntry;
  /** The object before the write, for MODIFIED and DELETED. */
  readonly prev?: StoredEntry;
}

/** A name slot; updates replace `entry`, so sorted slot arrays stay valid across updates. */
interface Slot {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  entry: StoredEntry;
}

/** Where a dependent object lives, for cascading deletes. */
export interface DependentRef {
  resource: ResourceType;
  namespace: string;
  name: string;
}

/** One page of a list. */
export interface ListPage {
  entries: StoredEntry[];
  /** The sort key of the last entry returned, when more may follow. */
  continueKey?: string;
  /** Objects after this page, given only for unfiltered lists, as Kubernetes does. */
  remainingItemCount?: number;
}

export interface ListOptions {
  namespace?: string;
  selector?: Selector;
  limit?: number;
  /** Start after this sort key (from a previous page's `continueKey`). */
  after?: string;
}

const ALL_NAMESPACES = '\u0000all';

/** Sort key: `namespace/name`, the order etcd keeps objects in. */
function slotKey(namespace: string, name: string) {
  return `${namespace}/${name}`;
}

class Bucket {
  constructor(public type: ResourceType) {}

  readonly byNamespace = new Map<string, Map<string, Slot>>();
  private readonly sorted = new Map<string, Slot[]>();
  size = 0;

  get(namespace: string, name: string) {
    return this.byNamespace.get(namespace)?.get(name);
  }

  add(slot: Slot) {
    let names = this.byNamespace.get(slot.namespace);
    if (!names) {
      names = new Map();
      this.byNamespace.set(slot.namespace, names);
    }
    names.set(slot.name, slot);
    this.size++;
    this.sorted.clear();
  }

  remove(namespace: string, name: string) {
    const names = this.byNamespace.get(namespace);
    if (names?.delete(name)) {
      if (names.size === 0) {
        this.byNamespace.delete(namespace);
      }
      this.size--;
      this.sorted.clear();
    }
  }

  /** Slots in key order, for one namespace or all; cached until the next add or remove. */
  sortedSlots(namespace: string | undefined): Slot[] {
    const cacheKey = namespace ?? ALL_NAMESPACES;
    let slots = this.sorted.get(cacheKey);
    if (!slots) {
      if (namespace === undefined) {
        slots = [];
        for (const names of this.byNamespace.values()) {
          for (const slot of names.values()) {
            slots.push(slot);
          }
        }
      } else {
        slots = [...(this.byNamespace.get(namespace)?.values() ?? [])];
      }
      slots.sort(compareSlots);
      this.sorted.set(cacheKey, slots);
    }
    return slots;
  }
}

/** Orders by key in code-unit order, as etcd orders its keys (not locale order). */
function compareSlots(a: Slot, b: Slot) {
  if (a.key === b.key) {
    return 0;
  }
  return a.key < b.key ? -1 : 1;
}

/** Index of the first slot whose key sorts after `key`. */
function upperBound(slots: Slot[], key: string) {
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (slots[mid].key <= key) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * The in-memory object store: resource → namespace → name, one global resourceVersion
 * counter, and one event per write for the watch hub. It stores what it is given;
 * API semantics (validation, defaults, conflicts) live in `Operations`.
 */
export class ObjectStore {
  private readonly buckets = new Map<string, Bucket>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  /** owner uid → `group/plural|namespace|name` of dependents → where they are. */
  private readonly dependents = new Map<string, Map<string, DependentRef>>();
  private rv: number;

  constructor(options: { initialResourceVersion?: number } = {}) {
    this.rv = options.initialResourceVersion ?? 1;
  }

  /** The resourceVersion of the latest write. */
  get resourceVersion(): number {
    return this.rv;
  }

  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(
    type: ResourceType,
    namespace: string,
    name: string,
  ): StoredEntry | undefined {
    return this.buckets.get(resourceKey(type))?.get(namespace, name)?.entry;
  }

  /** Number of objects of one resource. */
  count(type: ResourceType): number {
    return this.buckets.get(resourceKey(type))?.size ?? 0;
  }

  /**
   * Stores `obj` as the new state of its namespace/name, stamping the next
   * resourceVersion into `obj.metadata`. The object must not be modified afterwards.
   */
  put(type: ResourceType, obj: KubeObject): StoredEntry {
    const namespace = type.namespaced ? obj.metadata.namespace ?? '' : '';
    const name = obj.metadata.name;
    if (!name) {
      throw new ApiError(500, 'store: object without a name');
    }
    const rv = ++this.rv;
    obj.metadata.resourceVersion = String(rv);
    const entry: StoredEntry = { obj, rv, json: JSON.stringify(obj) };
    // Encoded when written, as a real API server's lists cost its own machines, not the
    // reader's: the bench's simulated clusters share two cores with the backend it measures.
    entryBytes(entry);
    const key = resourceKey(type);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(type);
      this.buckets.set(key, bucket);
    }
    bucket.type = type;
    const slot = bucket.get(namespace, name);
    if (slot) {
      const prev = slot.entry;
      slot.entry = entry;
      this.unindexOwners(type, prev.obj);
      this.indexOwners(type, obj);
      this.publish({
        type: 'MODIFIED',
        rv,
        resource: type,
        namespace,
        entry,
        prev,
      });
    } else {
      bucket.add({ key: slotKey(namespace, name), namespace, name, entry });
      this.indexOwners(type, obj);
      this.publish({ type: 'ADDED', rv, resource: type, namespace, entry });
    }
    return entry;
  }

  /** Removes an object; the DELETED event carries its last state at a new resourceVersion. */
  remove(
    type: ResourceType,
    namespace: string,
    name: string,
  ): StoredEntry | undefined {
    const bucket = this.buckets.get(resourceKey(type));
    const slot = bucket?.get(namespace, name);
    if (!bucket || !slot) {
      return undefined;
    }
    bucket.remove(namespace, name);
    const rv = ++this.rv;
    const prev = slot.entry;
    this.unindexOwners(type, prev.obj);
    const obj: KubeObject = {
      ...prev.obj,
      metadata: { ...prev.obj.metadata, resourceVersion: String(rv) },
    };
    const entry: StoredEntry = { obj, rv, json: JSON.stringify(obj) };
    this.publish({
      type: 'DELETED',
      rv,
      resource: type,
      namespace,
      entry,
      prev,
    });
    return entry;
  }

  /** One page of objects in key order, filtered by namespace and selector. */
  list(type: ResourceType, options: ListOptions = {}): ListPage {
    const bucket = this.buckets.get(resourceKey(type));
    if (!bucket) {
      return { entries: [] };
    }
    const slots = bucket.sortedSlots(
      type.namespaced ? options.namespace : undefined,
    );
    const selector = options.selector;
    const filtered = selector !== undefined && !isEmptySelector(selector);
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    let i = options.after === undefined ? 0 : upperBound(slots, options.after);
    const entries: StoredEntry[] = [];
    for (; i < slots.length && entries.length < limit; i++) {
      const entry = slots[i].entry;
      if (!filtered || matchesSelector(entry.obj, selector)) {
        entries.push(entry);
      }
    }
    const page: ListPage = { entries };
    if (i < slots.length) {
      page.continueKey = slots[i - 1].key;
      if (!filtered) {
        page.remainingItemCount = slots.length - i;
      }
    }
    return page;
  }

  /** Objects whose ownerReferences name this uid. */
  dependentsOf(uid: string): DependentRef[] {
    return [...(this.dependents.get(uid)?.values() ?? [])];
  }

  /** Every object of every namespaced resource in one namespace. */
  inNamespace(namespace: string): DependentRef[] {
    const refs: DependentRef[] = [];
    for (const bucket of this.buckets.values()) {
      for (const slot of bucket.byNamespace.get(namespace)?.values() ?? []) {
        if (bucket.type.namespaced) {
          refs.push({ resource: bucket.type, namespace, name: slot.name });
        }
      }
    }
    return refs;
  }

  /** Every object of one resource. */
  allOf(type: ResourceType): DependentRef[] {
    return this.list(type).entries.map(e => ({
      resource: type,
      namespace: type.namespaced ? e.obj.metadata.namespace ?? '' : '',
      name: e.obj.metadata.name as string,
    }));
  }

  private indexOwners(type: ResourceType, obj: KubeObject) {
    const refs = obj.metadata.ownerReferences;
    if (!Array.isArray(refs)) {
      return;
    }
    const namespace = type.namespaced ? obj.metadata.namespace ?? '' : '';
    const name = obj.metadata.name as string;
    for (const ref of refs) {
      if (typeof ref?.uid !== 'string') {
        continue;
      }
      let map = this.dependents.get(ref.uid);
      if (!map) {
        map = new Map();
        this.dependents.set(ref.uid, map);
      }
      map.set(`${resourceKey(type)}|${namespace}|${name}`, {
        resource: type,
        namespace,
        name,
      });
    }
  }

  private unindexOwners(type: ResourceType, obj: KubeObject) {
    const refs = obj.metadata.ownerReferences;
    if (!Array.isArray(refs)) {
      return;
    }
    const namespace = type.namespaced ? obj.metadata.namespace ?? '' : '';
    for (const ref of refs) {
      const map =
        typeof ref?.uid === 'string' ? this.dependents.get(ref.uid) : undefined;
      if (map) {
        map.delete(`${resourceKey(type)}|${namespace}|${obj.metadata.name}`);
        if (map.size === 0) {
          this.dependents.delete(ref.uid);
        }
      }
    }
  }

  private publish(event: StoreEvent) {
    for (const listener of this.listeners) {
      listener(event);
    }
  }
}
