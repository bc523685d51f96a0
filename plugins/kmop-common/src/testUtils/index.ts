/**
 * Test fixtures shared with the packages that build on kmop-common: raw objects in the
 * states the release operations distinguish.
 *
 * @packageDocumentation
 */
export * as operationObjects from '../release/__fixtures__/operationObjects';
