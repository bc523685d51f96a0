import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { ClusterCacheSettings, DEFAULT_CACHE_SETTINGS } from './types';

const DURATIONS = {
  requestTimeout: 'requestTimeoutMs',
  watchTimeout: 'watchTimeoutMs',
  initialBackoff: 'initialBackoffMs',
  maxBackoff: 'maxBackoffMs',
  rediscoveryInterval: 'rediscoveryIntervalMs',
  clusterRefreshInterval: 'clusterRefreshIntervalMs',
} as const;

/**
 * Reads `kmop.cache`, with the defaults of {@link DEFAULT_CACHE_SETTINGS}.
 *
 * @public
 */
export function readCacheSettings(config: Config): ClusterCacheSettings {
  const cache = config.getOptionalConfig('kmop.cache');
  const settings = { ...DEFAULT_CACHE_SETTINGS };
  if (!cache) return settings;
  for (const [key, field] of Object.entries(DURATIONS)) {
    if (cache.has(key)) {
      const ms = durationToMilliseconds(readDurationFromConfig(cache, { key }));
      if (!(ms > 0)) {
        throw new InputError(`kmop.cache.${key} must be a positive duration`);
      }
      settings[field] = ms;
    }
  }
  const pageSize = cache.getOptionalNumber('pageSize');
  if (pageSize !== undefined) {
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new InputError('kmop.cache.pageSize must be a whole number ≥ 1');
    }
    settings.pageSize = pageSize;
  }
  if (settings.maxBackoffMs < settings.initialBackoffMs) {
    throw new InputError(
      'kmop.cache.maxBackoff must not be below initialBackoff',
    );
  }
  return settings;
}
