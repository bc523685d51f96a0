import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** Options of {@link EntityAccessCache.create}. */
export interface EntityAccessCacheOptions {
  /** How long one caller's access to one entity is reused, in ms; 0 turns reuse off. */
  ttlMs: number;
  /** Most (caller, entity) pairs kept; the oldest go first. */
  maxEntries: number;
  /** Clock, in ms (tests). */
  now?: () => number;
}

export const DEFAULT_ACCESS_TTL_MS = 10_000;
export const DEFAULT_ACCESS_MAX_ENTRIES = 10_000;

interface Entry {
  expiresAt: number;
  entity: Promise<Entity>;
}

/**
 * Who is asking, as far as catalog visibility and permission decisions can
 * tell: the user entity for users (the decision reads the user's token
 * claims, and every token of one user carries the same ones until they sign
 * in again), the subject and its access restrictions for services. Anything
 * else is never reused.
 */
export function callerKey(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
    accessRestrictions?: unknown;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user\u0000${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service\u0000${principal.subject}\u0000${JSON.stringify(
      principal.accessRestrictions ?? null,
    )}`;
  }
  return undefined;
}

/**
 * Reuses, for a short time, the outcome of reading an entity through the
 * catalog with a caller's credentials and of the `kmop.entity.read` decision
 * for it. Entries are keyed by caller and entity, so no caller is ever
 * answered from another caller's read. Only access that was granted is kept:
 * a 404 or 403 is asked again every time, so a right that is granted shows at
 * once, and a right that is revoked still shows the view for at most the TTL.
 * Concurrent requests of one caller for one entity share one read.
 */
export class EntityAccessCache {
  private readonly entries = new Map<string, Entry>();
  private readonly options: EntityAccessCacheOptions;

  static create(options: EntityAccessCacheOptions): EntityAccessCache {
    return new EntityAccessCache(options);
  }

  /** From `kmop.authorization.cacheTtl` and `kmop.authorization.cacheSize`. */
  static fromConfig(config: Config): EntityAccessCache {
    const ttlMs = config.has('kmop.authorization.cacheTtl')
      ? durationToMilliseconds(
          readDurationFromConfig(config, {
            key: 'kmop.authorization.cacheTtl',
          }),
        )
      : DEFAULT_ACCESS_TTL_MS;
    const maxEntries =
      config.getOptionalNumber('kmop.authorization.cacheSize') ??
      DEFAULT_ACCESS_MAX_ENTRIES;
    return new EntityAccessCache({ ttlMs, maxEntries });
  }

  private constructor(options: EntityAccessCacheOptions) {
    this.options = options;
  }

  /**
   * The entity as the caller may see it: from a granted read at most the TTL
   * old, or else from `read` (which throws when the caller may not see it).
   */
  async get(
    credentials: BackstageCredentials,
    entityRef: string,
    read: () => Promise<Entity>,
  ): Promise<Entity> {
    const caller = callerKey(credentials);
    if (this.options.ttlMs <= 0 || this.options.maxEntries <= 0 || !caller) {
      return read();
    }
    const key = `${caller}\u0000${entityRef}`;
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) {
      return cached.entity;
    }
    // Counted from before the read: a decision is never reused longer than
    // the TTL after it was asked for.
    const entry: Entry = {
      expiresAt: now + this.options.ttlMs,
      entity: read(),
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict(now);
    entry.entity.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.entity;
  }

  /** Number of (caller, entity) pairs held. */
  get size(): number {
    return this.entries.size;
  }

  private evict(now: number) {
    for (const [key, entry] of this.entries) {
      if (
        this.entries.size <= this.options.maxEntries &&
        entry.expiresAt > now
      ) {
        break;
      }
      this.entries.delete(key);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
