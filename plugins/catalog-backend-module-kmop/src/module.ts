import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { kmopClusterCacheServiceRef } from '@kmop/plugin-kmop-node';
import { KmopEntityProvider } from './provider/KmopEntityProvider';
import { readProviderConfig } from './provider/readProviderConfig';

/**
 * Adds the KMOP entity provider to the catalog: every KMOP Microservice in
 * the configured clusters becomes a Component (`catalog.providers.kmop`).
 *
 * @public
 */
export const catalogModuleKmop = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kmop',
  register(env) {
    env.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        cache: kmopClusterCacheServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        catalogProcessing,
        catalog,
        cache,
        auth,
        config,
        logger,
        lifecycle,
      }) {
        const providerConfig = readProviderConfig(config);
        if (!providerConfig.enabled) {
          logger.info(
            'KMOP entity provider is disabled (catalog.providers.kmop.enabled)',
          );
          return;
        }
        const provider = KmopEntityProvider.create({
          cache,
          catalog,
          auth,
          logger,
          config: providerConfig,
        });
        catalogProcessing.addEntityProvider(provider);
        lifecycle.addShutdownHook(() => provider.stop());
      },
    });
  },
});
