export { EntityKmopContent } from './EntityKmopContent/EntityKmopContent';
export {
  EntityKmopHealthCard,
  EntityKmopResilienceCard,
  EntityKmopRolloutsCard,
  EntityKmopRoutesCard,
  EntityKmopSlosCard,
} from './cards/EntityKmopCards';
export { EntityKmopReadinessCard } from './readiness/EntityKmopReadinessCard';
export { KmopOrgPage } from './org/KmopOrgPage';
export { EntityKmopRollupContent } from './org/EntityKmopRollupContent';
