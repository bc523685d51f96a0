/** Realistic SLO objects: KMOP, Sloth and Pyrra. */
import { omitStatus } from './omitStatus';

function kmopSlo<S extends object>(
  status: S,
  spec: object = {},
  generation = 3,
) {
  return {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'ServiceLevelObjective',
    metadata: { name: 'payments-availability', namespace: 'shop', generation },
    spec: {
      serviceRef: 'payments',
      description: '99.9% of payment requests succeed',
      objective: 99.9,
      window: '30d',
      indicator: {
        type: 'ratio',
        errorQuery:
          'sum(rate(http_requests_total{service="payments",code=~"5.."}[{{.window}}]))',
        totalQuery:
          'sum(rate(http_requests_total{service="payments"}[{{.window}}]))',
      },
      target: 'sloth',
      ...spec,
    },
    status,
  };
}

const ready = [{ type: 'Ready', status: 'True', reason: 'RulesGenerated' }];

export const kmopSlos = {
  /** Half the budget left, burning slowly: nothing fires. */
  healthy: kmopSlo({
    sli: 0.9995,
    burnRates: [
      { window: '5m', rate: 0.4 },
      { window: '1h', rate: 0.5 },
      { window: '30m', rate: 0.6 },
      { window: '6h', rate: 0.7 },
    ],
    lastEvaluated: '2026-07-01T12:00:00Z',
    observedGeneration: 3,
    conditions: ready,
  }),
  progressing: kmopSlo({ observedGeneration: 2, conditions: ready }),
  /** 1.44% errors over 1h and 2% over 5m at 99.9%: the fast page fires. */
  degraded: kmopSlo({
    sli: 0.9992,
    errorBudgetRemaining: 0.2,
    burnRates: [
      { window: '1h', rate: 14.4 + 0.1 },
      { window: '5m', rate: 20 },
    ],
    observedGeneration: 3,
    conditions: ready,
  }),
  unknown: omitStatus(kmopSlo({})),
  /** A latency SLO with a 28d window and the ticket alert turned off. */
  latency: omitStatus(
    kmopSlo(
      {},
      {
        objective: 99,
        window: '28d',
        indicator: {
          type: 'latency',
          threshold: '300ms',
          errorQuery:
            'sum(rate(http_request_duration_seconds_count{service="payments"}[{{.window}}])) - sum(rate(http_request_duration_seconds_bucket{service="payments",le="0.3"}[{{.window}}]))',
          totalQuery:
            'sum(rate(http_request_duration_seconds_count{service="payments"}[{{.window}}]))',
        },
        alerting: { enabled: true, ticketAlert: { disabled: true } },
      },
    ),
  ),
};

function sloth<S extends object>(status: S, generation = 7) {
  return {
    apiVersion: 'sloth.slok.dev/v1',
    kind: 'PrometheusServiceLevel',
    metadata: { name: 'payments', namespace: 'shop', generation },
    spec: {
      service: 'payments',
      labels: { owner: 'payments-team' },
      slos: [
        {
          name: 'requests-availability',
          objective: 99.9,
          description:
            'Common SLO based on availability for HTTP request responses.',
          sli: {
            events: {
              errorQuery:
                'sum(rate(http_request_duration_seconds_count{job="payments",code=~"(5..|429)"}[{{.window}}]))',
              totalQuery:
                'sum(rate(http_request_duration_seconds_count{job="payments"}[{{.window}}]))',
            },
          },
          alerting: {
            name: 'PaymentsHighErrorRate',
            pageAlert: { labels: { severity: 'pageteam' } },
            ticketAlert: { disable: true },
          },
        },
        {
          name: 'latency',
          objective: 99,
          sli: {
            raw: {
              errorRatioQuery:
                '1 - (sum(rate(http_request_duration_seconds_bucket{job="payments",le="0.25"}[{{.window}}])) / sum(rate(http_request_duration_seconds_count{job="payments"}[{{.window}}])))',
            },
          },
          alerting: { name: 'PaymentsSlow' },
        },
        {
          name: 'kafka-consumer',
          objective: 95,
          sli: {
            plugin: {
              id: 'sloth-common/kafka/consumer-group-lag',
              options: { group: 'payments' },
            },
          },
          alerting: {
            name: 'PaymentsLag',
            pageAlert: { disable: true },
            ticketAlert: { disable: true },
          },
        },
      ],
    },
    status,
  };
}

export const slothServiceLevels = {
  healthy: sloth({
    promOpRulesGenerated: true,
    processedSLOs: 3,
    promOpRulesGeneratedSLOs: 3,
    lastPromOpRulesSuccessfulGenerated: '2026-07-01T10:00:00Z',
    observedGeneration: 7,
  }),
  progressing: sloth({
    promOpRulesGenerated: true,
    processedSLOs: 3,
    promOpRulesGeneratedSLOs: 3,
    observedGeneration: 6,
  }),
  degraded: sloth({
    promOpRulesGenerated: false,
    processedSLOs: 3,
    promOpRulesGeneratedSLOs: 0,
    observedGeneration: 7,
  }),
  unknown: omitStatus(sloth({})),
};

function pyrra(indicator: object, extra: object = {}) {
  return {
    apiVersion: 'pyrra.dev/v1alpha1',
    kind: 'ServiceLevelObjective',
    metadata: {
      name: 'checkout-errors',
      namespace: 'shop',
      labels: { 'pyrra.dev/team': 'checkout' },
    },
    spec: {
      target: '99.5',
      window: '28d',
      description: 'Checkout requests succeed',
      indicator,
      ...extra,
    },
  };
}

export const pyrraSlos = {
  ratio: {
    ...pyrra({
      ratio: {
        errors: { metric: 'http_requests_total{job="checkout",code=~"5.."}' },
        total: { metric: 'http_requests_total{job="checkout"}' },
        grouping: ['route'],
      },
    }),
    status: { type: 'PrometheusRule' },
  },
  latency: pyrra({
    latency: {
      success: {
        metric: 'http_request_duration_seconds_bucket{job="checkout",le="0.1"}',
      },
      total: { metric: 'http_request_duration_seconds_count{job="checkout"}' },
    },
  }),
  latencyNative: pyrra({
    latencyNative: {
      latency: '250ms',
      total: { metric: 'http_request_duration_seconds{job="checkout"}' },
    },
  }),
  boolGauge: pyrra(
    { bool_gauge: { metric: 'probe_success{job="checkout"}' } },
    { alerting: { disabled: true } },
  ),
};
