export * from './types';
export type * from './facts';
export { READINESS_KINDS, extractReadinessFact } from './extractFacts';
export type { ReadinessKind } from './extractFacts';
export type { ReadinessInput } from './context';
export { computeReadiness, READINESS_CHECKS } from './computeReadiness';
export { imageTag } from './checks/containerization';
export {
  ORG_SORT_KEYS,
  burningSlo,
  describeTarget,
  isRolloutInProgress,
  pageServices,
  summarizeService,
} from './org';
export type {
  KmopOrgBurningSlo,
  KmopOrgPage,
  KmopOrgQuery,
  KmopOrgRollout,
  KmopServiceSummary,
} from './org';
