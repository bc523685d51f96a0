import { KMOP_EXAMPLE_MANIFESTS } from '@kmop/plugin-kmop-common/testUtils';
import { freePort } from '@kmop/kube-sim';
import { parse } from 'yaml';
import {
  Obj,
  OperatorHarness,
  condition,
  waitUntil,
} from './__testUtils__/harness';
import {
  CountingProxy,
  PrometheusServer,
  startCountingProxy,
  startPrometheus,
} from './__testUtils__/prometheus';

// Generous: Prometheus is backfilled with a month of data, and the operator is a real process.
jest.setTimeout(300_000);

const NS = 'payments';
const SLO_REF = {
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'ServiceLevelObjective',
  namespace: NS,
  name: 'payments-api-availability',
};

// Traffic of the example SLO's service, one sample a minute: 10,000 requests a minute, of
// which 200 fail since two hours before the test started and 3 before that. The samples run
// on half an hour past the start, so every window ending while the test runs is full.
const MINUTE = 60;
const TOTAL_PER_MIN = 10_000;
const START = Math.floor(Date.now() / 1000 / MINUTE) * MINUTE;
const FIRST = START - (30 * 24 * 60 + 180) * MINUTE;
const LAST = START + 30 * MINUTE;
/** Failing traffic starts after this instant (a minute boundary). */
const FAILING_FROM = START - 120 * MINUTE;

/** Cumulative errors and requests at the sample at `t` (a minute boundary). */
function counts(t: number): { errors: number; total: number } {
  const minutes = (t - FIRST) / MINUTE;
  const failing = Math.max(0, (t - FAILING_FROM) / MINUTE);
  return {
    errors: failing * 200 + (minutes - failing) * 3,
    total: minutes * TOTAL_PER_MIN,
  };
}

/**
 * The error ratio Prometheus computes over `window` seconds ending at `at`: rate() of both
 * series spans the same samples, so its extrapolation cancels in the ratio — the increase
 * between the first sample inside the window and the last one.
 */
function expectedErrorRatio(at: number, window: number): number {
  const first = Math.floor((at - window) / MINUTE) * MINUTE + MINUTE;
  const last = Math.floor(at / MINUTE) * MINUTE;
  const a = counts(first);
  const b = counts(last);
  return (b.errors - a.errors) / (b.total - a.total);
}

const WINDOWS: Record<string, number> = {
  '5m': 300,
  '30m': 1800,
  '1h': 3600,
  '6h': 21600,
  '3d': 259200,
};

function close(actual: number | undefined, expected: number) {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected)).toBeLessThan(
    1e-9 * Math.max(1, Math.abs(expected)),
  );
}

function series() {
  const errors: Array<[number, number]> = [];
  const ok: Array<[number, number]> = [];
  for (let t = FIRST; t <= LAST; t += MINUTE) {
    const c = counts(t);
    errors.push([t, c.errors]);
    ok.push([t, c.total - c.errors]);
  }
  return [
    { labels: { service: 'payments-api', code: '500' }, samples: errors },
    { labels: { service: 'payments-api', code: '200' }, samples: ok },
  ];
}

describe('SLO status from Prometheus', () => {
  let harness: OperatorHarness;

  beforeEach(async () => {
    harness = await OperatorHarness.start();
    harness.sim.store.create(
      parse(KMOP_EXAMPLE_MANIFESTS.ServiceLevelObjective),
    );
  });

  afterEach(async () => {
    await harness.close();
  });

  const slo = () => harness.sim.store.get(SLO_REF) as Obj | undefined;

  describe('with a Prometheus', () => {
    let prometheus: PrometheusServer;
    let proxy: CountingProxy;

    beforeAll(async () => {
      prometheus = await startPrometheus({
        metric: 'http_requests',
        series: series(),
      });
      proxy = await startCountingProxy(prometheus.url);
    }, 240_000);

    afterAll(async () => {
      await proxy?.close();
      await prometheus?.stop();
    });

    it('writes the SLI, budget left and burn rates measured with the SLO math, once per interval, not per reconcile', async () => {
      const operator = harness.startOperator([
        '--no-leader-elect',
        '--prometheus-url',
        proxy.url,
        // Longer than the test: only the first measurement and the one a spec change asks
        // for may query Prometheus.
        '--slo-interval',
        '1h',
      ]);
      const measured = await waitUntil(
        () => condition(slo(), 'Evaluated')?.status === 'True' && slo(),
        'Evaluated=True',
      );
      expect(condition(measured, 'Evaluated')).toMatchObject({
        reason: 'Measured',
        message: 'measured from Prometheus',
        observedGeneration: 1,
      });
      expect(condition(measured, 'Ready')?.status).toBe('True');
      const at = Date.parse(measured.status.lastEvaluated) / 1000;
      const ratio = expectedErrorRatio(at, 30 * 24 * 3600);
      close(measured.status.sli, 1 - ratio);
      close(measured.status.errorBudgetRemaining, 1 - ratio / 0.001);
      // Shortest window first; the alert windows of a 30d SLO (SRE workbook tiers).
      expect(
        measured.status.burnRates.map((b: { window: string }) => b.window),
      ).toEqual(['5m', '30m', '1h', '6h', '3d']);
      for (const b of measured.status.burnRates) {
        close(b.rate, expectedErrorRatio(at, WINDOWS[b.window]) / 0.001);
      }
      // The fast windows see only the failing traffic: 2% errors burn a 0.1% budget 20×.
      close(measured.status.burnRates[0].rate, 20);
      // One set of queries: the SLO window and the five alert windows.
      expect(proxy.queries).toHaveLength(6);
      expect(proxy.queries.every(q => q.includes('payments-api'))).toBe(true);

      // Reconciles that change no spec (a label, a child deleted by hand) query nothing.
      harness.sim.store.patch(SLO_REF, {
        metadata: { labels: { team: 'payments' } },
      });
      const sloth = {
        apiVersion: 'sloth.slok.dev/v1',
        kind: 'PrometheusServiceLevel',
        namespace: NS,
        name: 'payments-api-availability',
      };
      harness.sim.store.delete(sloth);
      await waitUntil(
        () => harness.sim.store.get(sloth),
        'the Sloth object put back',
      );
      await waitUntil(async () => {
        const m = (await operator.get('/metrics')).text;
        return /kmop_operator_reconciles_total\{kind="ServiceLevelObjective",result="applied"\} [2-9]/.test(
          m,
        );
      }, 'the reconciles');
      expect(proxy.queries).toHaveLength(6);
      expect(slo()!.status.lastEvaluated).toBe(measured.status.lastEvaluated);

      // A new objective is measured at once: the same traffic against a 0.5% budget.
      harness.sim.store.patch(SLO_REF, { spec: { objective: 99.5 } });
      const remeasured = await waitUntil(
        () => condition(slo(), 'Evaluated')?.observedGeneration === 2 && slo(),
        'the SLO measured against its new objective',
      );
      expect(proxy.queries).toHaveLength(12);
      const at2 = Date.parse(remeasured.status.lastEvaluated) / 1000;
      close(
        remeasured.status.errorBudgetRemaining,
        1 - expectedErrorRatio(at2, 30 * 24 * 3600) / 0.005,
      );
      close(remeasured.status.burnRates[0].rate, 4);
      expect((await operator.get('/metrics')).text).toMatch(
        /kmop_operator_slo_evaluations_total\{reason="Measured"\} 2/,
      );
    });
  });

  it('writes no figures without a Prometheus, and says so when Prometheus cannot be reached', async () => {
    let operator = harness.startOperator(['--no-leader-elect']);
    const reconciled = await waitUntil(
      () => condition(slo(), 'Reconciled')?.status === 'True' && slo(),
      'Reconciled=True',
    );
    expect(condition(reconciled, 'Evaluated')).toBeUndefined();
    for (const field of [
      'sli',
      'errorBudgetRemaining',
      'burnRates',
      'lastEvaluated',
    ]) {
      expect(reconciled.status).not.toHaveProperty(field);
    }
    await operator.stop();

    operator = harness.startOperator([
      '--no-leader-elect',
      '--prometheus-url',
      // A port nothing listens on.
      `http://127.0.0.1:${await freePort()}`,
      '--prometheus-timeout',
      '2s',
    ]);
    const unreachable = await waitUntil(
      () => condition(slo(), 'Evaluated') && slo(),
      'the Evaluated condition',
    );
    expect(condition(unreachable, 'Evaluated')).toMatchObject({
      status: 'False',
      reason: 'PrometheusUnreachable',
      message: expect.stringContaining('Prometheus could not be queried'),
    });
    expect(condition(unreachable, 'Evaluated').message).toContain(
      'no figures yet',
    );
    expect(unreachable.status).not.toHaveProperty('sli');
    expect(unreachable.status).not.toHaveProperty('burnRates');
    // Ready is about the rendered objects, which are fine.
    expect(condition(unreachable, 'Ready')?.status).toBe('True');
  });
});
