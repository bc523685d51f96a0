import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  READINESS_KINDS,
  SUPPORTED_KINDS,
  fieldsToNormalize,
  normalizeObject,
} from '@kmop/plugin-kmop-common';
import { KmopClusterService } from '../clusters/KmopClusterService';
import { KubernetesClusterCache } from './KubernetesClusterCache';
import { MICROSERVICE_KIND } from './KeptObjects';
import { readCacheSettings } from './readCacheSettings';
import { KubeObject } from './types';

/**
 * The cluster cache for the clusters of the locators and the settings in the config.
 *
 * @public
 */
export function createClusterCache(options: {
  config: Config;
  logger: LoggerService;
  clusters: KmopClusterService;
}): KubernetesClusterCache {
  return KubernetesClusterCache.create({
    clusters: options.clusters,
    kinds: [
      ...SUPPORTED_KINDS.map(k => ({
        group: k.group,
        versions: k.versions,
        kind: k.kind,
        // The catalog entity provider reads Microservices whole.
        keep:
          k.group === MICROSERVICE_KIND.group &&
          k.kind === MICROSERVICE_KIND.kind,
      })),
      // Kinds only readiness reads: their facts are kept, no view items.
      ...READINESS_KINDS.map(k => ({
        group: k.group,
        versions: k.versions,
        kind: k.kind,
        view: false,
      })),
    ],
    normalize: (object, cluster) => normalizeObject(object, { cluster }),
    fieldsToNormalize: object => fieldsToNormalize(object) as KubeObject,
    settings: readCacheSettings(options.config),
    logger: options.logger,
  });
}
