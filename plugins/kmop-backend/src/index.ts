/**
 * The KMOP backend plugin: every gateway route, SLO, rollout and resilience
 * policy of a catalog entity, from a watch cache of its clusters.
 *
 * @packageDocumentation
 */
export { kmopPlugin as default } from './plugin';
