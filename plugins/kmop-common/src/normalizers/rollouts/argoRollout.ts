import type { KmopRolloutView } from '../../view';
import type { Reader } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import {
  blankRollout,
  defined,
  readCanaryStep,
  readPercent,
  type StepKind,
} from './common';

/** The step kinds only Argo Rollouts has, and its shape of analysis steps. */
function readArgoStep(step: Reader): StepKind | undefined {
  if (step.has('analysis')) {
    const templates = step
      .arr('analysis.templates')
      .map(t => t.str('templateName'))
      .filter((t): t is string => t !== undefined);
    return { type: 'analysis', templates };
  }
  if (step.has('experiment')) {
    const templates = step
      .arr('experiment.templates')
      .map(t => t.str('name'))
      .filter((t): t is string => t !== undefined);
    return { type: 'experiment', templates };
  }
  if (step.has('setCanaryScale')) {
    return {
      type: 'setCanaryScale',
      weight: readPercent(step, 'setCanaryScale.weight'),
    };
  }
  return undefined;
}

/**
 * status.observedGeneration is a string; a non-numeric one (a pre-v0.10 hash) counts as
 * observed, as in upstream isGenerationObserved.
 */
function observedGeneration(r: Reader): number | undefined {
  const observed = r.intOrString('status.observedGeneration');
  if (typeof observed === 'number') return observed;
  return observed !== undefined && /^\d+$/.test(observed)
    ? Number(observed)
    : undefined;
}

/** Upstream GetRolloutPhase, CRD-REFERENCE §4. */
function rolloutVerdict(
  r: Reader,
  generation: number | undefined,
  pauseReasons: readonly string[],
): HealthVerdict {
  const observed = observedGeneration(r);
  if (
    observed !== undefined &&
    generation !== undefined &&
    observed < generation
  ) {
    return {
      health: 'progressing',
      reason: 'Waiting for rollout spec update to be observed',
    };
  }
  if (r.bool('status.controllerPause') === true && pauseReasons.length === 0) {
    return { health: 'progressing', reason: 'Waiting for rollout to unpause' };
  }
  const phase = r.str('status.phase');
  const message = r.str('status.message');
  const because = (fallback: string) =>
    message ? `${phase}: ${message}` : fallback;
  switch (phase) {
    case 'Healthy':
      return { health: 'ok', reason: because('Healthy: fully promoted') };
    case 'Progressing':
      return { health: 'progressing', reason: because('Progressing') };
    case 'Paused':
      return {
        health: 'progressing',
        reason: because(`Paused: ${pauseReasons.join(', ') || 'paused'}`),
        badges: ['paused'],
      };
    case 'Degraded':
      return { health: 'degraded', reason: because('Degraded') };
    case undefined:
    case '':
      return {
        health: 'unknown',
        reason: 'Argo Rollouts has not reported a phase yet',
      };
    default:
      return { health: 'unknown', reason: `Unrecognised phase ${phase}` };
  }
}

function readAnalysis(r: Reader): KmopRolloutView['analysis'] {
  const run =
    r.record('status.canary.currentStepAnalysisRunStatus') ??
    r.record('status.canary.currentBackgroundAnalysisRunStatus') ??
    r.record('status.blueGreen.prePromotionAnalysisRunStatus') ??
    r.record('status.blueGreen.postPromotionAnalysisRunStatus');
  const status = run?.str('status');
  if (!run || status === undefined) return undefined;
  return { name: run.str('name'), status, message: run.str('message') };
}

function strategyOf(
  canary: Reader | undefined,
  blueGreen: Reader | undefined,
): KmopRolloutView['strategy'] {
  if (canary) return 'canary';
  return blueGreen ? 'blueGreen' : 'unknown';
}

/** Argo Rollouts Rollout (argoproj.io/v1alpha1) → one rollout item. */
export const normalizeArgoRollout = defineNormalizer<KmopRolloutView>({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  blank: blankRollout,
  build: (r, meta) => {
    const canary = r.record('spec.strategy.canary');
    const blueGreen = r.record('spec.strategy.blueGreen');
    const current = r.int('status.currentStepIndex');
    const pauseReasons = r
      .arr('status.pauseConditions')
      .map(p => p.str('reason'))
      .filter((p): p is string => p !== undefined);
    const manuallyPaused = r.bool('spec.paused') === true;
    const aborted = r.bool('status.abort') === true;
    const verdict = rolloutVerdict(r, meta.generation, pauseReasons);
    const badges = [...(verdict.badges ?? [])];
    if (aborted) badges.push('aborted');
    if (manuallyPaused) badges.push('manually paused');
    if (r.bool('status.promoteFull') === true) badges.push('full promotion');
    return [
      {
        ...itemBase(meta, { ...verdict, badges: [...new Set(badges)] }),
        strategy: strategyOf(canary, blueGreen),
        phase: r.str('status.phase'),
        message: r.str('status.message'),
        steps: (canary?.arr('steps') ?? []).map((s, i) =>
          readCanaryStep(s, i, current, readArgoStep),
        ),
        currentStepIndex: current,
        canaryWeight: readPercent(r, 'status.canary.weights.canary.weight'),
        stableRevision: r.str('status.stableRS'),
        canaryRevision: r.str('status.currentPodHash'),
        aborted,
        paused:
          pauseReasons.length > 0 ||
          manuallyPaused ||
          r.bool('status.controllerPause') === true,
        pauseReasons: manuallyPaused
          ? [...pauseReasons, 'manually paused']
          : pauseReasons,
        replicas: defined({
          desired: r.int('spec.replicas') ?? 1,
          updated: r.int('status.updatedReplicas'),
          ready: r.int('status.readyReplicas'),
          available: r.int('status.availableReplicas'),
        }),
        services: defined({
          canary: canary?.str('canaryService'),
          stable: canary?.str('stableService'),
          active: blueGreen?.str('activeService'),
          preview: blueGreen?.str('previewService'),
        }),
        analysis: readAnalysis(r),
        rolling: canary
          ? defined({
              maxSurge: canary.intOrString('maxSurge'),
              maxUnavailable: canary.intOrString('maxUnavailable'),
            })
          : undefined,
      },
    ];
  },
});
