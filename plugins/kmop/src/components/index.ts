export { EntityKmopContent } from './EntityKmopContent/EntityKmopContent';
export {
  EntityKmopHealthCard,
  EntityKmopResilienceCard,
  EntityKmopRolloutsCard,
  EntityKmopRoutesCard,
  EntityKmopSlosCard,
} from './cards/EntityKmopCards';
