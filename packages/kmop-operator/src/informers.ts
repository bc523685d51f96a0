import {
  Informer,
  KubeConfig,
  ObjectCache,
  makeInformer,
} from '@kubernetes/client-node';
import { KubeClient, describeError, statusCodeOf } from './kube';
import { Logger } from './log';
import { WatchedResource, collectionPath, typeKey } from './resources';
import { KubeObject } from './types';

/** Where a kind's informer stands: listing, in sync, not served (no CRD), or failing. */
export type InformerState = 'starting' | 'synced' | 'missing' | 'failing';

/** What a change to a watched object is. */
export type ChangeType = 'add' | 'update' | 'delete';

/** Options of {@link Informers}. */
export interface InformersOptions {
  kubeConfig: KubeConfig;
  client: KubeClient;
  resources: readonly WatchedResource[];
  log: Logger;
  /** Told of every change to a watched object. */
  onChange: (
    resource: WatchedResource,
    change: ChangeType,
    obj: KubeObject,
  ) => void;
  /** Told when a kind's list succeeds (at start, after a CRD is installed, after a relist). */
  onSynced: (resource: WatchedResource) => void;
  /** First delay before restarting a failed list/watch; doubled up to 30 s. */
  retryMs?: number;
}

interface Entry {
  resource: WatchedResource;
  informer: Informer<KubeObject> & ObjectCache<KubeObject>;
  state: InformerState;
  failures: number;
  timer?: NodeJS.Timeout;
  firstOutcome: Promise<void>;
  settle: () => void;
}

/**
 * One list-watch informer (client-node's `makeInformer`) per watched kind, restarted with
 * backoff when its watch fails. A kind whose CRD is not installed is `missing` and keeps
 * being retried, so installing the CRD later brings it in without a restart.
 */
export class Informers {
  private readonly options: InformersOptions;
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(options: InformersOptions) {
    this.options = options;
    for (const resource of options.resources) {
      this.entries.set(
        typeKey(resource.apiVersion, resource.kind),
        this.create(resource),
      );
    }
  }

  private create(resource: WatchedResource): Entry {
    const { client, kubeConfig, log } = this.options;
    let settle = () => {};
    const firstOutcome = new Promise<void>(resolve => {
      settle = resolve;
    });
    const entry = {
      resource,
      state: 'starting',
      failures: 0,
      firstOutcome,
      settle,
    } as Entry;
    const listFn = async () => {
      const list = await client.list(resource);
      entry.failures = 0;
      if (entry.state !== 'synced') {
        log.info('watching', {
          kind: resource.kind,
          apiVersion: resource.apiVersion,
        });
      }
      entry.state = 'synced';
      // The informer fills its cache right after this resolves; tell once it has.
      setImmediate(() => {
        entry.settle();
        if (!this.stopped) this.options.onSynced(resource);
      });
      return list;
    };
    entry.informer = makeInformer<KubeObject>(
      kubeConfig,
      collectionPath(resource),
      listFn,
    );
    for (const change of ['add', 'update', 'delete'] as const) {
      entry.informer.on(change, obj => {
        // The informer calls back with the object it caches. Nothing the operator does reads
        // managedFields, which can be as large as the object itself: dropped, as
        // controller-runtime's TransformStripManagedFields does.
        delete obj.metadata.managedFields;
        if (!this.stopped) this.options.onChange(resource, change, obj);
      });
    }
    entry.informer.on('error', error => this.failed(entry, error));
    return entry;
  }

  private failed(entry: Entry, error: unknown) {
    if (this.stopped) return;
    const missing = statusCodeOf(error) === 404;
    if (entry.state !== (missing ? 'missing' : 'failing')) {
      this.options.log[missing ? 'info' : 'warn'](
        missing ? 'kind not served; will retry' : 'watch failed; will retry',
        {
          kind: entry.resource.kind,
          apiVersion: entry.resource.apiVersion,
          error: describeError(error),
        },
      );
    }
    // A watch that broke after a good list keeps its cache; a kind never listed has none.
    if (entry.state !== 'synced' || missing) {
      entry.state = missing ? 'missing' : 'failing';
    }
    entry.settle();
    entry.failures += 1;
    const delay = Math.min(
      (this.options.retryMs ?? 500) * 2 ** Math.min(entry.failures - 1, 10),
      30_000,
    );
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (!this.stopped)
        void entry.informer.start().catch(e => this.failed(entry, e));
    }, delay);
    entry.timer.unref();
  }

  /** Starts every informer; resolves when each has listed once or failed once. */
  async start(): Promise<void> {
    for (const entry of this.entries.values()) {
      void entry.informer.start().catch(e => this.failed(entry, e));
    }
    await Promise.all([...this.entries.values()].map(e => e.firstOutcome));
  }

  /** Stops every informer and retry. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries.values()) {
      clearTimeout(entry.timer);
      await entry.informer.stop();
    }
  }

  /** The state of a kind's informer; undefined for a kind not watched. */
  state(apiVersion: string, kind: string): InformerState | undefined {
    return this.entries.get(typeKey(apiVersion, kind))?.state;
  }

  /** True when every informer has listed at least once or knows its kind is not served. */
  get settled(): boolean {
    return [...this.entries.values()].every(e => e.state !== 'starting');
  }

  /** Objects of a kind in a namespace, from the cache. */
  list(
    apiVersion: string,
    kind: string,
    namespace?: string,
  ): readonly KubeObject[] {
    return (
      this.entries.get(typeKey(apiVersion, kind))?.informer.list(namespace) ??
      []
    );
  }

  /** One object from the cache. */
  get(
    apiVersion: string,
    kind: string,
    namespace: string,
    name: string,
  ): KubeObject | undefined {
    return this.entries
      .get(typeKey(apiVersion, kind))
      ?.informer.get(name, namespace);
  }
}
