import {
  KMOP_API_VERSION,
  MANAGED_BY_LABEL,
  NativeTarget,
} from '@kmop/plugin-kmop-common';
import { EventRecorder } from './events';
import { Informers } from './informers';
import { KubeClient, describeError } from './kube';
import { Logger } from './log';
import { contains } from './matches';
import { OperatorMetrics } from './metrics';
import { Outcome, desiredStatus, sameStatus, statusPatch } from './ownerStatus';
import { MANAGED_BY, asChild, controllerOf, render } from './render';
import { SloEvaluation } from './sloEvaluator';
import { keepRolloutWeights, weightedRoutes } from './rolloutWeights';
import { gatewayRefOf, routeUrl } from './routeUrl';
import {
  CHILD_RESOURCES,
  GATEWAY_RESOURCE,
  KMOP_RESOURCES,
  WatchedResource,
  crdNameOf,
  typeKey,
} from './resources';
import { TARGETS_ANNOTATION } from './targets';
import { KubeObject, parseKey } from './types';

/** What a {@link Reconciler} works with. */
export interface ReconcilerOptions {
  client: KubeClient;
  informers: Informers;
  events: EventRecorder;
  metrics: OperatorMetrics;
  log: Logger;
  targets: readonly NativeTarget[];
  prometheusAddress?: string;
  /** The latest SLO evaluation for an SLO, when the operator measures SLOs. */
  sloEvaluation?: (slo: KubeObject) => SloEvaluation | undefined;
}

const CHILD_BY_TYPE = new Map(
  CHILD_RESOURCES.map(r => [typeKey(r.apiVersion, r.kind), r]),
);

/** Which targets a child kind comes from, to name them when its CRD is missing. */
const TARGET_OF_GROUP: Record<string, string> = {
  'gateway.networking.k8s.io': 'gateway-api',
  'argoproj.io': 'argo-rollouts',
  'flagger.app': 'flagger',
  'networking.istio.io': 'istio',
  'gateway.envoyproxy.io': 'envoy-gateway',
  'sloth.slok.dev': 'sloth',
  'pyrra.dev': 'pyrra',
};

const idOf = (o: {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
}) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`;

/**
 * Reconciles one kmop.dev object: renders it with `compileToNative`, applies the children
 * that differ from what is live (server-side apply, field manager `kmop-operator`), deletes
 * the children it no longer renders, and writes its status through the status subresource.
 * Level-triggered: it reads everything from the informers' caches, so running it again with
 * nothing changed sends no write.
 */
export class Reconciler {
  private readonly o: ReconcilerOptions;

  constructor(options: ReconcilerOptions) {
    this.o = options;
  }

  /** Every kmop.dev object in a namespace, from the caches. */
  namespaceObjects(namespace: string): KubeObject[] {
    return KMOP_RESOURCES.flatMap(r =>
      this.o.informers.list(KMOP_API_VERSION, r.kind, namespace),
    );
  }

  /** Reconciles the object a queue key names; rejects on API errors (the queue retries). */
  async reconcile(key: string): Promise<void> {
    const { kind, namespace, name } = parseKey(key);
    const resource = KMOP_RESOURCES.find(r => r.kind === kind);
    const owner = this.o.informers.get(KMOP_API_VERSION, kind, namespace, name);
    // A deleted object's children go with it through the garbage collector (ownerReferences).
    if (!resource || !owner || owner.metadata.deletionTimestamp) return;
    const end = this.o.metrics.duration.startTimer({ kind });
    let result = 'error';
    try {
      const outcome = await this.converge(owner);
      result = await this.report(resource, owner, outcome);
    } catch (error) {
      this.o.metrics.errors.inc({ kind });
      await this.reportSafely(resource, owner, {
        type: 'apiError',
        message: describeError(error),
      });
      throw error;
    } finally {
      this.o.metrics.reconciles.inc({ kind, result });
      end();
    }
  }

  private async converge(
    owner: KubeObject,
  ): Promise<Outcome & { writes?: number }> {
    const { informers, client, metrics } = this.o;
    const namespace = owner.metadata.namespace ?? '';
    const rendered = render({
      owner,
      namespaceObjects: this.namespaceObjects(namespace),
      targets: this.o.targets,
      prometheusAddress: this.o.prometheusAddress,
    });
    if (!rendered.ok) {
      return {
        type: 'invalid',
        field: rendered.field,
        message: rendered.message,
      };
    }
    const children = rendered.children.map(c => asChild(c, owner));
    const missing = new Map<string, string>();
    for (const c of children) {
      const state = informers.state(c.apiVersion, c.kind);
      const resource = CHILD_BY_TYPE.get(typeKey(c.apiVersion, c.kind));
      if (!resource) {
        throw new Error(
          `${c.kind} (${c.apiVersion}) is rendered but not watched`,
        );
      }
      if (state === 'missing') {
        missing.set(
          crdNameOf(resource) ?? resource.plural,
          c.apiVersion.split('/')[0],
        );
      } else if (state !== 'synced') {
        throw new Error(`the ${c.kind} watch is not in sync yet (${state})`);
      }
    }
    if (missing.size > 0) {
      const targets = [
        ...new Set([...missing.values()].map(g => TARGET_OF_GROUP[g] ?? g)),
      ];
      const annotated = owner.metadata.annotations?.[TARGETS_ANNOTATION];
      return {
        type: 'crdMissing',
        crds: [...missing.keys()],
        targets: annotated
          ? targets.map(t => `${t} (from ${TARGETS_ANNOTATION})`)
          : targets,
      };
    }
    const conflicts: string[] = [];
    const live: KubeObject[] = [];
    const reweighted = weightedRoutes(rendered.rollouts);
    let writes = 0;
    for (const rendering of children) {
      const current = informers.get(
        rendering.apiVersion,
        rendering.kind,
        namespace,
        rendering.metadata.name,
      );
      // A running release's canary weights are the Rollout's (src/rolloutWeights.ts).
      const child = keepRolloutWeights(rendering, current, reweighted);
      const controller = current && controllerOf(current);
      if (controller && controller.uid !== owner.metadata.uid) {
        conflicts.push(
          `${child.kind} ${child.metadata.name} is controlled by ${controller.kind} ${controller.name}`,
        );
        continue;
      }
      if (current && contains(current, child)) {
        live.push(current);
        continue;
      }
      live.push(await client.apply(child));
      metrics.writes.inc({ verb: 'apply' });
      writes += 1;
    }
    const wanted = new Set(children.map(idOf));
    for (const resource of CHILD_RESOURCES) {
      if (informers.state(resource.apiVersion, resource.kind) !== 'synced')
        continue;
      for (const o of informers.list(
        resource.apiVersion,
        resource.kind,
        namespace,
      )) {
        const item = {
          ...o,
          apiVersion: resource.apiVersion,
          kind: resource.kind,
        };
        if (
          controllerOf(o)?.uid === owner.metadata.uid &&
          o.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY &&
          !wanted.has(idOf(item))
        ) {
          await client.delete(item);
          metrics.writes.inc({ verb: 'delete' });
          writes += 1;
        }
      }
    }
    if (conflicts.length > 0) {
      return {
        type: 'conflict',
        message: `${conflicts.join(
          '; ',
        )}; the kmop.dev object does not take over another controller's objects`,
        writes,
      };
    }
    return {
      type: 'applied',
      children: live,
      warnings: rendered.warnings,
      writes,
      ...(owner.kind === 'GatewayRoute' ? { url: this.urlOf(owner) } : {}),
    };
  }

  /** A GatewayRoute's URL, from its parent Gateway in the Gateway informer's cache. */
  private urlOf(route: KubeObject) {
    const { informers } = this.o;
    const { apiVersion, kind } = GATEWAY_RESOURCE;
    const ref = gatewayRefOf(route);
    return routeUrl(route, {
      state: informers.state(apiVersion, kind),
      gateway: ref && informers.get(apiVersion, kind, ref.namespace, ref.name),
    });
  }

  /** Writes the status and events for an outcome; returns the metrics' result label. */
  private async report(
    resource: WatchedResource,
    owner: KubeObject,
    outcome: Outcome & { writes?: number },
  ): Promise<string> {
    const { log, events } = this.o;
    const ref = `${owner.kind}/${owner.metadata.namespace}/${owner.metadata.name}`;
    const changed = await this.writeStatus(resource, owner, outcome);
    const writes = outcome.writes ?? 0;
    switch (outcome.type) {
      case 'applied':
        if (writes > 0) {
          log.info('reconciled', { object: ref, writes });
          await events.record(
            owner,
            'Normal',
            'Reconciled',
            `applied or deleted ${writes} rendered object(s)`,
          );
        }
        return writes > 0 ? 'applied' : 'unchanged';
      case 'invalid':
        if (changed) {
          log.info('invalid spec', {
            object: ref,
            field: outcome.field,
            message: outcome.message,
          });
          await events.record(
            owner,
            'Warning',
            'InvalidSpec',
            `${outcome.field}: ${outcome.message}`,
          );
        }
        return 'invalid';
      case 'crdMissing':
        if (changed) {
          log.info('target CRD missing', { object: ref, crds: outcome.crds });
          await events.record(
            owner,
            'Warning',
            'TargetCRDMissing',
            `CRD ${outcome.crds.join(', ')} is not installed`,
          );
        }
        return 'crd_missing';
      case 'conflict':
        if (changed) {
          log.warn('child conflict', { object: ref, message: outcome.message });
          await events.record(
            owner,
            'Warning',
            'ChildConflict',
            outcome.message,
          );
        }
        return 'conflict';
      default:
        return 'error';
    }
  }

  private async reportSafely(
    resource: WatchedResource,
    owner: KubeObject,
    outcome: Outcome,
  ) {
    try {
      if (await this.writeStatus(resource, owner, outcome)) {
        await this.o.events.record(
          owner,
          'Warning',
          'ApiError',
          'message' in outcome ? outcome.message : '',
        );
      }
    } catch (e) {
      this.o.log.debug('status not written', { error: describeError(e) });
    }
  }

  /** Patches the status when it says something new; true when it did. */
  private async writeStatus(
    resource: WatchedResource,
    owner: KubeObject,
    outcome: Outcome,
  ): Promise<boolean> {
    const evaluation =
      owner.kind === 'ServiceLevelObjective'
        ? this.o.sloEvaluation?.(owner)
        : undefined;
    const next = desiredStatus(
      owner,
      outcome,
      new Date().toISOString(),
      evaluation,
    );
    if (sameStatus(owner.status ?? {}, next)) return false;
    await this.o.client.patchStatus(
      resource,
      owner.metadata.namespace ?? '',
      owner.metadata.name,
      statusPatch(owner.status, next),
    );
    this.o.metrics.writes.inc({ verb: 'status' });
    return true;
  }
}
