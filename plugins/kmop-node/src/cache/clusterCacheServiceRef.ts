import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { kmopClustersServiceRef } from '../clusters/kmopClustersServiceRef';
import { ClusterCache } from './ClusterCache';
import { createClusterCache } from './createClusterCache';

/**
 * The one cluster cache of a backend process. Root-scoped so that the KMOP
 * backend plugin, the catalog entity provider and the scaffolder module read
 * the same watches: one set of watches per cluster, not one per plugin.
 *
 * @public
 */
export const kmopClusterCacheServiceRef = createServiceRef<ClusterCache>({
  id: 'kmop.cluster-cache',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
        clusters: kmopClustersServiceRef,
      },
      factory({ config, logger, lifecycle, clusters }) {
        const cache = createClusterCache({
          config,
          clusters,
          logger: logger.child({ service: 'kmop-cluster-cache' }),
        });
        lifecycle.addStartupHook(() => cache.start());
        lifecycle.addShutdownHook(() => cache.stop());
        return cache;
      },
    }),
});
