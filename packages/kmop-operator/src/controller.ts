import { KubeConfig } from '@kubernetes/client-node';
import {
  KMOP_API_VERSION,
  NativeTarget,
  PrometheusClient,
} from '@kmop/plugin-kmop-common';
import { EventRecorder } from './events';
import { ChangeType, Informers } from './informers';
import { KubeClient, describeError } from './kube';
import { Logger } from './log';
import { OperatorMetrics } from './metrics';
import { Reconciler } from './reconciler';
import { serviceOf } from './render';
import {
  CHILD_RESOURCES,
  GATEWAY_RESOURCE,
  KMOP_RESOURCES,
  READ_RESOURCES,
  WatchedResource,
} from './resources';
import { gatewayRefOf } from './routeUrl';
import { SloEvaluator } from './sloEvaluator';
import { KubeObject, keyOf } from './types';
import { WorkQueue } from './workQueue';

/** Options of a {@link Controller}. */
export interface ControllerOptions {
  kubeConfig: KubeConfig;
  client: KubeClient;
  log: Logger;
  metrics: OperatorMetrics;
  identity: string;
  targets: readonly NativeTarget[];
  prometheusAddress?: string;
  /** Prometheus the SLOs are measured against; none: the operator writes no SLO figures. */
  prometheus?: PrometheusClient;
  /** Time between two rounds of SLO evaluation. */
  sloIntervalMs: number;
  /** Time between full resyncs (every kmop.dev object queued). */
  resyncMs: number;
  /** Reconciles running at once. */
  concurrency: number;
  /** First retry delay of a failed reconcile (doubled per failure, up to 5 minutes). */
  retryBaseMs: number;
}

const isKmop = (r: WatchedResource) => r.apiVersion === KMOP_API_VERSION;

/**
 * The operator's control loop while it leads: informers on the kmop.dev kinds and on every
 * kind they render, a work queue fed by their changes and by a periodic resync, and the
 * reconciler draining it.
 */
export class Controller {
  private readonly o: ControllerOptions;
  private readonly informers: Informers;
  private readonly queue: WorkQueue;
  private readonly reconciler: Reconciler;
  private readonly slos?: SloEvaluator;
  /** What of each kmop.dev object its siblings' reconciles depend on (not its status). */
  private readonly seen = new Map<string, string>();
  private resync?: NodeJS.Timeout;
  private started = false;

  constructor(options: ControllerOptions) {
    this.o = options;
    this.informers = new Informers({
      kubeConfig: options.kubeConfig,
      client: options.client,
      resources: [...KMOP_RESOURCES, ...CHILD_RESOURCES, ...READ_RESOURCES],
      log: options.log,
      onChange: (resource, change, obj) => this.onChange(resource, change, obj),
      onSynced: resource => {
        // A kind that appears (a CRD installed) may unblock objects waiting for it.
        if (this.started && !isKmop(resource)) this.enqueueAll();
        if (this.started && isKmop(resource)) this.enqueueKind(resource.kind);
      },
    });
    this.queue = new WorkQueue({
      concurrency: options.concurrency,
      baseDelayMs: options.retryBaseMs,
      maxDelayMs: 300_000,
      handler: key => this.reconciler.reconcile(key),
      onDepth: depth => options.metrics.queueDepth.set(depth),
      onError: (key, error, retryInMs) =>
        options.log.warn('reconcile failed; retrying', {
          key,
          error: describeError(error),
          retryInMs,
        }),
    });
    if (options.prometheus) {
      this.slos = new SloEvaluator({
        prometheus: options.prometheus,
        intervalMs: options.sloIntervalMs,
        list: () =>
          this.informers.list(KMOP_API_VERSION, 'ServiceLevelObjective'),
        // The evaluation reaches the status through a reconcile, the status's one writer.
        onEvaluated: key => this.queue.add(key),
        log: options.log,
        metrics: options.metrics,
      });
    }
    const slos = this.slos;
    this.reconciler = new Reconciler({
      client: options.client,
      informers: this.informers,
      events: new EventRecorder({
        client: options.client,
        log: options.log,
        identity: options.identity,
      }),
      metrics: options.metrics,
      log: options.log,
      targets: options.targets,
      prometheusAddress: options.prometheusAddress,
      sloEvaluation: slos ? slo => slos.latest(slo) : undefined,
    });
  }

  /** True once every watch has listed (or found its kind not served). */
  get synced(): boolean {
    return this.informers.settled;
  }

  /** Resolves when the queue is empty and nothing is being reconciled. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Starts watching, reconciles everything once, then resyncs periodically. */
  async start(): Promise<void> {
    await this.informers.start();
    this.started = true;
    this.enqueueAll();
    this.resync = setInterval(() => this.enqueueAll(), this.o.resyncMs);
    this.resync.unref();
    this.slos?.start();
  }

  /** Stops watching and drops queued work; reconciles under way finish. */
  async stop(): Promise<void> {
    clearInterval(this.resync);
    await this.slos?.stop();
    this.queue.stop();
    await this.informers.stop();
  }

  private kmopObjects(namespace?: string): KubeObject[] {
    return KMOP_RESOURCES.flatMap(r =>
      this.informers.list(KMOP_API_VERSION, r.kind, namespace),
    );
  }

  private enqueue(o: KubeObject) {
    this.queue.add(keyOf(o.kind, o.metadata.namespace ?? '', o.metadata.name));
  }

  private enqueueAll() {
    this.kmopObjects().forEach(o => this.enqueue(o));
  }

  private enqueueKind(kind: string) {
    this.informers.list(KMOP_API_VERSION, kind).forEach(o => this.enqueue(o));
  }

  private onChange(
    resource: WatchedResource,
    change: ChangeType,
    obj: KubeObject,
  ) {
    const o = { ...obj, apiVersion: resource.apiVersion, kind: resource.kind };
    if (isKmop(resource)) {
      this.onKmopChange(change, o);
      return;
    }
    if (resource.kind === GATEWAY_RESOURCE.kind) {
      // A Gateway's listeners give the URL of the GatewayRoutes attached to it.
      if (this.started) this.enqueueRoutesOf(o);
      return;
    }
    // A child changed or deleted by hand: its owner puts it back.
    const owner = o.metadata.ownerReferences?.find(
      r => r.controller && r.apiVersion === KMOP_API_VERSION,
    );
    // Before the first full enqueue every owner gets reconciled anyway, with all caches full.
    if (owner && this.started) {
      this.queue.add(keyOf(owner.kind, o.metadata.namespace ?? '', owner.name));
    }
  }

  private enqueueRoutesOf(gateway: KubeObject) {
    for (const route of this.informers.list(KMOP_API_VERSION, 'GatewayRoute')) {
      const ref = gatewayRefOf(route);
      if (
        ref?.name === gateway.metadata.name &&
        ref.namespace === gateway.metadata.namespace
      ) {
        this.enqueue({ ...route, kind: 'GatewayRoute' });
      }
    }
  }

  private onKmopChange(change: ChangeType, o: KubeObject) {
    const namespace = o.metadata.namespace ?? '';
    const key = keyOf(o.kind, namespace, o.metadata.name);
    const fingerprint = JSON.stringify([
      o.metadata.uid,
      o.metadata.generation,
      o.metadata.annotations ?? {},
      o.metadata.labels ?? {},
    ]);
    if (change === 'delete') {
      this.seen.delete(key);
      if (o.kind === 'ServiceLevelObjective') this.slos?.forget(o);
    } else if (this.seen.get(key) === fingerprint) {
      // Only the status changed, as a rule by the operator's own write. The watch brings it
      // after the write's reply, so a reconcile in between read the status from before it:
      // one that found that older status already right wrote nothing, and the written one
      // stayed (a route kept "Service not found" after its Service came). This reconcile
      // reads the status as written. The siblings do not read it: they are not queued.
      if (this.started) this.queue.add(key);
      return;
    } else {
      this.seen.set(key, fingerprint);
    }
    if (!this.started) return;
    // A new or changed SLO is measured now, not at the next round.
    if (change !== 'delete' && o.kind === 'ServiceLevelObjective') {
      this.slos?.request(o);
    }
    // Resources of one service compile together: a change to one can change the others'
    // children (a canary takes over the Deployment), and a gate reads its SLO.
    const service = serviceOf(o);
    for (const sibling of this.kmopObjects(namespace)) {
      const s = { ...sibling };
      if (
        serviceOf(s) === service ||
        (o.kind === 'ServiceLevelObjective' && s.kind === 'RolloutPolicy')
      ) {
        this.enqueue(s);
      }
    }
    if (change !== 'delete') this.queue.add(key);
  }
}
