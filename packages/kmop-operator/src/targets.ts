import {
  NATIVE_TARGETS,
  NativeTarget,
  isNativeTarget,
} from '@kmop/plugin-kmop-common';

/** Annotation on a kmop.dev object that replaces the operator's targets for that object. */
export const TARGETS_ANNOTATION = 'kmop.dev/targets';

/** The operator's targets when neither the flag nor the config names any. */
export const DEFAULT_TARGETS: readonly NativeTarget[] = [
  'gateway-api',
  'argo-rollouts',
  'sloth',
  'istio',
];

/**
 * Parses a comma-separated target list (`gateway-api, argo-rollouts`). Throws with the
 * unknown names and the known ones, so a typo in a flag or an annotation is explained.
 */
export function parseTargets(text: string): NativeTarget[] {
  const names = text
    .split(',')
    .map(t => t.trim())
    .filter(t => t !== '');
  const unknown = names.filter(t => !isNativeTarget(t));
  if (unknown.length > 0) {
    throw new Error(
      `unknown target ${unknown.join(
        ', ',
      )}; known targets: ${NATIVE_TARGETS.join(', ')}`,
    );
  }
  if (names.length === 0) {
    throw new Error(
      `names no target; known targets: ${NATIVE_TARGETS.join(', ')}`,
    );
  }
  return [...new Set(names)] as NativeTarget[];
}
