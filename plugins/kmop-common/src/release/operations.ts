import { parseApiVersion } from '../util/apiVersion';
import type { KmopRolloutView, KmopSource } from '../view';

/**
 * Which operations apply to a rollout item now, by the rules of the tool that runs it.
 * Sources (docs/operations-rbac.md cites them in full):
 * - Argo Rollouts: Argo CD's `resource_customizations/argoproj.io/Rollout/actions/discovery.lua`
 *   (`fullyPromoted = currentPodHash == stableRS`; resume only while paused; abort disabled when
 *   fully promoted or aborted; retry only when aborted and not fully promoted; promote-full
 *   disabled when fully promoted) and the Rollouts dashboard
 *   (`ui/src/app/components/rollout-actions/rollout-actions.tsx`: retry only when Degraded,
 *   abort and promote only while Progressing or Paused).
 * - Deployments: kubectl's `pkg/polymorphichelpers` (pause refuses a paused Deployment,
 *   resume one that is not paused, restart a paused one).
 * - Flagger: `spec.suspend` and `spec.skipAnalysis`, the two levers Flagger itself reads.
 * Pure: the page, the actions and the backend decide from the same function.
 */

/**
 * Operations on an Argo Rollouts `Rollout`, as `kubectl argo rollouts` names them.
 *
 * @public
 */
export const ARGO_ROLLOUT_OPERATIONS = [
  'promote',
  'promote-full',
  'abort',
  'retry',
  'pause',
  'restart',
] as const;

/**
 * Operations on a Deployment, as `kubectl rollout` names them.
 *
 * @public
 */
export const DEPLOYMENT_OPERATIONS = ['pause', 'resume', 'restart'] as const;

/**
 * Operations on a Flagger `Canary`: promote is `spec.skipAnalysis`, suspend/resume `spec.suspend`.
 *
 * @public
 */
export const FLAGGER_CANARY_OPERATIONS = [
  'promote',
  'suspend',
  'resume',
] as const;

/**
 * Every operation name KMOP knows, whatever the tool.
 *
 * @public
 */
export const KMOP_OPERATION_NAMES = [
  'promote',
  'promote-full',
  'abort',
  'retry',
  'pause',
  'resume',
  'restart',
  'suspend',
] as const;

/** @public */
export type KmopOperationName = (typeof KMOP_OPERATION_NAMES)[number];

/**
 * The tool whose client semantics an operation follows.
 *
 * @public
 */
export type KmopOperationTool = 'argo-rollouts' | 'deployment' | 'flagger';

/**
 * One operation and whether it applies to the item now.
 *
 * @public
 */
export interface KmopOfferedOperation {
  operation: KmopOperationName;
  /** True when the tool's own rules allow it in the object's current state. */
  offered: boolean;
  /** Why it is or is not offered, in words a person can act on. */
  reason: string;
  /** True when it writes `spec` (and so may be put back by GitOps). */
  changesSpec: boolean;
  /** What it does, in words. */
  effect: string;
  /**
   * The object the request goes to: the item's own source, or for a KMOP RolloutPolicy the
   * Rollout or Canary it was rendered into. Absent when that object is not known.
   */
  target?: KmopSource;
  /** `metadata.resourceVersion` of the target as this view saw it, to send with the operation. */
  resourceVersion?: string;
  /** Set when the operation changes `spec` of an object a GitOps tool manages. */
  warning?: string;
}

/**
 * The tool an object's kind belongs to, or undefined for kinds KMOP does not operate.
 *
 * @public
 */
export function operationToolOf(source: {
  apiVersion: string;
  kind: string;
}): KmopOperationTool | undefined {
  const { group } = parseApiVersion(source.apiVersion);
  if (group === 'argoproj.io' && source.kind === 'Rollout') {
    return 'argo-rollouts';
  }
  if (source.apiVersion === 'apps/v1' && source.kind === 'Deployment') {
    return 'deployment';
  }
  if (group === 'flagger.app' && source.kind === 'Canary') return 'flagger';
  return undefined;
}

/**
 * The operation names of a tool, in the order a page shows them.
 *
 * @public
 */
export function operationsOfTool(
  tool: KmopOperationTool,
): readonly KmopOperationName[] {
  if (tool === 'argo-rollouts') return ARGO_ROLLOUT_OPERATIONS;
  return tool === 'deployment'
    ? DEPLOYMENT_OPERATIONS
    : FLAGGER_CANARY_OPERATIONS;
}

const EFFECTS: Record<
  KmopOperationTool,
  Partial<Record<KmopOperationName, string>>
> = {
  'argo-rollouts': {
    promote:
      'Moves the rollout past its current pause or analysis step (kubectl argo rollouts promote: clears status.pauseConditions, or advances status.currentStepIndex, and unpauses spec.paused).',
    'promote-full':
      'Skips the remaining steps, pauses and analysis and moves all traffic to the new version (promote --full: status.promoteFull).',
    abort:
      'Sends all traffic back to the stable version and scales the canary down (abort: status.abort). The spec keeps the new version, so the rollout stays Degraded until it is retried or the spec changes.',
    retry:
      'Starts the aborted update again from its first step (retry: status.abort false).',
    pause:
      'Holds the rollout at its current step until it is promoted (pause: spec.paused).',
    restart:
      'Replaces the rollout’s pods a few at a time, respecting PodDisruptionBudgets, without changing the version (restart: spec.restartAt).',
  },
  deployment: {
    pause:
      'Stops the Deployment from rolling out changes to its pod template (kubectl rollout pause: spec.paused).',
    resume:
      'Lets the Deployment roll out its pod template again (kubectl rollout resume: removes spec.paused).',
    restart:
      'Replaces every pod through a rolling update without changing the version (kubectl rollout restart: the kubectl.kubernetes.io/restartedAt pod-template annotation).',
  },
  flagger: {
    promote:
      'Sets spec.skipAnalysis: Flagger cancels the running analysis and promotes the canary without further checks. It stays set, so later releases skip analysis too until it is removed.',
    suspend:
      'Sets spec.suspend: Flagger stops reconciling the canary; workloads and traffic weights stay as they are.',
    resume:
      'Clears spec.suspend: Flagger reconciles the canary again and resumes its analysis.',
  },
};

/** Which operations write `spec`; the others write only `status`. */
function changesSpec(
  tool: KmopOperationTool,
  operation: KmopOperationName,
  rollout: KmopRolloutView,
): boolean {
  if (tool !== 'argo-rollouts') return true;
  if (operation === 'pause' || operation === 'restart') return true;
  // promote unpauses spec.paused when the rollout was paused by hand.
  return operation === 'promote' && rollout.control?.specPaused === true;
}

type Rule = { offered: boolean; reason: string };
const yes = (reason: string): Rule => ({ offered: true, reason });
const no = (reason: string): Rule => ({ offered: false, reason });

const ARGO_DEPLOYING = new Set(['Progressing', 'Paused']);

function argoRule(operation: KmopOperationName, r: KmopRolloutView): Rule {
  const c = r.control ?? {};
  if (operation === 'restart') {
    return yes('Argo Rollouts restarts pods in any state');
  }
  if (c.fullyPromoted === undefined) {
    return no(
      'Argo Rollouts has not reported status.currentPodHash and status.stableRS, so whether the rollout is fully promoted is not known',
    );
  }
  if (r.aborted === undefined) return no('status.abort is malformed');
  if (operation === 'retry') {
    if (c.fullyPromoted) return no('The rollout is fully promoted');
    return r.aborted
      ? yes('The rollout was aborted')
      : no('Only an aborted rollout can be retried');
  }
  if (c.fullyPromoted) {
    return no('The rollout is fully promoted: there is no update to act on');
  }
  if (r.aborted) {
    return no('The rollout was aborted: retry it first');
  }
  if (operation === 'abort' || operation === 'promote-full') {
    return ARGO_DEPLOYING.has(r.phase ?? '')
      ? yes(`The rollout is ${r.phase}`)
      : no(
          `The rollout is ${
            r.phase ?? 'without a phase'
          }; only a Progressing or Paused rollout can be ${
            operation === 'abort' ? 'aborted' : 'promoted'
          }`,
        );
  }
  if (c.specPaused === undefined || c.pauseConditions === undefined) {
    return no('spec.paused or status.pauseConditions is malformed');
  }
  const paused = c.specPaused || c.pauseConditions > 0;
  if (operation === 'pause') {
    return paused
      ? no('The rollout is already paused')
      : yes('The rollout is not paused');
  }
  // promote: discovery.lua's resume rule (paused), and the CLI's mid-analysis promote of a
  // canary that is progressing through an analysis or experiment step.
  if (paused) return yes(`The rollout is paused (${pauseWords(r)})`);
  const current = r.steps.find(s => s.state === 'current');
  if (
    r.phase === 'Progressing' &&
    (current?.type === 'analysis' || current?.type === 'experiment')
  ) {
    return yes(
      `The rollout is running the ${current.type} of step ${current.index + 1}`,
    );
  }
  return no('The rollout is not paused at a step');
}

function pauseWords(r: KmopRolloutView): string {
  return r.pauseReasons.length > 0 ? r.pauseReasons.join(', ') : 'paused';
}

function deploymentRule(
  operation: KmopOperationName,
  r: KmopRolloutView,
): Rule {
  const paused = r.control?.specPaused;
  if (paused === undefined) return no('spec.paused is malformed');
  if (operation === 'pause') {
    return paused
      ? no('The Deployment is already paused')
      : yes('The Deployment is not paused');
  }
  if (operation === 'resume') {
    return paused
      ? yes('The Deployment is paused')
      : no('The Deployment is not paused');
  }
  return paused
    ? no('kubectl does not restart a paused Deployment: resume it first')
    : yes('The Deployment is not paused');
}

/** Phases in which a Flagger analysis is underway (skipAnalysis then promotes). */
const FLAGGER_ANALYSING = new Set([
  'Progressing',
  'Waiting',
  'WaitingPromotion',
]);

function flaggerRule(operation: KmopOperationName, r: KmopRolloutView): Rule {
  const { suspended, skipAnalysis } = r.control ?? {};
  if (suspended === undefined) return no('spec.suspend is malformed');
  if (operation === 'suspend') {
    return suspended
      ? no('The canary is already suspended')
      : yes('The canary is not suspended');
  }
  if (operation === 'resume') {
    return suspended
      ? yes('The canary is suspended')
      : no('The canary is not suspended');
  }
  if (skipAnalysis === undefined) return no('spec.skipAnalysis is malformed');
  if (suspended) return no('The canary is suspended: resume it first');
  if (skipAnalysis) return no('spec.skipAnalysis is already set');
  return FLAGGER_ANALYSING.has(r.phase ?? '')
    ? yes(`Flagger is analysing the canary (${r.phase})`)
    : no(
        `No analysis is underway (phase ${
          r.phase ?? 'not reported'
        }): there is nothing to promote`,
      );
}

const RULES: Record<
  KmopOperationTool,
  (operation: KmopOperationName, r: KmopRolloutView) => Rule
> = {
  'argo-rollouts': argoRule,
  deployment: deploymentRule,
  flagger: flaggerRule,
};

/**
 * The Rollout or Canary a KMOP RolloutPolicy was rendered into: the one the view lists under
 * the policy (`rendered`, by its controller ownerReference), else an item of the same cluster
 * and namespace whose `renderedFrom` names the policy (ownerReference, or the compilers'
 * `kmop.dev/compiled-from` annotation for manifests applied by GitOps).
 *
 * @public
 */
export function findRenderedRollout(
  policy: KmopRolloutView,
  rollouts: readonly KmopRolloutView[],
): KmopRolloutView | undefined {
  // The view lists what the operator rendered under the policy (nestRenderedObjects).
  const nested = policy.rendered?.find(
    r =>
      r.rollout !== undefined &&
      operationToolOf(r.source) !== undefined &&
      operationToolOf(r.source) !== 'deployment',
  )?.rollout;
  if (nested) return nested;
  const matches = rollouts.filter(
    r =>
      r.source.cluster === policy.source.cluster &&
      r.source.namespace === policy.source.namespace &&
      r.renderedFrom?.kind === policy.source.kind &&
      r.renderedFrom.name === policy.source.name &&
      operationToolOf(r.source) !== 'deployment' &&
      operationToolOf(r.source) !== undefined,
  );
  // The operator's ownerReference is the stronger link.
  return (
    matches.find(r => r.renderedFrom?.via === 'ownerReference') ?? matches[0]
  );
}

function isRolloutPolicy(r: KmopRolloutView): boolean {
  return (
    r.source.apiVersion.startsWith('kmop.dev/') &&
    r.source.kind === 'RolloutPolicy'
  );
}

function gitOpsWarning(r: KmopRolloutView): string | undefined {
  return r.gitOps
    ? `${r.gitOps.tool} manages ${r.source.kind} ${r.source.name} (${r.gitOps.marker}): a change to its spec may be put back from Git; change it in Git too`
    : undefined;
}

/**
 * Options of {@link offeredOperations}.
 *
 * @public
 */
export interface OfferedOperationsOptions {
  /** Every rollout item of the view, to find what a RolloutPolicy was rendered into. */
  rollouts?: readonly KmopRolloutView[];
}

/**
 * For every operation of the item's tool, whether it is offered now and why. A RolloutPolicy
 * acts on the Rollout or Canary it was rendered into (found among `options.rollouts`); when
 * that object is not in the view, nothing is offered and the reason says so. Kinds KMOP does
 * not operate get an empty list.
 *
 * @public
 */
export function offeredOperations(
  rollout: KmopRolloutView,
  options: OfferedOperationsOptions = {},
): KmopOfferedOperation[] {
  if (isRolloutPolicy(rollout)) {
    const rendered = findRenderedRollout(rollout, options.rollouts ?? []);
    if (rendered) {
      const name = `${rendered.source.kind} ${rendered.source.name}`;
      return offeredOperations(rendered).map(o => ({
        ...o,
        reason: `${o.reason} (on ${name}, rendered from this RolloutPolicy)`,
      }));
    }
    const tool: KmopOperationTool =
      rollout.control?.engine === 'flagger' ? 'flagger' : 'argo-rollouts';
    return operationsOfTool(tool).map(operation => ({
      operation,
      offered: false,
      reason: `The ${
        tool === 'flagger' ? 'Canary' : 'Rollout'
      } this RolloutPolicy renders into is not in this view: no object in ${
        rollout.source.namespace ?? 'its namespace'
      } has a controller ownerReference or a kmop.dev/compiled-from annotation naming RolloutPolicy/${
        rollout.source.name
      }`,
      changesSpec:
        tool === 'flagger' || operation === 'pause' || operation === 'restart',
      effect: EFFECTS[tool][operation] ?? '',
    }));
  }
  const tool = operationToolOf(rollout.source);
  if (!tool) return [];
  return operationsOfTool(tool).map(operation => {
    const rule = RULES[tool](operation, rollout);
    const spec = changesSpec(tool, operation, rollout);
    const warning = spec ? gitOpsWarning(rollout) : undefined;
    return {
      operation,
      offered: rule.offered,
      reason: rule.reason,
      changesSpec: spec,
      effect: EFFECTS[tool][operation] ?? '',
      target: rollout.source,
      ...(rollout.resourceVersion === undefined
        ? {}
        : { resourceVersion: rollout.resourceVersion }),
      ...(warning ? { warning } : {}),
    };
  });
}
