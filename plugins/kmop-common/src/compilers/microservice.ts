import type { Microservice } from '../model/microservice';
import type { IntOrPercent } from '../model/shared/intOrPercent';
import { compiledMetadata, kmopLabels, podSelector } from './metadata';
import type { CompileResult, JsonObject, NativeObject } from './types';

/**
 * Choices that come from other KMOP resources of the same service.
 *
 * @public
 */
export interface CompileMicroserviceOptions {
  /** Rolling update limits from the service's RolloutPolicy (strategy `rolling`). */
  rolling?: { maxSurge: IntOrPercent; maxUnavailable: IntOrPercent };
  /**
   * What the HorizontalPodAutoscaler scales; the Deployment unless a
   * progressive delivery controller owns the replicas (an Argo Rollout).
   */
  scaleTarget?: { apiVersion: string; kind: string; name: string };
}

function container(ms: Microservice): JsonObject {
  const { spec } = ms;
  const envFrom: JsonObject[] = [
    ...(spec.configMapRefs ?? []).map(name => ({ configMapRef: { name } })),
    ...(spec.secretRefs ?? []).map(name => ({ secretRef: { name } })),
  ];
  const resources: JsonObject = {};
  if (spec.resources?.requests)
    resources.requests = { ...spec.resources.requests };
  if (spec.resources?.limits) resources.limits = { ...spec.resources.limits };
  return {
    name: ms.metadata.name,
    image: spec.image,
    ports: spec.ports.map(p => ({
      name: p.name,
      containerPort: p.port,
      protocol: p.protocol,
    })),
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
    ...(envFrom.length > 0 ? { envFrom } : {}),
  };
}

/** Prometheus' conventional scrape annotations, so a default scrape config finds the pods. */
function scrapeAnnotations(
  ms: Microservice,
): Record<string, string> | undefined {
  const { monitoring, ports } = ms.spec;
  if (!monitoring) return undefined;
  return {
    'prometheus.io/scrape': 'true',
    'prometheus.io/path': monitoring.metricsPath,
    'prometheus.io/port': String(monitoring.port ?? ports[0].port),
  };
}

function deployment(
  ms: Microservice,
  options: CompileMicroserviceOptions,
): NativeObject {
  const name = ms.metadata.name;
  const annotations = scrapeAnnotations(ms);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: compiledMetadata(ms, name),
    spec: {
      // With an autoscaler the replica count is its to set; writing one here
      // would reset it on every apply.
      ...(ms.spec.autoscaling ? {} : { replicas: ms.spec.replicas }),
      selector: { matchLabels: podSelector(name) },
      ...(options.rolling
        ? {
            strategy: {
              type: 'RollingUpdate',
              rollingUpdate: {
                maxSurge: options.rolling.maxSurge,
                maxUnavailable: options.rolling.maxUnavailable,
              },
            },
          }
        : {}),
      template: {
        metadata: {
          labels: kmopLabels(name),
          ...(annotations ? { annotations } : {}),
        },
        spec: { containers: [container(ms)] },
      },
    },
  };
}

function service(ms: Microservice): NativeObject {
  const name = ms.metadata.name;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: compiledMetadata(ms, name),
    spec: {
      selector: podSelector(name),
      ports: ms.spec.ports.map(p => ({
        name: p.name,
        port: p.port,
        targetPort: p.name,
        protocol: p.protocol,
      })),
    },
  };
}

function autoscaler(
  ms: Microservice,
  options: CompileMicroserviceOptions,
): NativeObject | undefined {
  const autoscaling = ms.spec.autoscaling;
  if (!autoscaling) return undefined;
  const name = ms.metadata.name;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: compiledMetadata(ms, name),
    spec: {
      scaleTargetRef: options.scaleTarget ?? {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name,
      },
      minReplicas: autoscaling.minReplicas,
      maxReplicas: autoscaling.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: {
              type: 'Utilization',
              averageUtilization: autoscaling.targetCPUUtilizationPercentage,
            },
          },
        },
      ],
    },
  };
}

/**
 * A Microservice as a Deployment, a Service and, with autoscaling, a
 * HorizontalPodAutoscaler (autoscaling/v2, on CPU).
 *
 * @public
 */
export function compileMicroservice(
  ms: Microservice,
  options: CompileMicroserviceOptions = {},
): CompileResult {
  const hpa = autoscaler(ms, options);
  const warnings: string[] = [];
  if (ms.spec.dependencies?.length) {
    warnings.push(
      `Microservice ${
        ms.metadata.name
      }: dependencies (${ms.spec.dependencies.join(
        ', ',
      )}) have no native counterpart and are not compiled.`,
    );
  }
  return {
    objects: [deployment(ms, options), service(ms), ...(hpa ? [hpa] : [])],
    warnings,
  };
}
