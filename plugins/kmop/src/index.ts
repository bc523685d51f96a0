/**
 * KMOP entity tab and cards: gateway routes, SLOs, rollouts with the release view, and
 * resilience, live from the clusters. Legacy frontend system here; the new system's plugin
 * is `@kmop/plugin-kmop/alpha`.
 *
 * @packageDocumentation
 */
export {
  kmopPlugin,
  EntityKmopContent,
  EntityKmopRoutesCard,
  EntityKmopSlosCard,
  EntityKmopRolloutsCard,
  EntityKmopResilienceCard,
  EntityKmopHealthCard,
  EntityKmopReadinessCard,
  EntityKmopRollupContent,
  KmopOrgPage,
} from './plugin';
export { kmopApiRef, KmopClient } from './api';
export type {
  KmopApi,
  KmopClientOptions,
  KmopEntityReadinessResponse,
  KmopOperationRequest,
  KmopOperationResult,
} from './api';
export { isKmopAvailable } from './isKmopAvailable';
