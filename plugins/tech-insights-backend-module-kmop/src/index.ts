/**
 * A Tech Insights module that publishes KMOP readiness as facts: one per check and per
 * component of the KMOP blueprint, and the totals, for every Component KMOP knows.
 *
 * @packageDocumentation
 */
export { techInsightsModuleKmop as default } from './module';
export {
  KMOP_READINESS_FACT_RETRIEVER_ID,
  createKmopReadinessFactRetriever,
  type KmopReadinessFactRetrieverOptions,
} from './KmopReadinessFactRetriever';
export {
  checkFactName,
  componentFactName,
  readinessFactSchema,
  readinessFacts,
} from './readinessFacts';
