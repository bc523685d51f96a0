import { isRecord, parseApiVersion } from '@kmop/plugin-kmop-common';
import { readinessOf, routeParents } from './childStatus';
import { RouteUrl } from './routeUrl';
import { EVALUATED_CONDITION, SloEvaluation } from './sloEvaluator';
import { KubeObject } from './types';

/** How a reconcile ended, which the kmop.dev object's conditions report. */
export type Outcome =
  | {
      type: 'applied';
      children: readonly KubeObject[];
      warnings: readonly string[];
      /** A GatewayRoute's URL, or why it has none. */
      url?: RouteUrl;
    }
  | { type: 'invalid'; field: string; message: string }
  | { type: 'crdMissing'; crds: readonly string[]; targets: readonly string[] }
  | { type: 'conflict'; message: string }
  | { type: 'apiError'; message: string };

/** A status condition as the kmop.dev CRDs declare it. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

const CONDITION_STATUSES: readonly unknown[] = ['True', 'False', 'Unknown'];

/** A condition of a status as read back from the cluster (the CRD's schema checked it). */
function isCondition(value: unknown): value is Condition {
  return (
    isRecord(value) &&
    typeof value.type === 'string' &&
    CONDITION_STATUSES.includes(value.status) &&
    (value.reason === undefined || typeof value.reason === 'string') &&
    (value.message === undefined || typeof value.message === 'string') &&
    (value.lastTransitionTime === undefined ||
      typeof value.lastTransitionTime === 'string') &&
    (value.observedGeneration === undefined ||
      typeof value.observedGeneration === 'number')
  );
}

/**
 * The SLO figures, which the operator's SLO evaluator measures (or, when it has no
 * Prometheus, something else may write): a reconcile writes the latest evaluation's, and
 * otherwise carries over those in the status.
 */
const EVALUATED_FIELDS = [
  'sli',
  'errorBudgetRemaining',
  'burnRates',
  'lastEvaluated',
];

function condition(
  type: string,
  ok: boolean,
  reason: string,
  message: string,
  generation: number | undefined,
): Condition {
  return {
    type,
    status: ok ? 'True' : 'False',
    reason,
    message,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  };
}

function rolloutFields(
  children: readonly KubeObject[],
): Record<string, unknown> {
  const rollout = children.find(c => c.kind === 'Rollout');
  if (rollout?.status) {
    const s = rollout.status as Record<string, any>;
    const weight = s.canary?.weights?.canary?.weight;
    return {
      ...(typeof s.phase === 'string' ? { phase: s.phase } : {}),
      ...(typeof s.currentStepIndex === 'number'
        ? { currentStepIndex: s.currentStepIndex }
        : {}),
      ...(typeof weight === 'number' ? { canaryWeight: weight } : {}),
      ...(typeof s.stableRS === 'string' ? { stableRevision: s.stableRS } : {}),
      ...(typeof s.currentPodHash === 'string' &&
      s.currentPodHash !== s.stableRS
        ? { canaryRevision: s.currentPodHash }
        : {}),
    };
  }
  const canary = children.find(c => c.kind === 'Canary');
  if (canary?.status) {
    const s = canary.status as Record<string, any>;
    return {
      ...(typeof s.phase === 'string' ? { phase: s.phase } : {}),
      ...(typeof s.iterations === 'number'
        ? { currentStepIndex: s.iterations }
        : {}),
      ...(typeof s.canaryWeight === 'number'
        ? { canaryWeight: s.canaryWeight }
        : {}),
      ...(typeof s.lastPromotedSpec === 'string'
        ? { stableRevision: s.lastPromotedSpec }
        : {}),
      ...(typeof s.lastAppliedSpec === 'string' &&
      s.lastAppliedSpec !== s.lastPromotedSpec
        ? { canaryRevision: s.lastAppliedSpec }
        : {}),
    };
  }
  return {};
}

/** Conditions of a GatewayRoute mirrored from its HTTPRoute, over all parents. */
function routeConditions(
  children: readonly KubeObject[],
  generation: number | undefined,
): { conditions: Condition[]; fields: Record<string, unknown> } {
  const route = children.find(c => c.kind === 'HTTPRoute');
  if (!route) return { conditions: [], fields: {} };
  const parents = routeParents(route);
  const fields = { parents };
  if (parents.length === 0) {
    const message = `HTTPRoute ${route.metadata.name} has no status from a Gateway yet`;
    return {
      fields,
      conditions: [
        { type: 'Accepted', status: 'Unknown', reason: 'Pending', message },
        { type: 'ResolvedRefs', status: 'Unknown', reason: 'Pending', message },
      ].map(c => ({ ...c, observedGeneration: generation } as Condition)),
    };
  }
  const mirror = (type: 'Accepted' | 'ResolvedRefs'): Condition => {
    const key = type === 'Accepted' ? 'accepted' : 'resolvedRefs';
    const bad = parents.filter(p => p[key] !== 'True');
    const name = (p: { name: string; namespace?: string }) =>
      p.namespace ? `${p.namespace}/${p.name}` : p.name;
    return condition(
      type,
      bad.length === 0,
      bad.length === 0 ? type : `Not${type}`,
      bad.length === 0
        ? `${type} by ${parents.map(name).join(', ')}`
        : bad
            .map(p => `${name(p)}: ${p.message ?? `${type}=${p[key]}`}`)
            .join('; '),
      generation,
    );
  };
  return { fields, conditions: [mirror('Accepted'), mirror('ResolvedRefs')] };
}

function sloConditions(
  children: readonly KubeObject[],
  generation: number | undefined,
): Condition[] {
  const rules = children.find(
    c =>
      c.kind === 'PrometheusServiceLevel' || c.kind === 'ServiceLevelObjective',
  );
  return [
    rules
      ? condition(
          'Generated',
          true,
          'RulesObjectApplied',
          `${rules.kind} ${rules.metadata.name} (${
            parseApiVersion(rules.apiVersion).group
          }) generates the recording and alerting rules`,
          generation,
        )
      : condition(
          'Generated',
          false,
          'NoRulesObject',
          'no Sloth or Pyrra object was rendered',
          generation,
        ),
  ];
}

/** The per-kind part of a status, from the live children. */
function kindPart(
  kind: string,
  children: readonly KubeObject[],
  generation: number | undefined,
  url: RouteUrl | undefined,
): { fields: Record<string, unknown>; conditions: Condition[] } {
  switch (kind) {
    case 'Microservice': {
      const deployment = children.find(c => c.kind === 'Deployment');
      const ready = deployment?.status?.readyReplicas;
      return {
        fields: typeof ready === 'number' ? { readyReplicas: ready } : {},
        conditions: [],
      };
    }
    case 'GatewayRoute': {
      const part = routeConditions(children, generation);
      return url && 'url' in url
        ? { ...part, fields: { ...part.fields, url: url.url } }
        : part;
    }
    case 'RolloutPolicy':
      return { fields: rolloutFields(children), conditions: [] };
    case 'ServiceLevelObjective':
      return { fields: {}, conditions: sloConditions(children, generation) };
    default:
      return { fields: {}, conditions: [] };
  }
}

function outcomeConditions(
  outcome: Outcome,
  generation: number | undefined,
): Condition[] {
  const both = (reason: string, message: string) => [
    condition('Ready', false, reason, message, generation),
    condition('Reconciled', false, reason, message, generation),
  ];
  switch (outcome.type) {
    case 'invalid':
      return both(
        'InvalidSpec',
        `${outcome.field ? `${outcome.field}: ` : ''}${
          outcome.message
        }; the objects rendered before are left as they were`,
      );
    case 'crdMissing':
      return both(
        'TargetCRDMissing',
        `the CustomResourceDefinition ${outcome.crds.join(
          ', ',
        )} is not installed (needed for target ${outcome.targets.join(
          ', ',
        )}); install it, or choose other targets with the kmop.dev/targets annotation`,
      );
    case 'conflict':
      return both('ChildConflict', outcome.message);
    case 'apiError':
      return both('ApiError', `${outcome.message}; retrying with backoff`);
    case 'applied': {
      const notReady = outcome.children
        .map(c => ({ c, r: readinessOf(c) }))
        .filter(x => !x.r.ready)
        .map(x => `${x.c.kind} ${x.c.metadata.name}: ${x.r.message}`);
      const warnings = outcome.warnings.length
        ? `; warnings: ${outcome.warnings.join(' ')}`
        : '';
      // Why a GatewayRoute has no status.url, so that whoever reads the status can fix it.
      const noUrl =
        outcome.url && 'reason' in outcome.url
          ? `; no URL: ${outcome.url.reason}`
          : '';
      return [
        notReady.length === 0
          ? condition(
              'Ready',
              true,
              'ChildrenReady',
              outcome.children.length === 0
                ? 'nothing to render for the targets'
                : `${outcome.children.length} rendered object(s) ready`,
              generation,
            )
          : condition(
              'Ready',
              false,
              'ChildNotReady',
              notReady.join('; '),
              generation,
            ),
        condition(
          'Reconciled',
          true,
          'Applied',
          `${outcome.children.length} object(s) applied${warnings}${noUrl}`,
          generation,
        ),
      ];
    }
    default:
      return [];
  }
}

/**
 * The status a kmop.dev object should have after a reconcile: `observedGeneration`, the
 * `Ready` and `Reconciled` conditions (and the kind's own: GatewayRoute's `Accepted` and
 * `ResolvedRefs`, an SLO's `Generated` and `Evaluated`), the children, and the kind's fields
 * mirrored from them. When nothing was applied, what the previous status said of the
 * children is kept. An SLO's figures and `Evaluated` condition come from `evaluation`, the
 * latest measurement, when there is one; else the previous status's are kept.
 */
export function desiredStatus(
  owner: KubeObject,
  outcome: Outcome,
  now: string,
  evaluation?: SloEvaluation,
): Record<string, unknown> {
  const previous = (owner.status ?? {}) as Record<string, unknown>;
  const generation = owner.metadata.generation;
  const previousConditions = Array.isArray(previous.conditions)
    ? previous.conditions.filter(isCondition)
    : [];
  const status: Record<string, unknown> = {};
  const figures = evaluation?.figures ?? previous;
  for (const f of EVALUATED_FIELDS) {
    if (figures[f as keyof typeof figures] !== undefined) {
      status[f] = figures[f as keyof typeof figures];
    }
  }
  const evaluated = evaluation
    ? [evaluation.condition]
    : previousConditions.filter(c => c.type === EVALUATED_CONDITION);
  let kindConditions: Condition[] = [];
  if (outcome.type === 'applied') {
    const part = kindPart(
      owner.kind,
      outcome.children,
      generation,
      outcome.url,
    );
    Object.assign(status, part.fields);
    kindConditions = part.conditions;
    status.children = outcome.children.map(c => ({
      apiVersion: c.apiVersion,
      kind: c.kind,
      name: c.metadata.name,
    }));
  } else {
    for (const [k, v] of Object.entries(previous)) {
      if (
        k !== 'conditions' &&
        k !== 'observedGeneration' &&
        !EVALUATED_FIELDS.includes(k) &&
        status[k] === undefined
      ) {
        status[k] = v;
      }
    }
    kindConditions = previousConditions.filter(
      c =>
        c.type !== 'Ready' &&
        c.type !== 'Reconciled' &&
        c.type !== EVALUATED_CONDITION,
    );
  }
  if (generation !== undefined) status.observedGeneration = generation;
  const fresh = [
    ...outcomeConditions(outcome, generation),
    ...kindConditions,
    ...evaluated,
  ];
  status.conditions = fresh.map(c => {
    const before = previousConditions.find(p => p.type === c.type);
    const keep =
      before && before.status === c.status && before.lastTransitionTime;
    return {
      ...c,
      lastTransitionTime: keep
        ? before.lastTransitionTime
        : c.lastTransitionTime ?? now,
    };
  });
  return status;
}

/** True when two statuses say the same, whatever the order of their keys. */
export function sameStatus(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map(k => [k, sorted((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** A merge patch turning `previous` into `next`: keys gone from `next` set to null. */
export function statusPatch(
  previous: Record<string, unknown> | undefined,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...next };
  for (const k of Object.keys(previous ?? {})) {
    if (!(k in next)) patch[k] = null;
  }
  return patch;
}
