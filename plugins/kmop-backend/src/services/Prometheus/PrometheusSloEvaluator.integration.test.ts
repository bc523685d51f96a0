import { mockServices } from '@backstage/backend-test-utils';
import { PrometheusServer, startPrometheus } from '@kmop/kube-sim';
import {
  KmopSloView,
  PrometheusClient,
  multiwindowAlerts,
} from '@kmop/plugin-kmop-common';
import { PrometheusSloEvaluator } from './PrometheusSloEvaluator';

// The evaluation instant and the traffic history, per minute, before it:
// 10,000 requests a minute throughout; errors 3/min until 6h before T,
// 50/min from 6h to 1h before T, 200/min in the last hour.
const T = Date.UTC(2024, 2, 1) / 1000;
const MINUTE = 60;
const TOTAL_PER_MIN = 10_000;
function errorsPerMinute(minutesBeforeT: number): number {
  if (minutesBeforeT < 60) return 200;
  if (minutesBeforeT < 360) return 50;
  return 3;
}
const HISTORY_MIN = 30 * 24 * 60 + 60;

function series() {
  const errors: Array<[number, number]> = [];
  const ok: Array<[number, number]> = [];
  let e = 0;
  let o = 0;
  for (let m = HISTORY_MIN; m >= 0; m--) {
    errors.push([T - m * MINUTE, e]);
    ok.push([T - m * MINUTE, o]);
    // The increment from minute m to m-1 belongs to the period that contains it.
    const perMin = errorsPerMinute(m - 1);
    e += perMin;
    o += TOTAL_PER_MIN - perMin;
  }
  return [
    { labels: { service: 'pay', code: '500' }, samples: errors },
    { labels: { service: 'pay', code: '200' }, samples: ok },
  ];
}

// Worked out by hand from the history above, with objective 99.9% (budget 0.001):
// 5m, 30m, 1h: 200/10,000 = 0.02 → burn 20
// 6h: (60×200 + 300×50) / (360×10,000) = 27,000 / 3,600,000 = 0.0075 → burn 7.5
// 3d: (27,000 + 3,960×3) / (4,320×10,000) = 38,880 / 43,200,000 = 0.0009 → burn 0.9
// 30d: (27,000 + 42,840×3) / (43,200×10,000) = 155,520 / 432,000,000 = 0.00036
//      → SLI 0.99964, error budget remaining 1 − 0.36 = 0.64
const EXPECTED_BURN: Record<string, number> = {
  '5m': 20,
  '30m': 20,
  '1h': 20,
  '6h': 7.5,
  '3d': 0.9,
};

function slo(): KmopSloView {
  return {
    id: 'demo/kmop.dev/v1alpha1/ServiceLevelObjective/pay/pay-availability',
    source: {
      cluster: 'demo',
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'ServiceLevelObjective',
      namespace: 'pay',
      name: 'pay-availability',
    },
    health: 'ok',
    healthReason: 'from status',
    toolHealth: { health: 'ok', reason: 'Reconciled' },
    badges: [],
    name: 'pay-availability',
    objective: 0.999,
    window: '30d',
    indicator: {
      type: 'ratio',
      errorQuery:
        'sum(rate(http_requests_total{service="pay",code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total{service="pay"}[{{.window}}]))',
    },
    sli: 0.5,
    burnRates: [],
    alerts: multiwindowAlerts('30d'),
    dataSource: 'status',
  };
}

function close(actual: number | undefined, expected: number) {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected) / Math.abs(expected)).toBeLessThan(1e-9);
}

describe('PrometheusSloEvaluator against a real Prometheus', () => {
  let prometheus: PrometheusServer;

  beforeAll(async () => {
    prometheus = await startPrometheus({
      metric: 'http_requests',
      series: series(),
    });
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('computes SLI, error budget, burn rates and alerts from the SLO queries', async () => {
    const evaluator = new PrometheusSloEvaluator({
      clusterClients: new Map([
        [
          'demo',
          new PrometheusClient({ baseUrl: prometheus.url, timeoutMs: 5000 }),
        ],
      ]),
      logger: mockServices.logger.mock(),
      now: () => new Date(T * 1000),
    });
    const [result] = await evaluator.evaluate([slo()]);

    expect(result.dataSource).toBe('prometheus');
    expect(result.evaluatedAt).toBe('2024-03-01T00:00:00.000Z');
    close(result.sli, 0.99964);
    close(result.errorBudgetRemaining, 0.64);
    const rates = Object.fromEntries(
      result.burnRates.map(b => [b.window, b.rate]),
    );
    expect(Object.keys(rates).sort()).toEqual(
      Object.keys(EXPECTED_BURN).sort(),
    );
    for (const [window, expected] of Object.entries(EXPECTED_BURN)) {
      close(rates[window], expected);
    }
    expect(result.alerts.map(a => [a.longWindow, a.firing])).toEqual([
      ['1h', true], // 20 and 20 > 14.4
      ['6h', true], // 7.5 and 20 > 6
      ['3d', false], // 0.9 < 1
    ]);
  });

  it('keeps the status figures and says so when Prometheus fails', async () => {
    const evaluator = new PrometheusSloEvaluator({
      defaultClient: new PrometheusClient({
        baseUrl: 'http://127.0.0.1:1',
        timeoutMs: 500,
      }),
      clusterClients: new Map(),
      logger: mockServices.logger.mock(),
      now: () => new Date(T * 1000),
    });
    const [result] = await evaluator.evaluate([slo()]);
    expect(result.dataSource).toBe('status');
    expect(result.sli).toBe(0.5);
    expect(result.badges).toEqual([
      'Prometheus unavailable: showing status fields',
    ]);
  });
});
