import { toGoDuration, tryParseDuration } from '../duration';
import type { GatewayRoute } from '../model/gatewayRoute';
import type { RolloutPolicy } from '../model/rolloutPolicy';
import type { ServiceLevelObjective } from '../model/serviceLevelObjective';
import { compiledMetadata } from './metadata';
import {
  burnRateQuery,
  DEFAULT_PROMETHEUS_ADDRESS,
  gateSlo,
  gateTemplateName,
} from './sloGate';
import type { CompileResult, JsonObject, NativeObject } from './types';

/**
 * The workload the Canary drives and how traffic reaches it.
 *
 * @public
 */
export interface CompileFlaggerCanaryOptions {
  /** Name of the Deployment Flagger takes over. */
  deploymentName: string;
  /** Port of the service Flagger creates (`<name>`, `-primary`, `-canary`). */
  port: number;
  /** Name of the container port to send traffic to, when not the same number. */
  targetPort?: string;
  /** The HorizontalPodAutoscaler of the Deployment, which Flagger copies for the primary. */
  autoscalerName?: string;
  /** The service's GatewayRoute; traffic is then shifted through Gateway API. */
  route?: GatewayRoute;
  /** SLOs a `sloGate` may refer to. */
  slos?: readonly ServiceLevelObjective[];
  /** Prometheus the SLO gate queries; default {@link DEFAULT_PROMETHEUS_ADDRESS}. */
  prometheusAddress?: string;
}

/** Flagger's defaults: one check a minute, roll back after five failed checks. */
const DEFAULT_INTERVAL = '1m';
const FAILURE_THRESHOLD = 5;

function interval(policy: RolloutPolicy, warnings: string[]): string {
  const name = `RolloutPolicy ${policy.metadata.name}`;
  const pauses = (policy.spec.canary?.steps ?? []).flatMap(s =>
    s.pause ? [s.pause.duration] : [],
  );
  if (pauses.some(d => d === undefined)) {
    warnings.push(
      `${name}: Flagger has no indefinite pause; steps advance every interval (add a confirm-rollout webhook to gate them by hand).`,
    );
  }
  const timed = pauses.filter((d): d is string => d !== undefined);
  if (timed.length === 0) return DEFAULT_INTERVAL;
  const longest = timed.reduce((a, b) =>
    (tryParseDuration(b, 'kmop') ?? 0) > (tryParseDuration(a, 'kmop') ?? 0)
      ? b
      : a,
  );
  if (
    timed.some(
      d => tryParseDuration(d, 'kmop') !== tryParseDuration(longest, 'kmop'),
    )
  ) {
    warnings.push(
      `${name}: Flagger waits the same interval after every step; the longest pause (${longest}) is used for all of them.`,
    );
  }
  return toGoDuration(longest);
}

function analysis(
  policy: RolloutPolicy,
  gate: { slo: ServiceLevelObjective } | undefined,
  warnings: string[],
): JsonObject {
  const { spec } = policy;
  const name = `RolloutPolicy ${policy.metadata.name}`;
  const metrics: JsonObject[] = gate
    ? [
        {
          name: 'slo-burn-rate',
          interval: '1m',
          templateRef: { name: gateTemplateName(policy) },
          thresholdRange: { max: spec.sloGate!.maxBurnRate },
        },
      ]
    : [];
  if (spec.strategy === 'blueGreen') {
    const seconds = spec.blueGreen?.autoPromotionSeconds;
    warnings.push(
      `${name}: Flagger names the blue-green services <service>-primary and <service>-canary; activeService and previewService are not used.`,
    );
    return {
      interval: DEFAULT_INTERVAL,
      threshold: FAILURE_THRESHOLD,
      // Checks before promotion: one a minute for autoPromotionSeconds.
      iterations: seconds ? Math.max(1, Math.ceil(seconds / 60)) : 10,
      ...(metrics.length ? { metrics } : {}),
    };
  }
  const steps = spec.canary?.steps ?? [];
  if (steps.some(s => s.analysis)) {
    warnings.push(
      `${name}: analysis steps name Argo AnalysisTemplates; Flagger checks metrics every interval instead, so they are not compiled.`,
    );
  }
  const weights = steps.flatMap(s =>
    s.setWeight !== undefined ? [s.setWeight] : [],
  );
  if (spec.strategy === 'rolling' || weights.length === 0) {
    warnings.push(
      `${name}: Flagger has no rolling strategy; the canary moves 10% per interval up to 50% before promotion.`,
    );
    return {
      interval: DEFAULT_INTERVAL,
      threshold: FAILURE_THRESHOLD,
      stepWeight: 10,
      maxWeight: 50,
      ...(metrics.length ? { metrics } : {}),
    };
  }
  if (!spec.autoPromote) {
    warnings.push(
      `${name}: Flagger promotes after the last step; add a confirm-promotion webhook for a person to promote.`,
    );
  }
  return {
    interval: interval(policy, warnings),
    threshold: FAILURE_THRESHOLD,
    stepWeights: weights,
    ...(metrics.length ? { metrics } : {}),
  };
}

function metricTemplate(
  policy: RolloutPolicy,
  slo: ServiceLevelObjective,
  address: string,
): NativeObject {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'MetricTemplate',
    metadata: compiledMetadata(
      policy,
      policy.spec.serviceRef,
      gateTemplateName(policy),
    ),
    spec: {
      provider: { type: 'prometheus', address },
      query: burnRateQuery(slo),
    },
  };
}

/**
 * A RolloutPolicy as a Flagger Canary (flagger.app/v1beta1). Canary weights
 * become `stepWeights`; pauses become the analysis interval; an SLO gate
 * becomes a MetricTemplate checked every interval.
 *
 * @public
 */
export function compileRolloutToFlagger(
  policy: RolloutPolicy,
  options: CompileFlaggerCanaryOptions,
): CompileResult {
  const warnings: string[] = [];
  const slo = gateSlo(policy, options.slos ?? []);
  const route = options.route;
  const service: JsonObject = {
    port: options.port,
    ...(options.targetPort ? { targetPort: options.targetPort } : {}),
    ...(route
      ? {
          hosts: [...route.spec.hostnames],
          gatewayRefs: [
            {
              name: route.spec.gateway.name,
              ...(route.spec.gateway.namespace
                ? { namespace: route.spec.gateway.namespace }
                : {}),
            },
          ],
        }
      : {}),
  };
  const objects: NativeObject[] = [
    {
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      metadata: compiledMetadata(policy, policy.spec.serviceRef),
      spec: {
        ...(route ? { provider: 'gatewayapi:v1' } : {}),
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: options.deploymentName,
        },
        ...(options.autoscalerName
          ? {
              autoscalerRef: {
                apiVersion: 'autoscaling/v2',
                kind: 'HorizontalPodAutoscaler',
                name: options.autoscalerName,
              },
            }
          : {}),
        service,
        analysis: analysis(policy, slo ? { slo } : undefined, warnings),
      },
    },
  ];
  if (slo) {
    objects.push(
      metricTemplate(
        policy,
        slo,
        options.prometheusAddress ?? DEFAULT_PROMETHEUS_ADDRESS,
      ),
    );
  }
  return { objects, warnings };
}
