import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { kmopPermissions } from '@kmop/plugin-kmop-common';
import { createRouter } from './router';
import { createClusterCache } from './services/ClusterCache/createClusterCache';
import { DefaultEntityViewService } from './services/EntityViewService/DefaultEntityViewService';
import { PrometheusSloEvaluator } from './services/Prometheus/PrometheusSloEvaluator';
import { ClusterSourceObjectService } from './services/SourceObjectService/ClusterSourceObjectService';
import { readKmopClusters } from '@kmop/plugin-kmop-node';

/**
 * The KMOP backend plugin: a watch cache of the configured clusters and
 * `GET /api/kmop/v1/entities/:kind/:namespace/:name`.
 */
export const kmopPlugin = createBackendPlugin({
  pluginId: 'kmop',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(kmopPermissions);
        const cache = createClusterCache({
          config: deps.config,
          logger: deps.logger,
        });
        deps.lifecycle.addStartupHook(() => cache.start());
        deps.lifecycle.addShutdownHook(() => cache.stop());
        const entityViews = DefaultEntityViewService.create({
          catalog: deps.catalog,
          permissions: deps.permissions,
          cache,
          sloEvaluator: PrometheusSloEvaluator.fromConfig(deps.config, {
            logger: deps.logger,
          }),
        });
        const sourceObjects = ClusterSourceObjectService.create({
          // Same authorization as the view; no SLO figures needed to find an item.
          entityViews: DefaultEntityViewService.create({
            catalog: deps.catalog,
            permissions: deps.permissions,
            cache,
          }),
          clusters: readKmopClusters(deps.config).clusters,
        });
        deps.lifecycle.addShutdownHook(() => sourceObjects.close());
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            entityViews,
            cache,
            sourceObjects,
          }),
        );
        deps.httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
