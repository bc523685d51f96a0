import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  KmopEntityTarget,
  KmopEntityViewSignal,
  kmopEntityViewChannel,
  parseLabelSelector,
} from '@kmop/plugin-kmop-common';
import {
  ClusterCache,
  IndexedObjectChange,
  objectBelongsTo,
} from '@kmop/plugin-kmop-node';

/** Options of {@link EntityViewSignals.create}. */
export interface EntityViewSignalsOptions {
  cache: ClusterCache;
  signals: SignalsService;
  logger: LoggerService;
  /**
   * How long changes are gathered before one signal per entity goes out: a
   * rollout step touches several objects (Rollout, ReplicaSets, routes) within
   * a few milliseconds. Default 250 ms.
   */
  debounceMs?: number;
  /**
   * How long an entity is followed after its view was last read. Only entities
   * someone reads have pages to tell; an open page re-reads at least on its
   * slow poll. Default one hour.
   */
  followForMs?: number;
  /** How often the clusters' states are compared (syncing → ready changes every view). Default 2 s. */
  clusterStateCheckMs?: number;
  now?: () => number;
}

interface Followed {
  target: KmopEntityTarget;
  /** The SLOs of the view last read; their figures change without an object changing. */
  sloIds: string[];
  /** Changes with every change of the view (unique over all entities). */
  generation: number;
  selector?: ReturnType<typeof parseLabelSelector>;
  lastReadAt: number;
}

/**
 * Tells open pages that an entity's view changed, through Backstage signals:
 * maps every changed cached object to the followed entities it belongs to
 * (before and after the change), gathers them for `debounceMs`, then publishes
 * one signal per entity on {@link kmopEntityViewChannel}. The signal carries
 * only the entity ref: it is broadcast without a permission check, so the page
 * reads the view itself through the authorized route.
 */
export class EntityViewSignals {
  private readonly options: EntityViewSignalsOptions;
  private readonly followed = new Map<string, Followed>();
  private readonly pending = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;
  private stateTimer?: ReturnType<typeof setInterval>;
  private lastClusterStates = '';
  private generations = 0;
  private unsubscribe?: () => void;

  static create(options: EntityViewSignalsOptions): EntityViewSignals {
    return new EntityViewSignals(options);
  }

  private constructor(options: EntityViewSignalsOptions) {
    this.options = options;
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.options.cache.subscribeToItems(change =>
      this.onChange(change),
    );
    this.lastClusterStates = this.clusterStates();
    this.stateTimer = setInterval(
      () => this.checkClusterStates(),
      this.options.clusterStateCheckMs ?? 2_000,
    );
    this.stateTimer.unref?.();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.timer);
    clearInterval(this.stateTimer);
    this.timer = undefined;
    this.pending.clear();
  }

  /**
   * Notes that the view of `entityRef` is read, so its changes are signalled;
   * returns its generation, a number that changes whenever its view may have
   * changed.
   */
  follow(entityRef: string, target: KmopEntityTarget): number {
    const known = this.followed.get(entityRef);
    const lastReadAt = this.now();
    if (known && sameTarget(known.target, target)) {
      known.lastReadAt = lastReadAt;
      return known.generation;
    }
    const generation = ++this.generations;
    this.followed.set(entityRef, {
      target,
      sloIds: [],
      generation,
      selector: target.labelSelector
        ? parseLabelSelector(target.labelSelector)
        : undefined,
      lastReadAt,
    });
    return generation;
  }

  /** The SLOs the entity's view shows (see {@link slosChanged}). */
  showsSlos(entityRef: string, sloIds: string[]): void {
    const followed = this.followed.get(entityRef);
    if (followed) followed.sloIds = sloIds;
  }

  /** Signals the entities whose views show these SLOs (new Prometheus figures). */
  slosChanged(sloIds: string[]): void {
    const changed = new Set(sloIds);
    this.followed.forEach((followed, entityRef) => {
      if (followed.sloIds.some(id => changed.has(id))) {
        this.changed(entityRef, followed);
      }
    });
    this.schedule();
  }

  private onChange(change: IndexedObjectChange): void {
    // A cold start brings every object at once, before anyone reads a view.
    if (this.followed.size === 0) return;
    const oldest = this.now() - (this.options.followForMs ?? 3_600_000);
    for (const [entityRef, followed] of this.followed) {
      if (followed.lastReadAt < oldest) {
        this.followed.delete(entityRef);
        continue;
      }
      const { target, selector } = followed;
      if (
        (change.before && objectBelongsTo(target, change.before, selector)) ||
        (change.after && objectBelongsTo(target, change.after, selector))
      ) {
        this.changed(entityRef, followed);
      }
    }
    this.schedule();
  }

  // A cluster that finishes its first list, fails or recovers changes the
  // cluster part of every view, even of entities without objects there.
  private checkClusterStates(): void {
    const states = this.clusterStates();
    if (states === this.lastClusterStates) return;
    this.lastClusterStates = states;
    this.followed.forEach((followed, entityRef) =>
      this.changed(entityRef, followed),
    );
    this.schedule();
  }

  // Synchronous with the cache update: a view built after this sees the new
  // generation, one built before it is not reused.
  private changed(entityRef: string, followed: Followed): void {
    followed.generation = ++this.generations;
    this.pending.add(entityRef);
  }

  private clusterStates(): string {
    return JSON.stringify(
      this.options.cache
        .clusters()
        .map(c => [c.name, c.state, c.error?.message]),
    );
  }

  private schedule(): void {
    if (this.pending.size === 0 || this.timer) return;
    // Not reset by later changes: a steady stream of changes still reaches
    // the page every `debounceMs`.
    this.timer = setTimeout(() => this.flush(), this.options.debounceMs ?? 250);
  }

  private flush(): void {
    this.timer = undefined;
    const entityRefs = [...this.pending];
    this.pending.clear();
    for (const entityRef of entityRefs) {
      const message: KmopEntityViewSignal = { entityRef };
      this.options.signals
        .publish({
          recipients: { type: 'broadcast' },
          channel: kmopEntityViewChannel(entityRef),
          message,
        })
        .catch(error =>
          this.options.logger.warn(
            `KMOP could not signal a change of ${entityRef}: ${
              (error as Error).message
            }`,
          ),
        );
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function sameTarget(a: KmopEntityTarget, b: KmopEntityTarget): boolean {
  return (
    a.serviceName === b.serviceName &&
    a.labelSelector === b.labelSelector &&
    a.namespace === b.namespace &&
    a.cluster === b.cluster
  );
}
