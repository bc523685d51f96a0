import { InputError } from '@backstage/errors';
import type { DAY2_RESOURCES } from './inputSchema';
import {
  parseDuration,
  GatewayRouteInput,
  KMOP_API_VERSION,
  kmopLabels,
  KmopResource,
  KmopResourceInput,
  MicroserviceInput,
  ResiliencePolicyInput,
  RolloutCanaryStep,
  RolloutPolicyInput,
  ServiceLevelObjectiveInput,
  validateKmopResource,
} from '@kmop/plugin-kmop-common';
import type { GenerateInput } from './inputSchema';
import { resilienceSpec } from './resiliencePresets';
import {
  latencyQueries,
  ratioQueries,
  SKELETON_LATENCY_BUCKETS,
} from './sloQueries';

/**
 * A KMOP resource built from the input, with the input field it came from.
 *
 * @public
 */
export interface BuiltResource {
  /** As written to YAML: only what the input set, no defaults filled in. */
  document: KmopResourceInput;
  /** After validation, with defaults: what compilers take. */
  resource: KmopResource;
  /** The input field it came from, e.g. `input.routes[1]`. */
  inputField: string;
}

type Step = NonNullable<
  NonNullable<GenerateInput['rollout']>['canary']
>['steps'][number];

const DEFAULT_LATENCY_THRESHOLD = '300ms';

function metadata(input: GenerateInput, name: string) {
  return { name, namespace: input.namespace, labels: kmopLabels(input.name) };
}

function microservice(input: GenerateInput): MicroserviceInput {
  return {
    apiVersion: KMOP_API_VERSION,
    kind: 'Microservice',
    metadata: metadata(input, input.name),
    spec: {
      owner: input.owner,
      system: input.system,
      description: input.description,
      lifecycle: input.lifecycle,
      // Required by the input schema whenever a Microservice is written (no `only`).
      image: input.image!,
      ports: [{ name: 'http', port: input.port, protocol: 'TCP' }],
      replicas: input.replicas,
      autoscaling: input.autoscaling,
      monitoring: { metricsPath: '/metrics' },
    },
  };
}

function routes(input: GenerateInput): GatewayRouteInput[] {
  return input.routes.map((route, index) => ({
    apiVersion: KMOP_API_VERSION,
    kind: 'GatewayRoute',
    metadata: metadata(
      input,
      route.name ?? (index === 0 ? input.name : `${input.name}-${index + 1}`),
    ),
    spec: {
      serviceRef: input.name,
      gateway: route.gateway,
      hostnames: route.hostnames,
      matches: route.paths.map(value => ({
        path: { type: route.pathType, value },
      })),
      port: input.port,
      timeouts: route.timeout ? { request: route.timeout } : undefined,
      auth: route.auth,
      rateLimit: route.rateLimit,
    },
  }));
}

function sloName(input: GenerateInput): string | undefined {
  const slo = input.slo;
  if (!slo) return undefined;
  return (
    slo.name ??
    `${input.name}-${
      slo.indicator.type === 'latency' ? 'latency' : 'availability'
    }`
  );
}

function serviceLevelObjective(
  input: GenerateInput,
): ServiceLevelObjectiveInput | undefined {
  const slo = input.slo;
  if (!slo) return undefined;
  const { indicator } = slo;
  if (
    (indicator.errorQuery === undefined) !==
    (indicator.totalQuery === undefined)
  ) {
    throw new InputError(
      'input.slo.indicator: errorQuery and totalQuery must be given together (or both left out for the skeleton defaults)',
    );
  }
  const base = {
    apiVersion: KMOP_API_VERSION,
    kind: 'ServiceLevelObjective' as const,
    metadata: metadata(input, sloName(input)!),
  };
  const common = {
    serviceRef: input.name,
    description: slo.description,
    objective: slo.objective,
    window: slo.window,
    alerting: { enabled: slo.alerting },
    target: slo.target,
  };
  if (indicator.type === 'ratio') {
    if (indicator.threshold !== undefined) {
      throw new InputError(
        'input.slo.indicator.threshold is only allowed when type is latency',
      );
    }
    const queries =
      indicator.errorQuery && indicator.totalQuery
        ? { errorQuery: indicator.errorQuery, totalQuery: indicator.totalQuery }
        : ratioQueries(input.name);
    return {
      ...base,
      spec: { ...common, indicator: { type: 'ratio', ...queries } },
    };
  }
  const threshold = indicator.threshold ?? DEFAULT_LATENCY_THRESHOLD;
  let queries: { errorQuery: string; totalQuery: string };
  if (indicator.errorQuery && indicator.totalQuery) {
    queries = {
      errorQuery: indicator.errorQuery,
      totalQuery: indicator.totalQuery,
    };
  } else {
    const seconds = parseDuration(threshold, 'kmop') / 1000;
    if (!SKELETON_LATENCY_BUCKETS.includes(seconds)) {
      throw new InputError(
        `input.slo.indicator.threshold must be a bucket of the skeleton's latency histogram (${SKELETON_LATENCY_BUCKETS.map(
          b => `${b * 1000}ms`,
        ).join(', ')}) unless errorQuery and totalQuery are given`,
      );
    }
    queries = latencyQueries(input.name, seconds);
  }
  return {
    ...base,
    spec: { ...common, indicator: { type: 'latency', threshold, ...queries } },
  };
}

/**
 * Form-friendly steps (`{ setWeight: 20, pause: '5m' }`) as KMOP's one-action steps.
 *
 * @public
 */
export function expandSteps(steps: Step[]): RolloutCanaryStep[] {
  return steps.flatMap(step => {
    const out: RolloutCanaryStep[] = [];
    if (step.setWeight !== undefined) out.push({ setWeight: step.setWeight });
    if (step.pause !== undefined) {
      out.push({
        pause:
          typeof step.pause === 'string'
            ? { duration: step.pause }
            : {
                ...(step.pause.duration
                  ? { duration: step.pause.duration }
                  : {}),
              },
      });
    }
    if (step.analysis)
      out.push({ analysis: { templates: step.analysis.templates } });
    return out;
  });
}

function rolloutPolicy(input: GenerateInput): RolloutPolicyInput | undefined {
  const rollout = input.rollout;
  if (!rollout) return undefined;
  if (rollout.maxBurnRate !== undefined && !input.slo) {
    throw new InputError(
      'input.rollout.maxBurnRate needs input.slo: the gate watches that SLO',
    );
  }
  if (rollout.strategy === 'canary' && !rollout.canary) {
    throw new InputError(
      'input.rollout.canary is required when strategy is canary',
    );
  }
  const blueGreen = rollout.blueGreen ?? {};
  return {
    apiVersion: KMOP_API_VERSION,
    kind: 'RolloutPolicy',
    metadata: metadata(input, input.name),
    spec: {
      serviceRef: input.name,
      strategy: rollout.strategy,
      rolling: rollout.strategy === 'rolling' ? rollout.rolling : undefined,
      canary:
        rollout.strategy === 'canary' && rollout.canary
          ? {
              steps: expandSteps(rollout.canary.steps),
              canaryService: rollout.canary.canaryService,
              stableService: rollout.canary.stableService,
            }
          : undefined,
      blueGreen:
        rollout.strategy === 'blueGreen'
          ? {
              activeService: blueGreen.activeService ?? input.name,
              previewService:
                blueGreen.previewService ?? `${input.name}-preview`,
              autoPromotionEnabled:
                blueGreen.autoPromotionSeconds !== undefined,
              autoPromotionSeconds: blueGreen.autoPromotionSeconds,
            }
          : undefined,
      sloGate:
        rollout.maxBurnRate !== undefined
          ? { sloRef: sloName(input)!, maxBurnRate: rollout.maxBurnRate }
          : undefined,
      autoPromote: rollout.autoPromote,
      engine: rollout.engine,
    },
  };
}

function resiliencePolicy(
  input: GenerateInput,
): ResiliencePolicyInput | undefined {
  if (!input.resilience) return undefined;
  const spec = resilienceSpec(input.resilience);
  if (Object.keys(spec).length === 0) return undefined;
  return {
    apiVersion: KMOP_API_VERSION,
    kind: 'ResiliencePolicy',
    metadata: metadata(input, input.name),
    spec: { serviceRef: input.name, ...spec },
  };
}

/** Drops `undefined` values so the YAML holds only what was set. */
function prune<T>(value: T): T {
  if (Array.isArray(value)) return value.map(prune) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, prune(v)]),
    ) as T;
  }
  return value;
}

/**
 * The KMOP resources of a service, from the generate action's input, each
 * validated with the KMOP schemas. Every problem is reported at once, naming
 * the input field and the resource field.
 *
 * @public
 */
export function buildKmopResources(input: GenerateInput): BuiltResource[] {
  const only = input.only;
  checkDay2(input);
  // A day-2 change adds resources to a service that runs already: no Microservice, no routes.
  const service: [KmopResourceInput | undefined, string][] = only
    ? []
    : [
        [microservice(input), 'input'],
        ...routes(input).map((r, i): [KmopResourceInput, string] => [
          r,
          `input.routes[${i}]`,
        ]),
      ];
  const wanted = (resource: (typeof DAY2_RESOURCES)[number]) =>
    !only || only.includes(resource);
  const candidates: [KmopResourceInput | undefined, string][] = [...service];
  if (wanted('slo'))
    candidates.push([serviceLevelObjective(input), 'input.slo']);
  if (wanted('rollout'))
    candidates.push([rolloutPolicy(input), 'input.rollout']);
  if (wanted('resilience')) {
    candidates.push([resiliencePolicy(input), 'input.resilience']);
  }
  const built: BuiltResource[] = [];
  const errors: string[] = [];
  for (const [candidate, inputField] of candidates) {
    if (!candidate) continue;
    const document = prune(candidate);
    const result = validateKmopResource(document);
    if (result.ok) {
      built.push({ document, resource: result.resource, inputField });
    } else {
      errors.push(
        ...result.errors.map(
          e =>
            `${inputField}: ${document.kind} ${document.metadata.name} ${e.path} ${e.message}`,
        ),
      );
    }
  }
  const names = new Map<string, string>();
  for (const b of built) {
    const key = `${b.resource.kind}/${b.resource.metadata.name}`;
    const first = names.get(key);
    if (first) {
      errors.push(
        `${b.inputField}: ${key} has the same name as the one from ${first}`,
      );
    }
    names.set(key, b.inputField);
  }
  if (errors.length > 0) throw new InputError(errors.join('; '));
  return built;
}

/** The rules `only` adds to the input (kept out of the schema so it stays extendable). */
function checkDay2(input: GenerateInput) {
  const problems: string[] = [];
  if (!input.only && input.image === undefined) {
    problems.push(
      'input.image is required to create a service (leave it out only with input.only)',
    );
  }
  if (input.only && input.flavour !== 'kmop') {
    problems.push(
      'input.only works with flavour kmop only: native manifests of a rollout need the service’s Deployment, which a day-2 change does not write',
    );
  }
  for (const resource of input.only ?? []) {
    if (input[resource] === undefined) {
      problems.push(
        `input.${resource} is required when input.only lists ${resource}`,
      );
    }
  }
  if (problems.length) throw new InputError(problems.join('; '));
}
