/**
 * Test fixtures shared by the KMOP packages' tests: entity views built from upstream-shaped
 * objects, so the page, the actions and `explain-release` are tested on the same releases.
 *
 * @packageDocumentation
 */
export {
  RELEASE_VIEWS,
  catalogApiFailingAnalysis,
  checkoutAborted,
  checkoutBurning,
  checkoutHealthy,
  checkoutPromotedStillFiring,
  noSloRelease,
} from './release/__fixtures__/releaseViews';
/** One example manifest per KMOP kind (the reference docs' examples), for equivalence tests. */
export { KMOP_EXAMPLE_MANIFESTS } from './crdgen/examples';
/** Raw objects in the states the release operations distinguish (rules, patches, requests). */
export * as operationObjects from './release/__fixtures__/operationObjects';
