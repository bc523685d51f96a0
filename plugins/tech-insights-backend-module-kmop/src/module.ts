import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  KMOP_READINESS_FACT_RETRIEVER_ID,
  createKmopReadinessFactRetriever,
} from './KmopReadinessFactRetriever';

/**
 * Adds the KMOP readiness fact retriever to Tech Insights. Like every fact retriever it
 * runs only when `techInsights.factRetrievers.kmopReadinessFactRetriever` sets its
 * `cadence`.
 *
 * @public
 */
export const techInsightsModuleKmop = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'kmop',
  register(env) {
    env.registerInit({
      deps: {
        retrievers: techInsightsFactRetrieversExtensionPoint,
        catalog: catalogServiceRef,
      },
      async init({ retrievers, catalog }) {
        retrievers.addFactRetrievers({
          [KMOP_READINESS_FACT_RETRIEVER_ID]: createKmopReadinessFactRetriever({
            catalog,
          }),
        });
      },
    });
  },
});
