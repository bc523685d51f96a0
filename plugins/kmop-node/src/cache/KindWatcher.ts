import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeClient } from '../client/KubeClient';
import { KubeRequestError } from '../client/KubeRequestError';
import { KubeApiResource, resourcePath } from '../client/discovery';
import { backoffDelay, sleep } from './backoff';
import { errorDetails } from './errorDetails';
import { trimObject } from './trimObject';
import {
  ClusterCacheSettings,
  KindWatcherSink,
  KmopCacheError,
  KubeObject,
} from './types';

/** Options of {@link KindWatcher}. */
export interface KindWatcherOptions {
  client: KubeClient;
  resource: KubeApiResource;
  sink: KindWatcherSink;
  settings: ClusterCacheSettings;
  logger: LoggerService;
  /** Called whenever the watcher's state changes. */
  onStateChange: () => void;
}

interface ListPage {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

/**
 * Keeps one kind of one cluster in the cache: lists it in pages, then watches
 * from the list's resourceVersion. A watch the server ends is reopened from the
 * last resourceVersion seen; 410 Gone starts over with a new list; other errors
 * are retried with exponential backoff and jitter, keeping the last good data
 * (marked stale) meanwhile.
 */
export class KindWatcher {
  private readonly options: KindWatcherOptions;
  private readonly abort = new AbortController();
  private resourceVersion?: string;
  private synced = false;
  private lastError?: KmopCacheError;
  private staleSince?: Date;
  private running?: Promise<void>;

  constructor(options: KindWatcherOptions) {
    this.options = options;
  }

  get key(): string {
    const r = this.options.resource;
    return r.group
      ? `${r.group}/${r.version}/${r.plural}`
      : `${r.version}/${r.plural}`;
  }

  /** `syncing` until the first list succeeds; `error` while the last attempt failed. */
  get state(): {
    state: 'syncing' | 'ready' | 'error';
    error?: KmopCacheError;
    staleSince?: Date;
  } {
    if (this.lastError) {
      return {
        state: 'error',
        error: this.lastError,
        staleSince: this.staleSince,
      };
    }
    return { state: this.synced ? 'ready' : 'syncing' };
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let attempt = 0;
    while (!signal.aborted) {
      try {
        if (!this.resourceVersion) {
          await this.list(signal);
        }
        const started = Date.now();
        await this.watch(signal);
        attempt = 0;
        if (Date.now() - started < 1000) {
          // A server that ends watches at once must not be asked in a tight loop.
          await sleep(this.options.settings.initialBackoffMs, signal);
        }
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof KubeRequestError && error.kind === 'gone') {
          // Our resourceVersion fell out of the server's history: list again.
          this.resourceVersion = undefined;
          continue;
        }
        this.fail(error);
        const delay = backoffDelay(
          attempt++,
          this.options.settings.initialBackoffMs,
          this.options.settings.maxBackoffMs,
        );
        await sleep(delay, signal);
      }
    }
  }

  private async list(signal: AbortSignal): Promise<void> {
    const { client, resource, settings } = this.options;
    const path = resourcePath(resource);
    const objects: KubeObject[] = [];
    let next: string | undefined;
    let version: string | undefined;
    do {
      const page = await client.request<ListPage>({
        path,
        query: { limit: settings.pageSize, continue: next },
        signal,
      });
      if (!page || !Array.isArray(page.items)) {
        throw new KubeRequestError({
          kind: 'malformed',
          path,
          message: `${path} answered with something that is not a list`,
        });
      }
      objects.push(...page.items.map(trimObject));
      next = page.metadata?.continue || undefined;
      version = page.metadata?.resourceVersion;
    } while (next);
    this.options.sink.replaceAll(objects);
    this.resourceVersion = version;
    this.recover();
  }

  private async watch(signal: AbortSignal): Promise<void> {
    const { client, resource, settings } = this.options;
    const timeoutSeconds = Math.max(
      1,
      Math.round(settings.watchTimeoutMs / 1000),
    );
    await client.watch(
      {
        path: resourcePath(resource),
        query: {
          watch: 1,
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds,
        },
      },
      event => {
        const object = event.object as KubeObject;
        const version = object.metadata?.resourceVersion;
        if (version) this.resourceVersion = version;
        if (event.type === 'ADDED' || event.type === 'MODIFIED') {
          this.options.sink.upsert(trimObject(object));
        } else if (event.type === 'DELETED') {
          this.options.sink.remove(object);
        }
        this.recover();
      },
      // A server that stops talking well past its own timeout is a dead connection.
      {
        signal,
        idleTimeoutMs: settings.watchTimeoutMs + settings.requestTimeoutMs,
        // An accepted watch means the cluster answers again, events or not.
        onOpen: () => this.recover(),
      },
    );
  }

  private recover(): void {
    const changed = !this.synced || this.lastError !== undefined;
    this.synced = true;
    this.lastError = undefined;
    this.staleSince = undefined;
    if (changed) this.options.onStateChange();
  }

  private fail(error: unknown): void {
    const details = errorDetails(error, this.key);
    if (!this.lastError) {
      this.options.logger.warn(`KMOP cache: ${details.message}`, {
        resource: this.key,
        kind: details.kind,
        status: details.status,
      });
    }
    this.lastError = details;
    this.staleSince ??= this.synced ? new Date() : undefined;
    this.options.onStateChange();
  }
}
