import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  KmopSloView,
  PrometheusClient,
  measureSlo,
  withMeasuredFigures,
} from '@kmop/plugin-kmop-common';
import { SloEvaluator } from '../EntityViewService/DefaultEntityViewService';

/** Options of {@link PrometheusSloEvaluator}. */
export interface PrometheusSloEvaluatorOptions {
  /** Prometheus for clusters without their own. */
  defaultClient?: PrometheusClient;
  /** Prometheus per cluster name. */
  clusterClients: Map<string, PrometheusClient>;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * Computes each SLO's SLI, error budget remaining and burn rates from its own
 * queries, at one instant, with the SLO math of kmop-common. An SLO whose
 * cluster has no Prometheus, or whose queries fail, keeps the figures from its
 * status and says why.
 */
export class PrometheusSloEvaluator implements SloEvaluator {
  private readonly options: PrometheusSloEvaluatorOptions;

  /** The evaluator for `kmop.prometheus`, or undefined when it is not set. */
  static fromConfig(
    config: Config,
    options: { logger: LoggerService; now?: () => Date; fetch?: typeof fetch },
  ): PrometheusSloEvaluator | undefined {
    const prometheus = config.getOptionalConfig('kmop.prometheus');
    if (!prometheus) return undefined;
    const timeoutMs = prometheus.has('timeout')
      ? durationToMilliseconds(
          readDurationFromConfig(prometheus, { key: 'timeout' }),
        )
      : 5000;
    const maxConcurrentQueries = prometheus.getOptionalNumber(
      'maxConcurrentQueries',
    );
    if (
      maxConcurrentQueries !== undefined &&
      !(Number.isInteger(maxConcurrentQueries) && maxConcurrentQueries >= 1)
    ) {
      throw new InputError(
        `kmop.prometheus.maxConcurrentQueries must be a whole number ≥ 1, got ${maxConcurrentQueries}`,
      );
    }
    const client = (baseUrl: string) =>
      new PrometheusClient({
        baseUrl,
        timeoutMs,
        fetch: options.fetch,
        maxConcurrentQueries,
      });
    const baseUrl = prometheus.getOptionalString('baseUrl');
    const clusterClients = new Map<string, PrometheusClient>();
    for (const cluster of prometheus.getOptionalConfigArray('clusters') ?? []) {
      clusterClients.set(
        cluster.getString('name'),
        client(cluster.getString('baseUrl')),
      );
    }
    return new PrometheusSloEvaluator({
      defaultClient: baseUrl ? client(baseUrl) : undefined,
      clusterClients,
      logger: options.logger,
      now: options.now,
    });
  }

  constructor(options: PrometheusSloEvaluatorOptions) {
    this.options = options;
  }

  evaluate(slos: KmopSloView[]): Promise<KmopSloView[]> {
    const time = (this.options.now ?? (() => new Date()))();
    return Promise.all(slos.map(slo => this.evaluateOne(slo, time)));
  }

  private async evaluateOne(
    slo: KmopSloView,
    time: Date,
  ): Promise<KmopSloView> {
    const client =
      this.options.clusterClients.get(slo.source.cluster) ??
      this.options.defaultClient;
    if (!client) return slo;
    try {
      // Without a valid objective, window and queries there is nothing to measure.
      const figures = await measureSlo(
        slo,
        (query, at) => client.scalar(query, at),
        time,
      );
      return figures ? withMeasuredFigures(slo, figures) : slo;
    } catch (error) {
      this.options.logger.warn(
        `KMOP: Prometheus query for SLO ${slo.id} failed: ${
          (error as Error).message
        }`,
      );
      return {
        ...slo,
        badges: [
          ...slo.badges,
          'Prometheus unavailable: showing status fields',
        ],
      };
    }
  }
}
