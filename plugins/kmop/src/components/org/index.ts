export { KmopOrgPage } from './KmopOrgPage';
export { EntityKmopRollupContent } from './EntityKmopRollupContent';
