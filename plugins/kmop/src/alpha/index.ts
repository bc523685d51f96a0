/**
 * KMOP for the new frontend system.
 *
 * @packageDocumentation
 */
export { kmopPlugin as default } from './plugin';
export { kmopApi } from './apis';
export { kmopEntityContent } from './entityContent';
export type { KmopExtensionDefinition } from './extensionDefinition';
export {
  kmopHealthCard,
  kmopReadinessCard,
  kmopResilienceCard,
  kmopRolloutsCard,
  kmopRoutesCard,
  kmopSlosCard,
} from './entityCards';
export { kmopEntityFilter } from './filters';
export { kmopOrgPage, kmopRollupContent, kmopRollupFilter } from './orgPage';
