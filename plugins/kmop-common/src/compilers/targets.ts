/** The native ecosystems KMOP resources compile to. */
export const NATIVE_TARGETS = [
  'gateway-api',
  'istio',
  'envoy-gateway',
  'argo-rollouts',
  'flagger',
  'sloth',
  'pyrra',
] as const;

/** One native ecosystem KMOP resources compile to. */
export type NativeTarget = (typeof NATIVE_TARGETS)[number];

/** True when `value` names a {@link NativeTarget}. */
export function isNativeTarget(value: unknown): value is NativeTarget {
  return (NATIVE_TARGETS as readonly unknown[]).includes(value);
}
