import type {
  KmopAnalysisMetric,
  KmopAnalysisPlan,
  KmopAnalysisWebhook,
  KmopMatchCondition,
  KmopReportedCondition,
  KmopRolloutStep,
  KmopRolloutView,
} from '../../view';
import { Reader, describeCondition, findCondition, show } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import { blankRollout, readGitOps, readRenderedFrom } from './common';

/** Flagger's total weight: canary weights are percentages of it. */
const TOTAL_WEIGHT = 100;

const OK_PHASES = new Set(['Succeeded', 'Initialized']);
const PROGRESSING_PHASES = new Set([
  'Initializing',
  'Waiting',
  'Progressing',
  'WaitingPromotion',
  'Promoting',
  'Finalising',
]);
/** Phases after which the canary has taken all its weight steps. */
const PROMOTED_PHASES = new Set(['Promoting', 'Finalising', 'Succeeded']);

function isWeight(w: unknown, min: number): w is number {
  return (
    Number.isSafeInteger(w) &&
    (w as number) >= min &&
    (w as number) <= TOTAL_WEIGHT
  );
}

/** An integer weight in [min, 100]; anything else is recorded. */
function readWeight(a: Reader, path: string, min: number): number | undefined {
  const w = a.get(path);
  if (w === undefined || isWeight(w, min)) return w;
  a.note(
    path,
    `is ${show(w)}, expected an integer from ${min} to ${TOTAL_WEIGHT}`,
  );
  return undefined;
}

/**
 * The canary weights Flagger walks through, as the scheduler does: the listed stepWeights, or
 * stepWeight added until maxWeight (default 100) is reached, never above 100.
 */
function plannedWeights(a: Reader | undefined): number[] {
  if (!a) return [];
  const listed = a.list('stepWeights');
  if (listed.length > 0) {
    const bad = listed.filter((w, i) => {
      if (isWeight(w, 0)) return false;
      a.note(
        `stepWeights[${i}]`,
        `is ${show(w)}, expected an integer from 0 to ${TOTAL_WEIGHT}`,
      );
      return true;
    });
    // Steps without one of their weights would be numbered and paced wrongly.
    return bad.length > 0 ? [] : (listed as number[]);
  }
  const step = readWeight(a, 'stepWeight', 1);
  if (step === undefined) return [];
  // Flagger's default maxWeight is 100.
  const max = a.orDefault(
    readWeight(a, 'maxWeight', 1),
    'maxWeight',
    TOTAL_WEIGHT,
  );
  if (max === undefined) return [];
  const weights: number[] = [];
  for (let w = 0; w < max; ) {
    w = Math.min(w + step, TOTAL_WEIGHT);
    weights.push(w);
  }
  return weights;
}

function stepsOf(
  weights: readonly number[],
  phase: string | undefined,
  canaryWeight: number | undefined,
): KmopRolloutStep[] {
  const promoted = phase !== undefined && PROMOTED_PHASES.has(phase);
  const progressing = phase === 'Progressing' || phase === 'WaitingPromotion';
  return weights.map((weight, index) => {
    let state: KmopRolloutStep['state'] = 'pending';
    if (promoted) state = 'done';
    else if (progressing && canaryWeight !== undefined) {
      if (weight < canaryWeight) state = 'done';
      else if (weight === canaryWeight) state = 'current';
    }
    return { index, type: 'setWeight', weight, state };
  });
}

/** docs/sources/flagger-canary.md. */
function canaryVerdict(
  r: Reader,
  phase: string | undefined,
  risk: string,
): HealthVerdict {
  const promoted = findCondition(r.conditions(), 'Promoted');
  const detail = promoted?.message ? `: ${promoted.message}` : '';
  if (phase === undefined || phase === '') {
    return {
      health: 'unknown',
      reason: 'Flagger has not reported a phase yet',
    };
  }
  if (OK_PHASES.has(phase))
    return { health: 'ok', reason: `${phase}${detail}` };
  if (PROGRESSING_PHASES.has(phase)) {
    return { health: 'progressing', reason: `${phase}${risk}${detail}` };
  }
  if (phase === 'Failed' || promoted?.status === 'False') {
    return {
      health: 'degraded',
      reason: promoted ? describeCondition(promoted) : `Failed${risk}`,
    };
  }
  return { health: 'unknown', reason: `${phase}${detail}` };
}

/** Flagger's defaults (pkg/apis/flagger/v1beta1/canary.go). */
const DEFAULT_INTERVAL = '60s';
const DEFAULT_THRESHOLD = 1;
const DEFAULT_METRIC_INTERVAL = '1m';

function readMetric(
  m: Reader,
  at: string,
  defaults: string[],
): KmopAnalysisMetric {
  const min = m.num('thresholdRange.min');
  const max = m.num('thresholdRange.max');
  const interval = m.orDefault(
    m.str('interval'),
    'interval',
    DEFAULT_METRIC_INTERVAL,
  );
  if (interval !== undefined && !m.has('interval')) {
    defaults.push(`${at}.interval`);
  }
  const template = m.str('templateRef.name');
  const templateNs = m.str('templateRef.namespace');
  return {
    name: m.str('name') ?? '',
    ...(min === undefined && max === undefined
      ? {}
      : { thresholdRange: { min, max } }),
    interval,
    templateRef:
      template && (templateNs ? `${templateNs}/${template}` : template),
  };
}

function readWebhook(w: Reader): KmopAnalysisWebhook {
  return {
    name: w.str('name') ?? '',
    type: w.str('type'),
    url: w.str('url'),
    timeout: w.str('timeout'),
  };
}

/** Istio StringMatch: one of exact, prefix, suffix or regex. */
const STRING_MATCH_TYPES = ['exact', 'prefix', 'suffix', 'regex'];

/** The conditions of one StringMatch map (`headers`, `queryParams`) or a single one (`uri`). */
function stringMatches(
  m: Reader | undefined,
  on: KmopMatchCondition['on'],
  name?: string,
): KmopMatchCondition[] {
  if (!m) return [];
  return STRING_MATCH_TYPES.filter(type => m.str(type) !== undefined).map(
    type => ({
      on,
      ...(name === undefined ? {} : { name }),
      type,
      value: m.str(type) as string,
    }),
  );
}

/** One `analysis.match[]` entry (Istio HTTPMatchRequest) as the conditions it ANDs. */
function readMatch(m: Reader): KmopMatchCondition[] {
  const out: KmopMatchCondition[] = [];
  const headers = m.record('headers');
  for (const name of headers?.keys() ?? []) {
    // Flagger's documented way to match a cookie is a regex on the cookie header.
    const on = name.toLowerCase() === 'cookie' ? 'cookie' : 'header';
    out.push(...stringMatches(headers?.record([name]), on, name));
  }
  const query = m.record('queryParams');
  for (const name of query?.keys() ?? []) {
    out.push(...stringMatches(query?.record([name]), 'query', name));
  }
  out.push(...stringMatches(m.record('uri'), 'uri'));
  out.push(...stringMatches(m.record('method'), 'method'));
  const labels = m.stringMap('sourceLabels');
  for (const [name, value] of Object.entries(labels)) {
    out.push({ on: 'sourceLabel', name, type: 'exact', value });
  }
  return out;
}

/** `spec.analysis` as a plan: interval, threshold, weights, metrics and webhooks. */
function readPlan(
  a: Reader,
  defaults: string[],
): { plan: KmopAnalysisPlan; threshold: number | undefined } {
  const written = a.int('threshold');
  // Flagger: a threshold of 0 or none means 1.
  let threshold: number | undefined = DEFAULT_THRESHOLD;
  if (written !== undefined && written > 0) threshold = written;
  else if (a.isMalformed('threshold')) threshold = undefined;
  if (threshold !== undefined && threshold !== written) {
    defaults.push('analysisPlan.threshold', 'failureThreshold');
  }
  const interval = a.orDefault(a.str('interval'), 'interval', DEFAULT_INTERVAL);
  if (interval !== undefined && !a.has('interval')) {
    defaults.push('analysisPlan.interval');
  }
  const stepWeights = a.list('stepWeights');
  const plan: KmopAnalysisPlan = {
    interval,
    threshold,
    stepWeight: readWeight(a, 'stepWeight', 1),
    maxWeight: readWeight(a, 'maxWeight', 1),
    ...(stepWeights.length > 0 && stepWeights.every(w => isWeight(w, 0))
      ? { stepWeights: stepWeights as number[] }
      : {}),
    iterations: a.int('iterations'),
    ...(a.arr('match').length > 0
      ? { matches: a.arr('match').map(readMatch) }
      : {}),
    metrics: a
      .arr('metrics')
      .map((m, i) => readMetric(m, `analysisPlan.metrics[${i}]`, defaults)),
    webhooks: a.arr('webhooks').map(readWebhook),
  };
  return { plan, threshold };
}

function readPromoted(r: Reader): KmopReportedCondition | undefined {
  const c = findCondition(r.conditions(), 'Promoted');
  return c
    ? {
        type: c.type,
        status: c.status,
        reason: c.reason,
        message: c.message,
        lastTransitionTime: c.lastTransitionTime,
      }
    : undefined;
}

/**
 * Flagger Canary (flagger.app/v1beta1) → one rollout item.
 *
 * @public
 */
export const normalizeFlaggerCanary = defineNormalizer<KmopRolloutView>({
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  // Flagger's CanaryStatus and CanaryCondition have no observedGeneration.
  observedGenerationField: 'none',
  blank: blankRollout,
  build: (r, meta) => {
    // spec.canaryAnalysis is the deprecated name of spec.analysis.
    const analysis =
      r.record('spec.analysis') ?? r.record('spec.canaryAnalysis');
    const phase = r.str('status.phase');
    const canaryWeight = readWeight(r, 'status.canaryWeight', 0);
    const failedChecks = r.int('status.failedChecks');
    const defaults: string[] = [];
    const planned = analysis ? readPlan(analysis, defaults) : undefined;
    const failureThreshold = planned?.threshold;
    const iterations = analysis?.int('iterations') ?? 0;
    const abTesting =
      iterations > 0 && (analysis?.list('match').length ?? 0) > 0;
    const risk =
      failedChecks !== undefined && failureThreshold !== undefined
        ? ` (${failedChecks}/${failureThreshold} failed checks)`
        : '';
    const verdict = canaryVerdict(r, phase, risk);
    const suspended = r.orDefault(
      r.bool('spec.suspend'),
      'spec.suspend',
      false,
    );
    const skipAnalysis = r.orDefault(
      r.bool('spec.skipAnalysis'),
      'spec.skipAnalysis',
      false,
    );
    const badges = [...(verdict.badges ?? [])];
    if (abTesting) badges.push('A/B testing');
    if (r.bool('spec.suspend') === true) badges.push('suspended');
    if (r.bool('spec.skipAnalysis') === true) badges.push('analysis skipped');
    const targetName = r.str('spec.targetRef.name');
    const provider = r.str('spec.provider');
    const apex = r.str('spec.service.name') ?? targetName;
    return [
      {
        ...itemBase(meta, { ...verdict, badges }),
        strategy: iterations > 0 && !abTesting ? 'blueGreen' : 'canary',
        phase,
        message: findCondition(r.conditions(), 'Promoted')?.message,
        steps: stepsOf(plannedWeights(analysis), phase, canaryWeight),
        canaryWeight,
        aborted: false,
        paused: suspended,
        pauseReasons: r.bool('spec.suspend') === true ? ['suspended'] : [],
        failedChecks,
        failureThreshold,
        analysisPlan: planned?.plan,
        trafficRouting: provider ? [{ provider }] : undefined,
        servicePort: r.int('spec.service.port'),
        promoted: readPromoted(r),
        // Flagger names its services after the apex service (GetServiceNames).
        services: apex
          ? { canary: `${apex}-canary`, stable: `${apex}-primary` }
          : undefined,
        target: targetName
          ? {
              kind: r.str('spec.targetRef.kind') ?? 'Deployment',
              name: targetName,
            }
          : undefined,
        control: { suspended, skipAnalysis },
        renderedFrom: readRenderedFrom(r),
        gitOps: readGitOps(r),
        resourceVersion: r.str('metadata.resourceVersion'),
        ...(defaults.length > 0 ? { defaults } : {}),
      },
    ];
  },
});
