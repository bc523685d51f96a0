/** A resource a fault applies to: API group ('' for core) and plural. */
export interface FaultTarget {
  group: string;
  resource: string;
}

/** Answer a share of requests with an error status. */
export interface ErrorFault {
  /** HTTP status, 400–599. */
  status: number;
  /** Share of matching requests that fail, 0–1. */
  rate: number;
  /** Only requests for this resource; all API requests when absent. */
  target?: FaultTarget;
}

/** How the cluster is down: `refuse` closes the listener, `reset` resets every API connection. */
export type DownMode = 'refuse' | 'reset';

/** A snapshot of every active fault. */
export interface FaultState {
  latencyMs: number;
  errors: ErrorFault[];
  forbidden: FaultTarget[];
  malformed: FaultTarget[];
  /** Every watch ends this long after it starts (or after the fault was set). */
  watchDropAfterMs?: number;
  /** Watch events reach watchers this long after the write. */
  watchLatencyMs?: number;
  down?: DownMode;
}

/** What the server does when a fault needs to act on connections or watches. */
export interface FaultControls {
  /** End open watches now, or after `afterMs`. */
  endWatches(afterMs?: number): void;
  /** Take the listener down in the given way, or bring it back with undefined. */
  setDown(mode: DownMode | undefined): Promise<void>;
}

function checkTarget(target: FaultTarget, field: string) {
  if (
    typeof target?.group !== 'string' ||
    typeof target.resource !== 'string' ||
    !target.resource
  ) {
    throw new TypeError(
      `${field} must be { group: string, resource: string } (group '' is the core group)`,
    );
  }
}

/** Throws a TypeError naming the field if `down()` arguments are invalid. */
export function checkDownOptions(mode: unknown, forMs: unknown) {
  if (mode !== 'refuse' && mode !== 'reset') {
    throw new TypeError(
      `down.mode must be "refuse" or "reset", got ${String(mode)}`,
    );
  }
  if (
    forMs !== undefined &&
    (typeof forMs !== 'number' || !Number.isFinite(forMs) || forMs < 0)
  ) {
    throw new TypeError(
      `down.forMs must be a non-negative number, got ${String(forMs)}`,
    );
  }
}

function sameTarget(a: FaultTarget, group: string, resource: string) {
  return a.group === group && a.resource === resource;
}

/**
 * Injected faults for tests and benchmarks. Each setter validates its input and each
 * kind of fault can be cleared on its own; `clear()` removes them all.
 */
export class Faults {
  private latency = 0;
  private errorFaults: ErrorFault[] = [];
  private forbiddenTargets: FaultTarget[] = [];
  private malformedTargets: FaultTarget[] = [];
  private watchDropMs: number | undefined;
  private watchLag = 0;
  private downMode: DownMode | undefined;
  private upTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly controls: FaultControls,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delay every API request by `ms` milliseconds. */
  setLatency(ms: number) {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new TypeError(`latencyMs must be a non-negative number, got ${ms}`);
    }
    this.latency = ms;
  }

  clearLatency() {
    this.latency = 0;
  }

  /** Fail a share of requests (optionally only those for one resource) with `status`. */
  addError(fault: ErrorFault) {
    if (
      !Number.isInteger(fault?.status) ||
      fault.status < 400 ||
      fault.status > 599
    ) {
      throw new TypeError(
        `errors[].status must be an HTTP error status 400-599, got ${fault?.status}`,
      );
    }
    if (
      typeof fault.rate !== 'number' ||
      !(fault.rate >= 0 && fault.rate <= 1)
    ) {
      throw new TypeError(
        `errors[].rate must be a number from 0 to 1, got ${fault.rate}`,
      );
    }
    if (fault.target !== undefined) {
      checkTarget(fault.target, 'errors[].target');
    }
    this.errorFaults.push({ ...fault });
  }

  clearErrors() {
    this.errorFaults = [];
  }

  /** Answer 403 Forbidden for every request on a resource. */
  forbid(target: FaultTarget) {
    checkTarget(target, 'forbidden[]');
    this.forbiddenTargets.push({ ...target });
  }

  clearForbidden() {
    this.forbiddenTargets = [];
  }

  /** Serve truncated, unparseable JSON for a resource (replies and watch events). */
  malform(target: FaultTarget) {
    checkTarget(target, 'malformed[]');
    this.malformedTargets.push({ ...target });
  }

  clearMalformed() {
    this.malformedTargets = [];
  }

  /**
   * Without options, ends every open watch now. With `afterMs`, every watch — open ones
   * and new ones — ends that long after it starts, until `clearWatchDrops()`.
   */
  dropWatches(options: { afterMs?: number } = {}) {
    if (options.afterMs === undefined) {
      this.controls.endWatches();
      return;
    }
    if (!Number.isFinite(options.afterMs) || options.afterMs < 0) {
      throw new TypeError(
        `dropWatches.afterMs must be a non-negative number, got ${options.afterMs}`,
      );
    }
    this.watchDropMs = options.afterMs;
    this.controls.endWatches(options.afterMs);
  }

  clearWatchDrops() {
    this.watchDropMs = undefined;
  }

  /**
   * Delivers every watch event (and bookmark) `ms` milliseconds after it happens, in order,
   * as a lagging watch cache does: a client's informer cache then trails even its own
   * writes, whose replies come at once. Replies to other requests are not delayed.
   */
  setWatchLatency(ms: number) {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new TypeError(
        `watchLatencyMs must be a non-negative number, got ${ms}`,
      );
    }
    this.watchLag = ms;
  }

  clearWatchLatency() {
    this.watchLag = 0;
  }

  /**
   * Takes the cluster down: `refuse` closes the listening socket (connection refused),
   * `reset` resets every API connection (the admin endpoint stays reachable). With
   * `forMs`, it comes back by itself.
   */
  async down(mode: DownMode = 'refuse', options: { forMs?: number } = {}) {
    checkDownOptions(mode, options.forMs);
    clearTimeout(this.upTimer);
    this.downMode = mode;
    await this.controls.setDown(mode);
    if (options.forMs !== undefined) {
      this.upTimer = setTimeout(() => void this.up(), options.forMs);
      this.upTimer.unref();
    }
  }

  /** Brings the cluster back after `down()`. */
  async up() {
    clearTimeout(this.upTimer);
    if (this.downMode !== undefined) {
      this.downMode = undefined;
      await this.controls.setDown(undefined);
    }
  }

  /** Removes every fault and brings the cluster back up. */
  async clear() {
    this.clearLatency();
    this.clearErrors();
    this.clearForbidden();
    this.clearMalformed();
    this.clearWatchDrops();
    this.clearWatchLatency();
    await this.up();
  }

  state(): FaultState {
    return {
      latencyMs: this.latency,
      errors: this.errorFaults.map(e => ({ ...e })),
      forbidden: this.forbiddenTargets.map(t => ({ ...t })),
      malformed: this.malformedTargets.map(t => ({ ...t })),
      ...(this.watchDropMs !== undefined
        ? { watchDropAfterMs: this.watchDropMs }
        : {}),
      ...(this.watchLag > 0 ? { watchLatencyMs: this.watchLag } : {}),
      ...(this.downMode ? { down: this.downMode } : {}),
    };
  }

  get latencyMs() {
    return this.latency;
  }

  get watchDropAfterMs() {
    return this.watchDropMs;
  }

  get watchLatencyMs() {
    return this.watchLag;
  }

  get downState() {
    return this.downMode;
  }

  /** The error to inject for a request on this resource, if a fault fires. */
  errorFor(
    group: string | undefined,
    resource: string | undefined,
  ): ErrorFault | undefined {
    return this.errorFaults.find(
      f =>
        (f.target === undefined ||
          (group !== undefined &&
            resource !== undefined &&
            sameTarget(f.target, group, resource))) &&
        this.random() < f.rate,
    );
  }

  isForbidden(group: string, resource: string) {
    return this.forbiddenTargets.some(t => sameTarget(t, group, resource));
  }

  isMalformed(group: string, resource: string) {
    return this.malformedTargets.some(t => sameTarget(t, group, resource));
  }
}

/** Truncates a JSON text so that no parser accepts it. */
export function malformJson(json: string) {
  return `${json.slice(
    0,
    Math.max(1, Math.floor(json.length / 2)),
  )}\u0000<<malformed`;
}
