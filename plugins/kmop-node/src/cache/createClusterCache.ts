import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { SUPPORTED_KINDS, normalizeObject } from '@kmop/plugin-kmop-common';
import { readKmopClusters } from '../config/readKmopClusters';
import { KubernetesClusterCache } from './KubernetesClusterCache';
import { MICROSERVICE_KIND } from './KeptObjects';
import { readCacheSettings } from './readCacheSettings';

/** The cluster cache for the clusters and settings in the config. */
export function createClusterCache(options: {
  config: Config;
  logger: LoggerService;
}): KubernetesClusterCache {
  const { clusters, problems } = readKmopClusters(options.config);
  for (const problem of problems) {
    options.logger.warn(
      `KMOP cannot use cluster ${problem.name}: ${problem.message}`,
    );
  }
  return KubernetesClusterCache.create({
    clusters,
    problems,
    kinds: SUPPORTED_KINDS.map(k => ({
      group: k.group,
      versions: k.versions,
      kind: k.kind,
      // The catalog entity provider reads Microservices whole.
      keep:
        k.group === MICROSERVICE_KIND.group &&
        k.kind === MICROSERVICE_KIND.kind,
    })),
    normalize: (object, cluster) => normalizeObject(object, { cluster }),
    settings: readCacheSettings(options.config),
    logger: options.logger,
  });
}
