import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import {
  computeReadiness,
  READINESS_COMPONENTS,
  READINESS_COMPONENT_TITLES,
  type KmopReadiness,
  type ReadinessComponent,
  type ReadinessStatus,
} from '@kmop/plugin-kmop-common';

/**
 * The fact name of a check: its id with `_` for `.` (`resilience.disruptionBudget` →
 * `resilience_disruptionBudget`), because Tech Insights checks name facts in JSON paths and
 * rules where a dot would read as a nested field.
 *
 * @public
 */
export function checkFactName(checkId: string): string {
  return checkId.replace(/\./g, '_');
}

/**
 * The fact name of a component's status: `component_<component>`.
 *
 * @public
 */
export function componentFactName(component: ReadinessComponent): string {
  return `component_${component}`;
}

const STATUS_WORDS =
  '`pass`, `warn`, `fail` or `notApplicable` (docs/readiness.md)';

// Worst first: a component is as ready as its least ready check.
const WORST_FIRST: ReadinessStatus[] = [
  'fail',
  'warn',
  'pass',
  'notApplicable',
];

/**
 * The schema of the facts {@link readinessFacts} gives: one per check, one per component,
 * and the totals.
 *
 * @public
 */
export function readinessFactSchema(): FactSchema {
  const schema: FactSchema = {};
  // A check's id, component and title do not depend on what it reads, so the checks of a
  // service with nothing name every check once, in KMOP's own words.
  const { checks } = computeReadiness({
    items: { routes: [], slos: [], rollouts: [], resilience: [] },
    facts: [],
    neighbours: [],
    lookedFor: 'the schema',
  });
  for (const check of checks) {
    schema[checkFactName(check.id)] = {
      type: 'string',
      description: `${READINESS_COMPONENT_TITLES[check.component]}: ${
        check.title
      } — ${STATUS_WORDS}`,
    };
  }
  for (const component of READINESS_COMPONENTS) {
    schema[componentFactName(component)] = {
      type: 'string',
      description: `${READINESS_COMPONENT_TITLES[component]}: the least ready of its checks, ${STATUS_WORDS}`,
    };
  }
  Object.assign(schema, {
    score: {
      type: 'float',
      description:
        'Passed ÷ applicable checks in [0, 1], a warning counting half; absent when no check applies',
    },
    passed: { type: 'integer', description: 'Checks that pass' },
    warnings: { type: 'integer', description: 'Checks that warn' },
    failures: { type: 'integer', description: 'Checks that fail' },
    notApplicable: {
      type: 'integer',
      description: 'Checks that do not concern the service',
    },
    workloads: {
      type: 'integer',
      description:
        'Deployments, StatefulSets and Argo Rollouts of the service found over all clusters',
    },
    failingChecks: {
      type: 'set',
      description: 'Ids of the checks that fail (e.g. `monitoring.slo`)',
    },
  } satisfies FactSchema);
  return schema;
}

/**
 * One service's readiness as Tech Insights facts. A check the readiness does not contain
 * (an older KMOP backend) gives no fact rather than a guessed status; so does a component
 * none of whose checks is there, and the score when no check applies.
 *
 * @public
 */
export function readinessFacts(
  readiness: KmopReadiness,
): Record<string, string | number | string[]> {
  const facts: Record<string, string | number | string[]> = {};
  const byComponent = new Map<ReadinessComponent, ReadinessStatus[]>();
  for (const check of readiness.checks) {
    facts[checkFactName(check.id)] = check.status;
    byComponent.set(check.component, [
      ...(byComponent.get(check.component) ?? []),
      check.status,
    ]);
  }
  for (const [component, statuses] of byComponent) {
    facts[componentFactName(component)] = WORST_FIRST.find(s =>
      statuses.includes(s),
    )!;
  }
  if (readiness.score !== undefined) facts.score = readiness.score;
  facts.passed = readiness.counts.pass;
  facts.warnings = readiness.counts.warn;
  facts.failures = readiness.counts.fail;
  facts.notApplicable = readiness.counts.notApplicable;
  facts.workloads = readiness.workloads;
  facts.failingChecks = readiness.checks
    .filter(c => c.status === 'fail')
    .map(c => c.id);
  return facts;
}
