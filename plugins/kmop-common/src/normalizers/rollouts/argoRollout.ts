import type { KmopRolloutView, KmopTrafficRouting } from '../../view';
import type { Reader } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import { notReconciled } from '../health';
import {
  blankRollout,
  defined,
  readCanaryStep,
  readGitOps,
  readPercent,
  readRenderedFrom,
  type StepKind,
} from './common';

/** The step kinds only Argo Rollouts has, and its shape of analysis steps. */
function readArgoStep(step: Reader): StepKind | undefined {
  if (step.has('analysis')) {
    const templates = step
      .arr('analysis.templates')
      .map(t => t.str('templateName'))
      .filter((t): t is string => t !== undefined);
    return { type: 'analysis', templates };
  }
  if (step.has('experiment')) {
    const templates = step
      .arr('experiment.templates')
      .map(t => t.str('name'))
      .filter((t): t is string => t !== undefined);
    return { type: 'experiment', templates };
  }
  if (step.has('setHeaderRoute')) {
    return {
      type: 'setHeaderRoute',
      routeName: step.str('setHeaderRoute.name'),
    };
  }
  if (step.has('setMirrorRoute')) {
    return {
      type: 'setMirrorRoute',
      routeName: step.str('setMirrorRoute.name'),
      mirrorPercent: readPercent(step, 'setMirrorRoute.percentage'),
    };
  }
  if (step.has('plugin')) {
    return { type: 'plugin', plugin: step.str('plugin.name') };
  }
  if (step.has('setCanaryScale')) {
    return {
      type: 'setCanaryScale',
      weight: readPercent(step, 'setCanaryScale.weight'),
    };
  }
  return undefined;
}

/**
 * status.observedGeneration is a string; a non-numeric one (a pre-v0.10 hash) counts as
 * observed, as in upstream isGenerationObserved. A number is not what Argo writes: recorded.
 */
function observedGeneration(r: Reader): number | undefined {
  const observed = r.str('status.observedGeneration');
  return observed !== undefined && /^\d+$/.test(observed)
    ? Number(observed)
    : undefined;
}

/** `spec.workloadRef`: the Deployment whose pod template the Rollout uses. */
function readWorkloadRef(r: Reader): KmopRolloutView['target'] {
  const name = r.str('spec.workloadRef.name');
  if (name === undefined) return undefined;
  return { kind: r.str('spec.workloadRef.kind') ?? 'Deployment', name };
}

/** Resource kinds each built-in traffic router rewrites, and where it names them. */
const ROUTERS: [
  provider: string,
  kind: string,
  single: string,
  many?: string,
][] = [
  ['nginx', 'Ingress', 'stableIngress', 'stableIngresses'],
  ['alb', 'Ingress', 'ingress', 'ingresses'],
  ['smi', 'TrafficSplit', 'trafficSplitName'],
  ['traefik', 'TraefikService', 'weightedTraefikServiceName'],
  ['apisix', 'ApisixRoute', 'route.name'],
  ['appMesh', 'VirtualService', 'virtualService.name'],
];

/**
 * Route fields of the Gateway API traffic-router plugin (`argoproj-labs/gatewayAPI`,
 * rollouts-plugin-trafficrouter-gatewayapi `pkg/plugin/types.go` GatewayAPITrafficRouting):
 * one name or a list of `{name}` per route kind, all in `namespace` when it is set. Other
 * plugins that use the same field names are read the same way.
 */
const PLUGIN_ROUTE_FIELDS: [kind: string, single: string, many: string][] = [
  ['HTTPRoute', 'httpRoute', 'httpRoutes'],
  ['GRPCRoute', 'grpcRoute', 'grpcRoutes'],
  ['TCPRoute', 'tcpRoute', 'tcpRoutes'],
  ['TLSRoute', 'tlsRoute', 'tlsRoutes'],
];

/** The routes a traffic-router plugin's config names. */
function pluginRoutes(
  config: Reader,
): NonNullable<KmopTrafficRouting['resource']>[] {
  const namespace = config.str('namespace');
  const out: NonNullable<KmopTrafficRouting['resource']>[] = [];
  for (const [kind, single, many] of PLUGIN_ROUTE_FIELDS) {
    const names = [
      ...(config.str(single) !== undefined
        ? [config.str(single) as string]
        : []),
      ...config.arr(many).map(route => route.str('name') ?? ''),
    ];
    for (const name of names) {
      out.push({ kind, name, ...(namespace ? { namespace } : {}) });
    }
  }
  return out;
}

/** `canary.trafficRouting`: which mesh, ingress or plugin shifts the traffic, and where. */
function readTrafficRouting(canary: Reader): KmopTrafficRouting[] | undefined {
  const tr = canary.record('trafficRouting');
  if (!tr) return undefined;
  const out: KmopTrafficRouting[] = [];
  const istio = tr.record('istio');
  if (istio) {
    const services = [
      ...(istio.has('virtualService') ? [istio.record('virtualService')] : []),
      ...istio.arr('virtualServices'),
    ].filter((v): v is Reader => v !== undefined);
    for (const vs of services) {
      const routes = vs.strs('routes');
      out.push({
        provider: 'istio',
        resource: { kind: 'VirtualService', name: vs.str('name') ?? '' },
        ...(routes.length > 0 ? { routes } : {}),
      });
    }
    if (services.length === 0) out.push({ provider: 'istio' });
  }
  for (const [provider, kind, single, many] of ROUTERS) {
    const router = tr.record(provider);
    if (!router) continue;
    const names = [
      ...(router.str(single) !== undefined
        ? [router.str(single) as string]
        : []),
      ...(many ? router.strs(many) : []),
    ];
    if (names.length === 0) out.push({ provider });
    for (const name of names) out.push({ provider, resource: { kind, name } });
  }
  const ambassador = tr.record('ambassador');
  if (ambassador) {
    for (const name of ambassador.strs('mappings')) {
      out.push({ provider: 'ambassador', resource: { kind: 'Mapping', name } });
    }
  }
  const plugins = tr.record('plugins');
  for (const plugin of plugins?.keys() ?? []) {
    const config = plugins?.record([plugin]);
    const routes = config ? pluginRoutes(config) : [];
    if (routes.length === 0) out.push({ provider: `plugin:${plugin}` });
    for (const resource of routes) {
      out.push({ provider: `plugin:${plugin}`, resource });
    }
  }
  return out;
}

/** Upstream GetRolloutPhase, docs/sources/argo-rollout.md. */
function rolloutVerdict(
  r: Reader,
  generation: number | undefined,
  pauseReasons: readonly string[],
): HealthVerdict {
  const observed = observedGeneration(r);
  if (
    observed !== undefined &&
    generation !== undefined &&
    observed < generation
  ) {
    return {
      health: 'progressing',
      reason: notReconciled('Argo Rollouts', observed, generation),
    };
  }
  if (r.bool('status.controllerPause') === true && pauseReasons.length === 0) {
    return { health: 'progressing', reason: 'Waiting for rollout to unpause' };
  }
  const phase = r.str('status.phase');
  const message = r.str('status.message');
  const because = (fallback: string) =>
    message ? `${phase}: ${message}` : fallback;
  switch (phase) {
    case 'Healthy':
      return { health: 'ok', reason: because('Healthy: fully promoted') };
    case 'Progressing':
      return { health: 'progressing', reason: because('Progressing') };
    case 'Paused':
      return {
        health: 'progressing',
        reason: because(`Paused: ${pauseReasons.join(', ') || 'paused'}`),
        badges: ['paused'],
      };
    case 'Degraded':
      return { health: 'degraded', reason: because('Degraded') };
    case undefined:
    case '':
      return {
        health: 'unknown',
        reason: 'Argo Rollouts has not reported a phase yet',
      };
    default:
      return { health: 'unknown', reason: `Unrecognised phase ${phase}` };
  }
}

function readAnalysis(r: Reader): KmopRolloutView['analysis'] {
  const run =
    r.record('status.canary.currentStepAnalysisRunStatus') ??
    r.record('status.canary.currentBackgroundAnalysisRunStatus') ??
    r.record('status.blueGreen.prePromotionAnalysisRunStatus') ??
    r.record('status.blueGreen.postPromotionAnalysisRunStatus');
  const status = run?.str('status');
  if (!run || status === undefined) return undefined;
  return { name: run.str('name'), status, message: run.str('message') };
}

function strategyOf(
  canary: Reader | undefined,
  blueGreen: Reader | undefined,
): KmopRolloutView['strategy'] {
  if (canary) return 'canary';
  return blueGreen ? 'blueGreen' : 'unknown';
}

/**
 * Argo Rollouts Rollout (argoproj.io/v1alpha1) → one rollout item.
 *
 * @public
 */
export const normalizeArgoRollout = defineNormalizer<KmopRolloutView>({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  blank: blankRollout,
  build: (r, meta) => {
    const canary = r.record('spec.strategy.canary');
    const blueGreen = r.record('spec.strategy.blueGreen');
    const current = r.int('status.currentStepIndex');
    const conditions = r.arr('status.pauseConditions');
    const pauseReasons = conditions
      .map(p => p.str('reason'))
      .filter((p): p is string => p !== undefined);
    const manual = r.orDefault(r.bool('spec.paused'), 'spec.paused', false);
    const controllerPause = r.orDefault(
      r.bool('status.controllerPause'),
      'status.controllerPause',
      false,
    );
    const pauseKnown =
      manual !== undefined &&
      controllerPause !== undefined &&
      !r.isMalformed('status.pauseConditions');
    const aborted = r.orDefault(r.bool('status.abort'), 'status.abort', false);
    const verdict = rolloutVerdict(r, meta.generation, pauseReasons);
    const badges = [...(verdict.badges ?? [])];
    if (aborted) badges.push('aborted');
    if (manual) badges.push('manually paused');
    if (r.bool('status.promoteFull') === true) badges.push('full promotion');
    const defaults: string[] = [];
    const desired = r.orDefault(r.int('spec.replicas'), 'spec.replicas', 1);
    if (desired !== undefined && !r.has('spec.replicas')) {
      defaults.push('replicas.desired');
    }
    const starts = conditions
      .map(p => p.str('startTime'))
      .filter((t): t is string => t !== undefined)
      .sort();
    const observed = observedGeneration(r);
    const podHash = r.str('status.currentPodHash');
    const stableRS = r.str('status.stableRS');
    return [
      {
        ...itemBase(meta, { ...verdict, badges: [...new Set(badges)] }),
        observedGeneration: observed,
        strategy: strategyOf(canary, blueGreen),
        phase: r.str('status.phase'),
        message: r.str('status.message'),
        steps: (canary?.arr('steps') ?? []).map((s, i) =>
          readCanaryStep(s, i, current, readArgoStep),
        ),
        currentStepIndex: current,
        revision: r.str([
          'metadata',
          'annotations',
          'rollout.argoproj.io/revision',
        ]),
        canaryWeight: readPercent(r, 'status.canary.weights.canary.weight'),
        stableRevision: stableRS,
        canaryRevision: podHash,
        aborted,
        paused: pauseKnown
          ? pauseReasons.length > 0 || manual || controllerPause
          : undefined,
        pauseReasons: manual
          ? [...pauseReasons, 'manually paused']
          : pauseReasons,
        pauseStartedAt: starts[0],
        replicas: defined({
          desired,
          total: r.int('status.replicas'),
          updated: r.int('status.updatedReplicas'),
          ready: r.int('status.readyReplicas'),
          available: r.int('status.availableReplicas'),
        }),
        services: defined({
          canary: canary?.str('canaryService'),
          stable: canary?.str('stableService'),
          active: blueGreen?.str('activeService'),
          preview: blueGreen?.str('previewService'),
        }),
        analysis: readAnalysis(r),
        trafficRouting: canary ? readTrafficRouting(canary) : undefined,
        rolling: canary
          ? defined({
              maxSurge: canary.intOrPercent('maxSurge'),
              maxUnavailable: canary.intOrPercent('maxUnavailable'),
            })
          : undefined,
        target: readWorkloadRef(r),
        control: {
          specPaused: manual,
          pauseConditions: r.isMalformed('status.pauseConditions')
            ? undefined
            : conditions.length,
          controllerPause,
          fullyPromoted:
            podHash !== undefined && stableRS !== undefined
              ? podHash === stableRS
              : undefined,
        },
        renderedFrom: readRenderedFrom(r),
        gitOps: readGitOps(r),
        resourceVersion: r.str('metadata.resourceVersion'),
        ...(defaults.length > 0 ? { defaults } : {}),
      },
    ];
  },
});
