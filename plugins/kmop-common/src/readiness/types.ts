/**
 * Readiness: a service measured against the twelve components of the KMOP blueprint,
 * from what runs in its clusters. Every check is computed by a pure function in this
 * folder; `docs/readiness.md` documents each one.
 */

/**
 * The twelve components every microservice needs, in the blueprint's order.
 *
 * @public
 */
export const READINESS_COMPONENTS = [
  'discovery',
  'gateway',
  'loadBalancing',
  'configuration',
  'communication',
  'monitoring',
  'containerization',
  'delivery',
  'security',
  'data',
  'resilience',
  'orchestration',
] as const;

/** @public */
export type ReadinessComponent = (typeof READINESS_COMPONENTS)[number];

/**
 * Names of the components, as a person reads them.
 *
 * @public
 */
export const READINESS_COMPONENT_TITLES: Record<ReadinessComponent, string> = {
  discovery: 'Service discovery',
  gateway: 'API gateway',
  loadBalancing: 'Load balancing',
  configuration: 'Configuration',
  communication: 'Service communication',
  monitoring: 'Monitoring and logging',
  containerization: 'Containerization',
  delivery: 'CI/CD',
  security: 'Security',
  data: 'Data management',
  resilience: 'Fault tolerance and resilience',
  orchestration: 'Orchestration',
};

/** @public */
export type ReadinessStatus = 'pass' | 'warn' | 'fail' | 'notApplicable';

/**
 * An object a check read, or a note on what it looked for and did not find.
 *
 * @public
 */
export interface ReadinessEvidence {
  cluster?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** What this object says for the check, in words. */
  note: string;
}

/**
 * What to do about a check that does not pass.
 *
 * @public
 */
export interface ReadinessRemedy {
  /** In words. */
  text: string;
  /**
   * The day-2 template that adds the missing KMOP resource to the service, when one does:
   * `slo` (a ServiceLevelObjective), `resilience` (a ResiliencePolicy), `rollout` (a
   * RolloutPolicy). The frontend links to `kmop-day2` with it as the `resource` parameter.
   */
  template?: 'slo' | 'resilience' | 'rollout';
}

/** @public */
export interface ReadinessCheckResult {
  /** Stable id: `<component>.<name>`, e.g. `resilience.disruptionBudget`. */
  id: string;
  component: ReadinessComponent;
  title: string;
  status: ReadinessStatus;
  /** The result in one sentence. */
  summary: string;
  /** The objects read (object + cluster), or what was looked for and not found. */
  evidence: ReadinessEvidence[];
  /** Absent when the check passes or does not apply. */
  remedy?: ReadinessRemedy;
  /**
   * Set when the check fails only because nothing of the service runs (no Deployment,
   * StatefulSet or Argo Rollout found in any cluster). Every such check has the same
   * summary, evidence and remedy, so a page says it once for the service.
   */
  nothingRuns?: true;
}

/**
 * One service's readiness.
 *
 * @public
 */
export interface KmopReadiness {
  checks: ReadinessCheckResult[];
  counts: Record<ReadinessStatus, number>;
  /**
   * Passed ÷ applicable checks, in [0, 1]; a warning counts half. Absent when no check
   * applies.
   */
  score?: number;
  /** Workloads (Deployment, StatefulSet, Rollout) found for the service, over all clusters. */
  workloads: number;
}
