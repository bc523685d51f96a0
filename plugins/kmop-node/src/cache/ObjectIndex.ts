import {
  KmopEntityTarget,
  KmopResilienceView,
  KmopRolloutView,
  KmopRouteView,
  KmopSloView,
  matchesLabelSelector,
  parseLabelSelector,
} from '@kmop/plugin-kmop-common';
import { LabelIndex } from './LabelIndex';
import { ResourceKeyedIndex, addTo, removeFrom } from './ResourceKeyedIndex';
import { Held, TextLater } from './TextLater';
import { KubeObject } from './types';

/**
 * The view items of one object, or of all objects an entity matched.
 *
 * @public
 */
export interface KmopItems {
  routes: KmopRouteView[];
  slos: KmopSloView[];
  rollouts: KmopRolloutView[];
  resilience: KmopResilienceView[];
}

/** Turns one cached object into view items. */
export type ObjectNormalizer = (
  object: KubeObject,
  cluster: string,
) => KmopItems;

/**
 * Where an indexed object sits: everything that decides which entities it
 * belongs to (see {@link objectBelongsTo}).
 *
 * @public
 */
export interface IndexedObjectPlace {
  cluster: string;
  namespace?: string;
  labels: Record<string, string>;
  serviceRef?: string;
}

/**
 * An object whose view items may have changed: where it was before the change
 * and where it is after it (`before` is missing for a new object, `after` for a
 * removed one). Both matter, since a relabelled object leaves one entity's view
 * and joins another's.
 *
 * @public
 */
export interface IndexedObjectChange {
  before?: IndexedObjectPlace;
  after?: IndexedObjectPlace;
}

/** @public */
export type IndexedObjectListener = (change: IndexedObjectChange) => void;

/** Options of {@link ObjectIndex}. */
export interface ObjectIndexOptions {
  normalize: ObjectNormalizer;
  /** What of an object `normalize` reads, kept until its first lookup; all of it when left out. */
  fieldsToNormalize?: (object: KubeObject) => KubeObject;
}

/** What `normalize` reads of the object is held (see {@link TextLater}) until its items are made. */
interface Entry extends IndexedObjectPlace, Held {
  /** Skips indexing again an object a re-list gives back unchanged. */
  resourceVersion?: string;
  /** Its view items, made on the first lookup that reaches it. */
  items?: KmopItems;
}

const NAME_LABEL = 'app.kubernetes.io/name';

/**
 * Every cached object's view items, indexed by label, serviceRef and resource,
 * so that finding an entity's items reads a few index entries and never scans
 * the cache or calls a cluster. An object is normalized when a lookup first
 * reaches it, not when it arrives: a first list of tens of thousands of objects
 * is then only parsed and indexed (normalizing all of them was most of a cold
 * start), and most objects are never shown. Until then only the fields the
 * normalizers read are kept, as JSON text once the objects stop coming (smaller
 * than the parsed object and than its items); dropped once normalized.
 */
export class ObjectIndex extends ResourceKeyedIndex {
  private readonly normalize: ObjectNormalizer;
  private readonly fieldsToNormalize: (object: KubeObject) => KubeObject;
  private readonly entries = new Map<string, Entry>();
  private readonly byLabel = new LabelIndex();
  private readonly byServiceRef = new Map<string, Set<string>>();
  private readonly listeners = new Set<IndexedObjectListener>();
  private readonly text = new TextLater();

  constructor(options: ObjectIndexOptions) {
    super();
    this.normalize = options.normalize;
    this.fieldsToNormalize = options.fieldsToNormalize ?? (object => object);
  }

  /** Stops writing held fields as text (the cache stopped). */
  stop(): void {
    this.text.stop();
  }

  /** Number of cached objects. */
  get size(): number {
    return this.entries.size;
  }

  /** Calls `listener` for every object that came, went or changed; returns the unsubscribe. */
  subscribe(listener: IndexedObjectListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The items of every object that belongs to the target. */
  lookup(target: KmopEntityTarget): KmopItems {
    const candidates = new Set<string>();
    const addAll = (keys?: Set<string>) =>
      keys?.forEach(k => candidates.add(k));
    if (target.serviceName) {
      addAll(this.byServiceRef.get(target.serviceName));
      addAll(this.byLabel.get(NAME_LABEL, target.serviceName));
    }
    const selector = target.labelSelector
      ? parseLabelSelector(target.labelSelector)
      : undefined;
    if (selector) {
      for (const key of this.selectorCandidates(selector)) candidates.add(key);
    }
    const result: KmopItems = {
      routes: [],
      slos: [],
      rollouts: [],
      resilience: [],
    };
    for (const key of candidates) {
      const entry = this.entries.get(key);
      if (!entry || !objectBelongsTo(target, entry, selector)) continue;
      const items = this.itemsOf(entry);
      result.routes.push(...items.routes);
      result.slos.push(...items.slos);
      result.rollouts.push(...items.rollouts);
      result.resilience.push(...items.resilience);
    }
    for (const list of Object.values(result)) {
      (list as { id: string }[]).sort((a, b) => a.id.localeCompare(b.id));
    }
    return result;
  }

  private itemsOf(entry: Entry): KmopItems {
    if (!entry.items) {
      entry.items = this.normalize(
        this.text.take(entry) as KubeObject,
        entry.cluster,
      );
    }
    return entry.items;
  }

  // The equality terms of a selector narrow it to one label index entry; a
  // selector with none (only `!x`, `x notin (…)`) has to look at every object.
  private selectorCandidates(
    selector: ReturnType<typeof parseLabelSelector>,
  ): Iterable<string> {
    let best: Set<string> | undefined;
    for (const requirement of selector) {
      if (requirement.operator !== 'In' && requirement.operator !== 'Equals') {
        continue;
      }
      const keys = new Set<string>();
      for (const value of requirement.values) {
        this.byLabel.get(requirement.key, value)?.forEach(k => keys.add(k));
      }
      if (!best || keys.size < best.size) best = keys;
    }
    return best ?? this.entries.keys();
  }

  protected put(
    resourceKey: string,
    key: string,
    cluster: string,
    object: KubeObject,
  ) {
    const before = this.entries.get(key);
    const resourceVersion = object.metadata?.resourceVersion;
    // A re-list (start, 410 Gone) gives back mostly unchanged objects.
    if (resourceVersion && before?.resourceVersion === resourceVersion) return;
    this.unindex(resourceKey, key);
    // The object's own labels, not a copy: a changed object arrives as a new
    // object, and a copy per object was a tenth of the index's heap.
    const labels = object.metadata?.labels ?? {};
    const spec = object.spec as Record<string, unknown> | undefined;
    const serviceRef =
      spec && typeof spec.serviceRef === 'string' ? spec.serviceRef : undefined;
    const entry: Entry = {
      cluster,
      namespace: object.metadata?.namespace,
      labels,
      serviceRef,
      resourceVersion,
    };
    this.text.hold(entry, this.fieldsToNormalize(object));
    this.entries.set(key, entry);
    addTo(this.byResource, resourceKey, key);
    this.byLabel.add(labels, key);
    if (serviceRef) addTo(this.byServiceRef, serviceRef, key);
    this.emit({ before, after: entry });
  }

  protected delete(resourceKey: string, key: string) {
    const before = this.unindex(resourceKey, key);
    if (before) this.emit({ before });
  }

  private emit(change: IndexedObjectChange) {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A failing reader must not stop the watch that feeds every other one.
      }
    }
  }

  /** Removes the entry and its index entries; returns what was there. */
  private unindex(resourceKey: string, key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.text.forget(entry);
    this.entries.delete(key);
    removeFrom(this.byResource, resourceKey, key);
    this.byLabel.remove(entry.labels, key);
    if (entry.serviceRef) removeFrom(this.byServiceRef, entry.serviceRef, key);
    return entry;
  }
}

/**
 * Whether an object placed so belongs to the entity with that target: by
 * service name (`spec.serviceRef` or the `app.kubernetes.io/name` label) or by
 * label selector, within the target's cluster and namespace if it names them.
 * Pass the parsed selector when testing many objects against one target.
 *
 * @public
 */
export function objectBelongsTo(
  target: KmopEntityTarget,
  place: IndexedObjectPlace,
  selector:
    | ReturnType<typeof parseLabelSelector>
    | undefined = target.labelSelector
    ? parseLabelSelector(target.labelSelector)
    : undefined,
): boolean {
  if (target.cluster && place.cluster !== target.cluster) return false;
  if (target.namespace && place.namespace !== target.namespace) return false;
  const byName =
    target.serviceName !== undefined &&
    (place.serviceRef === target.serviceName ||
      place.labels[NAME_LABEL] === target.serviceName);
  return (
    byName || Boolean(selector && matchesLabelSelector(place.labels, selector))
  );
}
