import { KubeConfig } from '@kubernetes/client-node';
import { NativeTarget, PrometheusClient } from '@kmop/plugin-kmop-common';
import { Server } from 'node:http';
import { reuseConnections } from './connections';
import { Controller } from './controller';
import { startHttpServer } from './httpServer';
import { KubeClient } from './kube';
import { LeaderElector } from './leaderElection';
import { Logger } from './log';
import { OperatorMetrics } from './metrics';

/** Everything the operator is started with (the CLI's flags). */
export interface OperatorOptions {
  kubeConfig: KubeConfig;
  log: Logger;
  identity: string;
  targets: readonly NativeTarget[];
  /** Address SLO gates of rendered Rollouts/Canaries query. */
  prometheusAddress?: string;
  /** Prometheus the SLOs are measured against; none: no SLO figures are written. */
  prometheusUrl?: string;
  /** Time one Prometheus query may take. */
  prometheusTimeoutMs: number;
  /** Time between two rounds of SLO evaluation. */
  sloIntervalMs: number;
  resyncMs: number;
  concurrency: number;
  retryBaseMs: number;
  leaderElection: boolean;
  leaseNamespace: string;
  leaseName: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  httpHost: string;
  httpPort: number;
}

/** A running operator. */
export interface RunningOperator {
  /** Port of /healthz, /readyz and /metrics. */
  port: number;
  /** Stops leading (releasing the Lease), watching and serving. */
  stop(): Promise<void>;
}

/**
 * Starts the operator: probes and metrics at once, then leader election; the replica that
 * leads runs the controller, the others wait to take over.
 */
export async function startOperator(
  options: OperatorOptions,
): Promise<RunningOperator> {
  const { log } = options;
  const metrics = new OperatorMetrics();
  reuseConnections(options.kubeConfig);
  const client = new KubeClient({ kubeConfig: options.kubeConfig });
  const prometheus = options.prometheusUrl
    ? new PrometheusClient({
        baseUrl: options.prometheusUrl,
        timeoutMs: options.prometheusTimeoutMs,
      })
    : undefined;
  let controller: Controller | undefined;
  let contacted = false;
  let stopping = false;
  // Starting and stopping are chained so a lost and regained lead never overlaps itself.
  let transition = Promise.resolve();

  const lead = () => {
    transition = transition.then(async () => {
      if (stopping || controller) return;
      metrics.leader.set(1);
      controller = new Controller({
        kubeConfig: options.kubeConfig,
        client,
        log,
        metrics,
        identity: options.identity,
        targets: options.targets,
        prometheusAddress: options.prometheusAddress,
        prometheus,
        sloIntervalMs: options.sloIntervalMs,
        resyncMs: options.resyncMs,
        concurrency: options.concurrency,
        retryBaseMs: options.retryBaseMs,
      });
      await controller.start();
    });
  };
  const follow = () => {
    transition = transition.then(async () => {
      metrics.leader.set(0);
      const c = controller;
      controller = undefined;
      await c?.stop();
    });
  };

  const elector = options.leaderElection
    ? new LeaderElector({
        client,
        log,
        namespace: options.leaseNamespace,
        name: options.leaseName,
        identity: options.identity,
        leaseDurationMs: options.leaseDurationMs,
        renewDeadlineMs: options.renewDeadlineMs,
        retryPeriodMs: options.retryPeriodMs,
        onStartedLeading: lead,
        onStoppedLeading: follow,
        onContact: () => {
          contacted = true;
        },
      })
    : undefined;

  const http: { port: number; server: Server } = await startHttpServer({
    host: options.httpHost,
    port: options.httpPort,
    metrics,
    health: {
      live: () => true,
      ready: () => {
        if (elector && !contacted) {
          return { ok: false, reason: 'no answer from the API server yet' };
        }
        if (controller && !controller.synced) {
          return { ok: false, reason: 'leading; watches not in sync yet' };
        }
        return {
          ok: true,
          reason: controller ? 'leading' : 'standing by for the leader Lease',
        };
      },
    },
  });
  log.info('serving probes and metrics', { port: http.port });

  if (elector) elector.start();
  else lead();

  return {
    port: http.port,
    async stop() {
      stopping = true;
      await elector?.stop(true);
      follow();
      await transition;
      const closed = new Promise<void>(resolve =>
        http.server.close(() => resolve()),
      );
      http.server.closeAllConnections();
      await closed;
    },
  };
}
