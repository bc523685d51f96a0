import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

/** The operator's Prometheus metrics (prom-client), served on /metrics. */
export class OperatorMetrics {
  readonly registry = new Registry();
  readonly reconciles = new Counter({
    name: 'kmop_operator_reconciles_total',
    help: 'Reconciles of kmop.dev objects, by kind and result (applied, unchanged, invalid, crd_missing, conflict, error).',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'kmop_operator_reconcile_errors_total',
    help: 'Reconciles that failed on an API error and were queued for a retry, by kind.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'kmop_operator_reconcile_duration_seconds',
    help: 'Time one reconcile took, by kind.',
    labelNames: ['kind'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'kmop_operator_queue_depth',
    help: 'Keys waiting in the work queue.',
    registers: [this.registry],
  });
  readonly writes = new Counter({
    name: 'kmop_operator_api_writes_total',
    help: 'Writes the operator sent to the API server, by verb (apply, delete, status); Events are not counted.',
    labelNames: ['verb'] as const,
    registers: [this.registry],
  });
  readonly sloEvaluations = new Counter({
    name: 'kmop_operator_slo_evaluations_total',
    help: 'Evaluations of ServiceLevelObjectives against Prometheus, by the reason of their Evaluated condition (Measured, NoData, NotMeasurable, PrometheusUnreachable).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly leader = new Gauge({
    name: 'kmop_operator_leader',
    help: '1 while this replica holds the leader Lease.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({
      register: this.registry,
      prefix: 'kmop_operator_',
    });
  }
}
