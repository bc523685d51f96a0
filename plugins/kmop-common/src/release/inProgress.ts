import type { KmopRolloutView } from '../view';

/**
 * True while a release needs a person's eye: moving traffic, waiting at a step, paused, or
 * aborted (traffic is back on stable, but the new version is still in the spec and someone
 * must retry or roll back). A fully promoted or finished rollout is not in progress.
 *
 * @public
 */
export function isReleaseInProgress(rollout: KmopRolloutView): boolean {
  return (
    rollout.aborted === true ||
    rollout.paused === true ||
    rollout.health === 'progressing' ||
    rollout.steps.some(step => step.state === 'current')
  );
}

/**
 * The 1-based current step and the number of steps, for rollouts that have steps.
 *
 * @public
 */
export function currentStep(
  rollout: KmopRolloutView,
): { current: number; of: number } | undefined {
  if (rollout.steps.length === 0) return undefined;
  const index = rollout.steps.findIndex(step => step.state === 'current');
  const at = index >= 0 ? index : rollout.currentStepIndex;
  if (at === undefined) return undefined;
  return {
    current: Math.min(at + 1, rollout.steps.length),
    of: rollout.steps.length,
  };
}

/**
 * Rollouts that drive another rollout item of the view: a Flagger Canary's target Deployment
 * or an Argo Rollout's `workloadRef`. The driven item is part of the driver's release, not a
 * release of its own. Returns the ids of the driven items, keyed by the driver's id.
 *
 * @public
 */
export function drivenRollouts(
  rollouts: readonly KmopRolloutView[],
): Map<string, KmopRolloutView[]> {
  const driven = new Map<string, KmopRolloutView[]>();
  for (const driver of rollouts) {
    const target = driver.target;
    if (!target) continue;
    const matches = rollouts.filter(
      other =>
        other !== driver &&
        other.source.cluster === driver.source.cluster &&
        other.source.namespace === driver.source.namespace &&
        other.source.kind === target.kind &&
        other.source.name === target.name,
    );
    if (matches.length > 0) driven.set(driver.id, matches);
  }
  return driven;
}
