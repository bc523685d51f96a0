import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultKmopClusterService } from './DefaultKmopClusterService';
import { KmopClusterService } from './KmopClusterService';

/**
 * The clusters KMOP reaches, with their credentials: one per backend process,
 * so the cache, the KMOP backend and the scaffolder's apply use the same
 * locators and the same (renewed) credentials. Replace its factory to take
 * full control of where clusters come from.
 *
 * @public
 */
export const kmopClustersServiceRef = createServiceRef<KmopClusterService>({
  id: 'kmop.clusters',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
      },
      factory: ({ config, logger }) =>
        DefaultKmopClusterService.create({
          config,
          logger: logger.child({ service: 'kmop-clusters' }),
        }),
    }),
});
