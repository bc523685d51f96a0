export { ReadinessSection } from './ReadinessSection';
export { EntityKmopReadinessCard } from './EntityKmopReadinessCard';
