export type { KmopZod } from './zod';
export { fields } from './fields';
export { formatIssues } from './formatIssues';
export * from './parseInput';
export * from './inputSchema';
export * from './buildResources';
export { RESILIENCE_PRESETS } from './resiliencePresets';
export * from './generateManifests';
export * from './manifestYaml';
