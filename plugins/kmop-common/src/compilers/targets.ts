/**
 * The native ecosystems KMOP resources compile to.
 *
 * @public
 */
export const NATIVE_TARGETS = [
  'gateway-api',
  'istio',
  'envoy-gateway',
  'argo-rollouts',
  'flagger',
  'sloth',
  'pyrra',
] as const;

/**
 * One native ecosystem KMOP resources compile to.
 *
 * @public
 */
export type NativeTarget = (typeof NATIVE_TARGETS)[number];

/**
 * True when `value` names a {@link NativeTarget}.
 *
 * @public
 */
export function isNativeTarget(value: unknown): value is NativeTarget {
  return (NATIVE_TARGETS as readonly unknown[]).includes(value);
}
