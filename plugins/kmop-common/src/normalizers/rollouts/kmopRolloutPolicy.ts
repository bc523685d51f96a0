import type { KmopRolloutView } from '../../view';
import type { Reader } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import { kmopPreconditions, kmopVerdict } from '../kmopStatus';
import {
  blankRollout,
  defined,
  readCanaryStep,
  readGitOps,
  readPercent,
  type StepKind,
} from './common';

/**
 * The operator reports the engine's phase word (Argo Rollouts' or Flagger's), so both
 * vocabularies are understood.
 */
const PHASE_HEALTH = new Map<string, KmopRolloutView['health']>(
  Object.entries<KmopRolloutView['health']>({
    Healthy: 'ok',
    Succeeded: 'ok',
    Initialized: 'ok',
    Progressing: 'progressing',
    Paused: 'progressing',
    Initializing: 'progressing',
    Waiting: 'progressing',
    WaitingPromotion: 'progressing',
    Promoting: 'progressing',
    Finalising: 'progressing',
    Degraded: 'degraded',
    Failed: 'degraded',
  }),
);

/** KMOP writes analysis templates as plain names. */
function readKmopStep(step: Reader): StepKind | undefined {
  return step.has('analysis')
    ? { type: 'analysis', templates: step.strs('analysis.templates') }
    : undefined;
}

function policyVerdict(
  r: Reader,
  generation: number | undefined,
  phase: string | undefined,
): HealthVerdict {
  const early = kmopPreconditions(r, generation);
  if (early) return early;
  const conditions = kmopVerdict(r, generation);
  const health = phase === undefined ? undefined : PHASE_HEALTH.get(phase);
  if (phase === undefined || health === undefined) return conditions;
  // A condition that agrees with the phase says why (e.g. which step failed).
  const reason =
    conditions.health === health ? `${phase}: ${conditions.reason}` : phase;
  return {
    health,
    reason,
    badges: phase === 'Paused' ? ['paused'] : [],
  };
}

function strategyOf(value: string | undefined): KmopRolloutView['strategy'] {
  if (value === undefined || value === 'rolling') return 'rolling';
  return value === 'canary' || value === 'blueGreen' ? value : 'unknown';
}

function badgesOf(r: Reader): string[] {
  const badges: string[] = [];
  const engine = r.str('spec.engine');
  if (engine) badges.push(`engine: ${engine}`);
  if (r.bool('spec.autoPromote') === true) badges.push('auto-promote');
  const sloRef = r.str('spec.sloGate.sloRef');
  const maxBurn = r.num('spec.sloGate.maxBurnRate');
  if (sloRef) {
    badges.push(
      `SLO gate: ${sloRef}${
        maxBurn === undefined ? '' : ` burn ≤ ${maxBurn}×`
      }`,
    );
  }
  return badges;
}

/**
 * KMOP RolloutPolicy (kmop.dev/v1alpha1) → one rollout item.
 *
 * @public
 */
export const normalizeKmopRolloutPolicy = defineNormalizer<KmopRolloutView>({
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'RolloutPolicy',
  blank: blankRollout,
  build: (r, meta) => {
    const phase = r.str('status.phase');
    const current = r.int('status.currentStepIndex');
    const verdict = policyVerdict(r, meta.generation, phase);
    // Unknown when the phase that would say so is malformed.
    const paused = r.isMalformed('status.phase')
      ? undefined
      : phase === 'Paused';
    const serviceRef = r.str('spec.serviceRef');
    return [
      {
        ...itemBase(meta, {
          ...verdict,
          badges: [...(verdict.badges ?? []), ...badgesOf(r)],
        }),
        strategy: strategyOf(r.str('spec.strategy')),
        phase,
        steps: r
          .arr('spec.canary.steps')
          .map((s, i) => readCanaryStep(s, i, current, readKmopStep)),
        currentStepIndex: current,
        canaryWeight: readPercent(r, 'status.canaryWeight'),
        stableRevision: r.str('status.stableRevision'),
        canaryRevision: r.str('status.canaryRevision'),
        aborted: false,
        paused,
        pauseReasons: paused ? ['paused'] : [],
        services: defined({
          canary: r.str('spec.canary.canaryService'),
          stable: r.str('spec.canary.stableService'),
          active: r.str('spec.blueGreen.activeService'),
          preview: r.str('spec.blueGreen.previewService'),
        }),
        rolling: defined({
          maxSurge: r.intOrPercent('spec.rolling.maxSurge'),
          maxUnavailable: r.intOrPercent('spec.rolling.maxUnavailable'),
        }),
        target: serviceRef
          ? { kind: 'Microservice', name: serviceRef }
          : undefined,
        control: { engine: r.str('spec.engine') },
        gitOps: readGitOps(r),
        resourceVersion: r.str('metadata.resourceVersion'),
      },
    ];
  },
});
