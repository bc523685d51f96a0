import { ApiError } from '../errors';
import { present } from './present';
import { Selector, isEmptySelector, matchesSelector } from './selectors';
import { StoreEvent, StoreEventType, StoredEntry } from './store';
import { KubeObject, ResourceType, resourceKey } from '../types';

/** What one watcher asked for. */
export interface WatchRequest {
  resource: ResourceType;
  /** The version the watcher reads objects at (rewrites `apiVersion`). */
  version: string;
  namespace?: string;
  selector: Selector;
}

/** A subscribed watcher: `send` gets complete event lines, `end` closes the stream. */
export interface Watcher extends WatchRequest {
  send(line: string): void;
  end(): void;
  /** Ends the stream after `ms` unless it ends earlier. */
  endAfter(ms: number): void;
}

const lineCache = new WeakMap<StoreEvent, Map<string, string>>();

/** `{"type":…,"object":…}\n`, serialized once per event, type and version. */
export function eventLine(type: string, objectJson: string) {
  return `{"type":"${type}","object":${objectJson}}\n`;
}

function withResourceVersion(entry: StoredEntry, rv: number): string {
  const obj: KubeObject = {
    ...entry.obj,
    metadata: { ...entry.obj.metadata, resourceVersion: String(rv) },
  };
  return JSON.stringify(obj);
}

/**
 * The line a watcher receives for an event, or undefined when the event does not concern
 * it. Like the Kubernetes watch cache, an object that stops matching a selector arrives
 * as DELETED (its previous state) and one that starts matching as ADDED.
 */
function lineFor(watcher: WatchRequest, event: StoreEvent): string | undefined {
  if (
    watcher.namespace !== undefined &&
    event.namespace !== watcher.namespace
  ) {
    return undefined;
  }
  let type: StoreEventType = event.type;
  let usePrevious = false;
  if (!isEmptySelector(watcher.selector)) {
    const now = matchesSelector(event.entry.obj, watcher.selector);
    const before =
      event.prev !== undefined &&
      matchesSelector(event.prev.obj, watcher.selector);
    if (event.type === 'MODIFIED') {
      if (now && !before) {
        type = 'ADDED';
      } else if (!now && before) {
        type = 'DELETED';
        usePrevious = true;
      } else if (!now) {
        return undefined;
      }
    } else if (!now) {
      return undefined;
    }
  }
  const cacheKey = `${type}|${watcher.version}|${usePrevious}`;
  let cache = lineCache.get(event);
  const cached = cache?.get(cacheKey);
  if (cached !== undefined) {
    return cached;
  }
  const json = usePrevious
    ? withResourceVersion(event.prev as StoredEntry, event.rv)
    : event.entry.json;
  const line = eventLine(type, present(event.resource, json, watcher.version));
  if (!cache) {
    cache = new Map();
    lineCache.set(event, cache);
  }
  cache.set(cacheKey, line);
  return line;
}

/**
 * Fans every store event out to the watchers of its resource and keeps a bounded
 * history, so a watch can start from any resourceVersion still in it; older ones get
 * 410 Expired, as when etcd has compacted.
 */
export class WatchHub {
  private readonly history: Array<StoreEvent | undefined>;
  private next = 0;
  private count = 0;
  private compactedRv: number;
  private readonly watchers = new Map<string, Set<Watcher>>();

  constructor(historySize: number, startRv: number) {
    if (!Number.isInteger(historySize) || historySize < 1) {
      throw new Error(
        `historySize must be a positive integer, got ${historySize}`,
      );
    }
    this.history = new Array(historySize);
    this.compactedRv = startRv;
  }

  /** The oldest resourceVersion a watch can still start from. */
  get oldestResourceVersion() {
    return this.compactedRv;
  }

  /** Number of open watches. */
  get size() {
    let n = 0;
    this.watchers.forEach(set => (n += set.size));
    return n;
  }

  publish(event: StoreEvent) {
    const size = this.history.length;
    if (this.count === size) {
      const dropped = this.history[this.next] as StoreEvent;
      this.compactedRv = dropped.rv;
    } else {
      this.count++;
    }
    this.history[this.next] = event;
    this.next = (this.next + 1) % size;
    const set = this.watchers.get(resourceKey(event.resource));
    if (set) {
      for (const watcher of set) {
        const line = lineFor(watcher, event);
        if (line !== undefined) {
          watcher.send(line);
        }
      }
    }
  }

  /** Throws 410 Expired if events after `fromRv` are no longer all in the history. */
  checkNotExpired(fromRv: number) {
    if (fromRv < this.compactedRv) {
      throw ApiError.expired(
        `too old resource version: ${fromRv} (${this.compactedRv + 1})`,
      );
    }
  }

  /**
   * Subscribes a watcher; when `fromRv` is given, first replays the retained events
   * after it. Throws 410 Expired if that part of the history is gone.
   */
  subscribe(watcher: Watcher, fromRv?: number): () => void {
    if (fromRv !== undefined) {
      this.checkNotExpired(fromRv);
      const key = resourceKey(watcher.resource);
      const size = this.history.length;
      const oldest = (this.next - this.count + size) % size;
      for (let i = 0; i < this.count; i++) {
        const event = this.history[(oldest + i) % size] as StoreEvent;
        if (event.rv > fromRv && resourceKey(event.resource) === key) {
          const line = lineFor(watcher, event);
          if (line !== undefined) {
            watcher.send(line);
          }
        }
      }
    }
    const key = resourceKey(watcher.resource);
    let set = this.watchers.get(key);
    if (!set) {
      set = new Set();
      this.watchers.set(key, set);
    }
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (set.size === 0 && this.watchers.get(key) === set) {
        this.watchers.delete(key);
      }
    };
  }

  /** Every open watch. */
  all(): Watcher[] {
    return [...this.watchers.values()].flatMap(set => [...set]);
  }

  /** Ends every open watch, or those of one resource. */
  endAll(resource?: ResourceType) {
    const sets = resource
      ? [this.watchers.get(resourceKey(resource)) ?? new Set<Watcher>()]
      : [...this.watchers.values()];
    for (const set of sets) {
      for (const watcher of [...set]) {
        watcher.end();
      }
    }
  }
}
