/**
 * The API group of KMOP resources.
 *
 * @public
 */
export const KMOP_GROUP = 'kmop.dev';

/**
 * The version of the KMOP resource model.
 *
 * @public
 */
export const KMOP_VERSION = 'v1alpha1';

/**
 * `apiVersion` of every KMOP resource.
 *
 * @public
 */
export const KMOP_API_VERSION = `${KMOP_GROUP}/${KMOP_VERSION}` as const;

/**
 * A column `kubectl get` shows for a kind (`additionalPrinterColumns`).
 *
 * @public
 */
export interface KmopPrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description: string;
  /** 0 shows in `kubectl get`; higher only with `-o wide`. */
  priority?: number;
}

/**
 * How a KMOP kind is named in the API and shown by kubectl.
 *
 * @public
 */
export interface KmopKindInfo {
  plural: string;
  singular: string;
  shortNames: string[];
  /** What the kind declares, in one sentence. */
  description: string;
  printerColumns: KmopPrinterColumn[];
}

const serviceColumn: KmopPrinterColumn = {
  name: 'Service',
  type: 'string',
  jsonPath: '.spec.serviceRef',
  description: 'The KMOP service this resource belongs to.',
};

const ageColumn: KmopPrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description: 'Time since the resource was created.',
};

function conditionColumn(type: string): KmopPrinterColumn {
  return {
    name: type,
    type: 'string',
    jsonPath: `.status.conditions[?(@.type=="${type}")].status`,
    description: `Status of the ${type} condition.`,
  };
}

/*
 * Short names avoid those of common ecosystem CRDs: `slo` belongs to Pyrra's
 * ServiceLevelObjective and `ro` to Argo Rollouts, hence `kslo` and `rop`.
 */

/**
 * The name of a KMOP kind.
 *
 * @public
 */
export type KmopKind =
  | 'Microservice'
  | 'GatewayRoute'
  | 'ServiceLevelObjective'
  | 'RolloutPolicy'
  | 'ResiliencePolicy';

/**
 * Every KMOP kind with its API names and printer columns.
 *
 * @public
 */
export const KMOP_KINDS: Readonly<Record<KmopKind, KmopKindInfo>> = {
  Microservice: {
    plural: 'microservices',
    singular: 'microservice',
    shortNames: ['ms'],
    description:
      'A microservice: owner, image, ports, replicas and autoscaling, configuration, dependencies and monitoring.',
    printerColumns: [
      {
        name: 'Owner',
        type: 'string',
        jsonPath: '.spec.owner',
        description: 'Catalog entity that owns the service.',
      },
      {
        name: 'Replicas',
        type: 'integer',
        jsonPath: '.spec.replicas',
        description: 'Desired replicas.',
      },
      {
        name: 'Ready Replicas',
        type: 'integer',
        jsonPath: '.status.readyReplicas',
        description: 'Replicas ready to serve.',
      },
      conditionColumn('Ready'),
      {
        name: 'Image',
        type: 'string',
        jsonPath: '.spec.image',
        description: 'Container image.',
        priority: 1,
      },
      ageColumn,
    ],
  },
  GatewayRoute: {
    plural: 'gatewayroutes',
    singular: 'gatewayroute',
    shortNames: ['gwr'],
    description:
      'How a service is exposed through a gateway: hostnames, path and method matches, backends and weights, timeouts, authentication and rate limit.',
    printerColumns: [
      serviceColumn,
      {
        name: 'Gateway',
        type: 'string',
        jsonPath: '.spec.gateway.name',
        description: 'The gateway the route attaches to.',
      },
      {
        name: 'Hostnames',
        type: 'string',
        jsonPath: '.spec.hostnames',
        description: 'Hostnames the route answers for.',
      },
      conditionColumn('Accepted'),
      conditionColumn('Ready'),
      {
        name: 'URL',
        type: 'string',
        jsonPath: '.status.url',
        description: 'Where the route can be reached.',
        priority: 1,
      },
      ageColumn,
    ],
  },
  ServiceLevelObjective: {
    plural: 'servicelevelobjectives',
    singular: 'servicelevelobjective',
    shortNames: ['kslo'],
    description:
      'A service level objective: the objective in percent over a window, the indicator as Prometheus queries, and alerting.',
    printerColumns: [
      serviceColumn,
      {
        name: 'Objective',
        type: 'number',
        jsonPath: '.spec.objective',
        description: 'Objective in percent.',
      },
      {
        name: 'Window',
        type: 'string',
        jsonPath: '.spec.window',
        description: 'Period the objective is measured over.',
      },
      {
        name: 'SLI',
        type: 'number',
        jsonPath: '.status.sli',
        description:
          'Observed service level indicator over the window (ratio).',
      },
      {
        name: 'Budget',
        type: 'number',
        jsonPath: '.status.errorBudgetRemaining',
        description: 'Share of the error budget left (ratio).',
      },
      conditionColumn('Ready'),
      ageColumn,
    ],
  },
  RolloutPolicy: {
    plural: 'rolloutpolicies',
    singular: 'rolloutpolicy',
    shortNames: ['rop'],
    description:
      'How new versions of a service roll out: rolling, canary steps or blue-green, gated by an SLO.',
    printerColumns: [
      serviceColumn,
      {
        name: 'Strategy',
        type: 'string',
        jsonPath: '.spec.strategy',
        description: 'Rollout strategy.',
      },
      {
        name: 'Phase',
        type: 'string',
        jsonPath: '.status.phase',
        description: 'Phase of the current rollout.',
      },
      {
        name: 'Weight',
        type: 'integer',
        jsonPath: '.status.canaryWeight',
        description: 'Traffic weight on the canary.',
      },
      conditionColumn('Ready'),
      ageColumn,
    ],
  },
  ResiliencePolicy: {
    plural: 'resiliencepolicies',
    singular: 'resiliencepolicy',
    shortNames: ['rsp'],
    description:
      'How calls to a service are protected: timeouts, retries, circuit breaking, rate limit, bulkhead and disruption budget.',
    printerColumns: [serviceColumn, conditionColumn('Ready'), ageColumn],
  },
};

/**
 * Every KMOP kind name, in the order they are documented.
 *
 * @public
 */
export const KMOP_KIND_NAMES: readonly KmopKind[] = [
  'Microservice',
  'GatewayRoute',
  'ServiceLevelObjective',
  'RolloutPolicy',
  'ResiliencePolicy',
];

/**
 * True when `apiVersion` and `kind` name a KMOP resource.
 *
 * @public
 */
export function isKmopKind(
  apiVersion: unknown,
  kind: unknown,
): kind is KmopKind {
  return (
    apiVersion === KMOP_API_VERSION &&
    typeof kind === 'string' &&
    Object.prototype.hasOwnProperty.call(KMOP_KINDS, kind)
  );
}
