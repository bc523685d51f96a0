/** Options of a {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** Reconciles one key; a rejection retries the key after a backoff. */
  handler: (key: string) => Promise<void>;
  /** Keys reconciled at once (never the same key twice). */
  concurrency: number;
  /** First retry delay; doubled per consecutive failure of the key. */
  baseDelayMs: number;
  /** Longest retry delay. */
  maxDelayMs: number;
  /** Told after every change of the number of keys waiting. */
  onDepth?: (depth: number) => void;
  /** Told when a key fails, with the delay before its retry. */
  onError?: (key: string, error: unknown, retryInMs: number) => void;
}

/**
 * A deduplicating work queue with per-key exponential backoff, as client-go's rate-limited
 * queue: a key added while waiting is queued once; a key added while it is being reconciled
 * is queued again after that reconcile ends, so one key is never reconciled twice at once
 * and no change is missed.
 */
export class WorkQueue {
  private readonly options: WorkQueueOptions;
  private readonly waiting: string[] = [];
  private readonly queued = new Set<string>();
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(options: WorkQueueOptions) {
    this.options = options;
  }

  /** Queues `key` for a reconcile. */
  add(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.waiting.push(key);
    this.options.onDepth?.(this.waiting.length);
    this.pump();
  }

  /** Queues `key` after `delayMs`, unless a retry of it is already scheduled sooner. */
  addAfter(key: string, delayMs: number): void {
    if (this.stopped || this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  /** Forgets the failures of `key`, so its next failure waits the base delay. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Keys waiting for a reconcile. */
  get depth(): number {
    return this.waiting.length;
  }

  /** Resolves when nothing waits or runs. */
  idle(): Promise<void> {
    if (this.waiting.length === 0 && this.running.size === 0) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.idleWaiters.push(resolve));
  }

  /** Drops waiting keys and scheduled retries; reconciles under way finish. */
  stop(): void {
    this.stopped = true;
    this.waiting.length = 0;
    this.queued.clear();
    this.dirty.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private pump(): void {
    while (
      this.running.size < this.options.concurrency &&
      this.waiting.length > 0
    ) {
      const key = this.waiting.shift()!;
      this.queued.delete(key);
      this.running.add(key);
      this.options.onDepth?.(this.waiting.length);
      void this.run(key);
    }
    if (this.waiting.length === 0 && this.running.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach(w => w());
    }
  }

  private async run(key: string): Promise<void> {
    try {
      await this.options.handler(key);
      this.failures.delete(key);
    } catch (error) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      const delay = Math.min(
        this.options.baseDelayMs * 2 ** (n - 1),
        this.options.maxDelayMs,
      );
      this.options.onError?.(key, error, delay);
      this.addAfter(key, delay);
    } finally {
      this.running.delete(key);
      if (this.dirty.delete(key)) this.add(key);
      this.pump();
    }
  }
}
