import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { kmopPermissions } from '@kmop/plugin-kmop-common';
import {
  KmopClusterSupplier,
  kmopClusterCacheServiceRef,
  kmopClusterSupplierExtensionPoint,
  kmopClustersServiceRef,
  readCacheSettings,
} from '@kmop/plugin-kmop-node';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { createKmopActions } from './actions';
import { createGetReadinessAction } from './actions/createGetReadinessAction';
import { createReadinessRouter } from './readinessRouter';
import { createRouter } from './router';
import {
  EntityAccessCache,
  EntityReadAccess,
  RolloutOperateAuthorizer,
  readOperationsConfig,
} from './permissions';
import { DefaultEntityViewService } from './services/EntityViewService/DefaultEntityViewService';
import { EntityViewSignals } from './services/EntityViewSignals/EntityViewSignals';
import { scheduleSloEvaluation } from './services/Prometheus/scheduleSloEvaluation';
import { DefaultReadinessService } from './services/ReadinessService/DefaultReadinessService';
import { ClusterSourceObjectService } from './services/SourceObjectService/ClusterSourceObjectService';
import { ClusterClients } from './services/ClusterClients';
import { ClusterOperationService } from './services/OperationService/ClusterOperationService';

/**
 * The KMOP backend plugin: `GET /api/kmop/v1/entities/:kind/:namespace/:name`
 * over the backend's shared KMOP cluster cache, and KMOP's actions in the
 * actions registry.
 *
 * @public
 */
export const kmopPlugin = createBackendPlugin({
  pluginId: 'kmop',
  register(env) {
    const suppliers: KmopClusterSupplier[] = [];
    const strategies: [string, AuthenticationStrategy][] = [];
    env.registerExtensionPoint(kmopClusterSupplierExtensionPoint, {
      addClusterSupplier: supplier => suppliers.push(supplier),
      addAuthStrategy: (provider, strategy) =>
        strategies.push([provider, strategy]),
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        cache: kmopClusterCacheServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        clusters: kmopClustersServiceRef,
        signals: signalsServiceRef,
      },
      async init(deps) {
        // The shared cluster list gains what only a plugin can give it.
        deps.clusters.useCatalog({ catalog: deps.catalog, auth: deps.auth });
        suppliers.forEach(s => deps.clusters.addClusterSupplier(s));
        strategies.forEach(([p, s]) => deps.clusters.addAuthStrategy(p, s));
        deps.permissionsRegistry.addPermissions(kmopPermissions);
        const access = EntityReadAccess.create({
          catalog: deps.catalog,
          permissions: deps.permissions,
          reuse: EntityAccessCache.fromConfig(deps.config),
        });
        const viewSignals = EntityViewSignals.create({
          cache: deps.cache,
          signals: deps.signals,
          logger: deps.logger,
        });
        deps.lifecycle.addStartupHook(() => viewSignals.start());
        deps.lifecycle.addShutdownHook(() => viewSignals.stop());
        // One evaluator for the entity views and the organisation view: same figures.
        const sloEvaluator = await scheduleSloEvaluation({
          config: deps.config,
          logger: deps.logger,
          scheduler: deps.scheduler,
          onFiguresChanged: ids => viewSignals.slosChanged(ids),
        });
        const entityViews = DefaultEntityViewService.create({
          access,
          cache: deps.cache,
          followers: viewSignals,
          sloEvaluator,
        });
        const sourceObjects = ClusterSourceObjectService.create({
          entityViews,
          clusters: deps.clusters,
          requestTimeoutMs: readCacheSettings(deps.config).requestTimeoutMs,
        });
        deps.lifecycle.addShutdownHook(() => sourceObjects.close());
        const clusterClients = ClusterClients.create({
          clusters: deps.clusters,
          requestTimeoutMs: readCacheSettings(deps.config).requestTimeoutMs,
        });
        deps.lifecycle.addShutdownHook(() => clusterClients.close());
        const operations = ClusterOperationService.create({
          // No SLO figures are needed to find and check an item.
          entityViews: DefaultEntityViewService.create({
            access,
            cache: deps.cache,
          }),
          authorizer: RolloutOperateAuthorizer.create({
            permissions: deps.permissions,
            operations: readOperationsConfig(deps.config),
          }),
          clients: clusterClients,
          auditor: deps.auditor,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            entityViews,
            cache: deps.cache,
            sourceObjects,
            operations,
          }),
        );
        const readiness = DefaultReadinessService.create({
          entityViews,
          catalog: deps.catalog,
          permissions: deps.permissions,
          cache: deps.cache,
          sloEvaluator,
        });
        deps.httpRouter.use(
          await createReadinessRouter({ httpAuth: deps.httpAuth, readiness }),
        );
        createKmopActions({
          actionsRegistry: deps.actionsRegistry,
          entityViews,
          catalog: deps.catalog,
          operations,
        });
        createGetReadinessAction({
          actionsRegistry: deps.actionsRegistry,
          readiness,
        });
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
