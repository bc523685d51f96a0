import { readDurationFromConfig } from '@backstage/config';
import type { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * `catalog.providers.kmop`, with its defaults.
 *
 * @public
 */
export interface KmopProviderConfig {
  enabled: boolean;
  /** Undefined: every cluster. */
  clusters?: string[];
  /** Undefined: every namespace. */
  namespaces?: string[];
  resyncIntervalMs: number;
}

export const DEFAULT_RESYNC_INTERVAL_MS = 5 * 60_000;

/** @public */
export function readProviderConfig(config: Config): KmopProviderConfig {
  const c = config.getOptionalConfig('catalog.providers.kmop');
  return {
    enabled: c?.getOptionalBoolean('enabled') ?? true,
    clusters: c?.getOptionalStringArray('clusters'),
    namespaces: c?.getOptionalStringArray('namespaces'),
    resyncIntervalMs: c?.has('resyncInterval')
      ? durationToMilliseconds(
          readDurationFromConfig(c, { key: 'resyncInterval' }),
        )
      : DEFAULT_RESYNC_INTERVAL_MS,
  };
}
