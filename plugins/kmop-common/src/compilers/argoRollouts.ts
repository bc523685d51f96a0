import type { RolloutCanaryStep, RolloutPolicy } from '../model/rolloutPolicy';
import type { ServiceLevelObjective } from '../model/serviceLevelObjective';
import { toGoDuration } from '../duration';
import { compiledMetadata, podSelector } from './metadata';
import {
  burnRateQuery,
  DEFAULT_PROMETHEUS_ADDRESS,
  gateSlo,
  gateTemplateName,
} from './sloGate';
import type { CompileResult, JsonObject, NativeObject } from './types';

/**
 * The workload the Rollout drives and what its extra Services expose.
 *
 * @public
 */
export interface CompileArgoRolloutOptions {
  /** Name of the Deployment the Rollout refers to with `workloadRef`. */
  deploymentName: string;
  /** Replicas the Rollout runs; leave out when an autoscaler scales the Rollout. */
  replicas?: number;
  /** Ports for the canary/stable or active/preview Services the strategy names. */
  ports?: { name: string; port: number; protocol?: string }[];
  /** Names of Services that already exist and must not be emitted again. */
  existingServices?: string[];
  /** SLOs a `sloGate` may refer to. */
  slos?: readonly ServiceLevelObjective[];
  /** Prometheus the SLO gate queries; default {@link DEFAULT_PROMETHEUS_ADDRESS}. */
  prometheusAddress?: string;
}

function step(s: RolloutCanaryStep): JsonObject {
  if (s.setWeight !== undefined) return { setWeight: s.setWeight };
  if (s.pause) {
    return {
      pause: s.pause.duration
        ? { duration: toGoDuration(s.pause.duration) }
        : {},
    };
  }
  return {
    analysis: {
      templates: (s.analysis?.templates ?? []).map(templateName => ({
        templateName,
      })),
    },
  };
}

function canarySteps(policy: RolloutPolicy): JsonObject[] {
  const steps = (policy.spec.canary?.steps ?? []).map(step);
  const last = policy.spec.canary?.steps.at(-1);
  // Argo promotes once the last step is done; without autoPromote a person
  // must, which an indefinite pause at the end asks for.
  if (!policy.spec.autoPromote && !(last?.pause && !last.pause.duration)) {
    steps.push({ pause: {} });
  }
  return steps;
}

function strategy(policy: RolloutPolicy, gate: string | undefined): JsonObject {
  const { spec } = policy;
  if (spec.strategy === 'blueGreen' && spec.blueGreen) {
    const bg = spec.blueGreen;
    return {
      blueGreen: {
        activeService: bg.activeService,
        previewService: bg.previewService,
        autoPromotionEnabled: bg.autoPromotionEnabled,
        ...(bg.autoPromotionSeconds !== undefined
          ? { autoPromotionSeconds: bg.autoPromotionSeconds }
          : {}),
        ...(gate
          ? { prePromotionAnalysis: { templates: [{ templateName: gate }] } }
          : {}),
      },
    };
  }
  if (spec.strategy === 'canary' && spec.canary) {
    return {
      canary: {
        ...(spec.canary.canaryService
          ? { canaryService: spec.canary.canaryService }
          : {}),
        ...(spec.canary.stableService
          ? { stableService: spec.canary.stableService }
          : {}),
        steps: canarySteps(policy),
        ...(gate ? { analysis: { templates: [{ templateName: gate }] } } : {}),
      },
    };
  }
  // A canary without steps is Argo's rolling update.
  return {
    canary: {
      maxSurge: spec.rolling?.maxSurge ?? '25%',
      maxUnavailable: spec.rolling?.maxUnavailable ?? '25%',
      ...(gate ? { analysis: { templates: [{ templateName: gate }] } } : {}),
    },
  };
}

function strategyServices(policy: RolloutPolicy): string[] {
  const { canary, blueGreen, strategy: s } = policy.spec;
  if (s === 'canary') {
    return [canary?.canaryService, canary?.stableService].filter(
      (n): n is string => !!n,
    );
  }
  if (s === 'blueGreen' && blueGreen) {
    return [blueGreen.activeService, blueGreen.previewService];
  }
  return [];
}

function analysisTemplate(
  policy: RolloutPolicy,
  slo: ServiceLevelObjective,
  address: string,
): NativeObject {
  const gate = policy.spec.sloGate!;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: compiledMetadata(
      policy,
      policy.spec.serviceRef,
      gateTemplateName(policy),
    ),
    spec: {
      metrics: [
        {
          name: 'slo-burn-rate',
          interval: '1m',
          failureLimit: 1,
          // No traffic yet gives NaN; that is not a reason to abort.
          successCondition: `isNaN(result[0]) || result[0] <= ${gate.maxBurnRate}`,
          provider: {
            prometheus: { address, query: burnRateQuery(slo) },
          },
        },
      ],
    },
  };
}

/**
 * A RolloutPolicy as an Argo Rollouts Rollout that takes its pod template from
 * the service's Deployment (`workloadRef`, scaled down progressively), plus
 * the Services its strategy names and an AnalysisTemplate for its SLO gate.
 *
 * @public
 */
export function compileRolloutToArgo(
  policy: RolloutPolicy,
  options: CompileArgoRolloutOptions,
): CompileResult {
  const service = policy.spec.serviceRef;
  const slo = gateSlo(policy, options.slos ?? []);
  const gate = slo ? gateTemplateName(policy) : undefined;
  const objects: NativeObject[] = [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: compiledMetadata(policy, service),
      spec: {
        ...(options.replicas !== undefined
          ? { replicas: options.replicas }
          : {}),
        selector: { matchLabels: podSelector(service) },
        workloadRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: options.deploymentName,
          scaleDown: 'progressively',
        },
        strategy: strategy(policy, gate),
      },
    },
  ];
  const warnings: string[] = [];
  const existing = new Set(options.existingServices ?? []);
  for (const name of strategyServices(policy)) {
    if (existing.has(name)) continue;
    if (!options.ports?.length) {
      warnings.push(
        `RolloutPolicy ${policy.metadata.name}: Service ${name} is named by the strategy but no ports are known; create it with the service's ports.`,
      );
      continue;
    }
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: compiledMetadata(policy, service, name),
      spec: {
        // Argo Rollouts adds the pod-template-hash selector to these Services.
        selector: podSelector(service),
        ports: options.ports.map(p => ({
          name: p.name,
          port: p.port,
          targetPort: p.name,
          ...(p.protocol ? { protocol: p.protocol } : {}),
        })),
      },
    });
  }
  if (slo) {
    objects.push(
      analysisTemplate(
        policy,
        slo,
        options.prometheusAddress ?? DEFAULT_PROMETHEUS_ADDRESS,
      ),
    );
  }
  return { objects, warnings };
}
