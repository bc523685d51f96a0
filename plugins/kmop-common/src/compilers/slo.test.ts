import { latencySlo, ratioSlo } from './__fixtures__/payments';
import { compileSloToPyrra } from './pyrra';
import { alertName, compileSloToSloth } from './sloth';
import { KmopCompileError } from './types';

describe('compileSloToSloth', () => {
  it('emits a PrometheusServiceLevel with the KMOP queries as events', () => {
    const { objects, warnings } = compileSloToSloth(ratioSlo());
    expect(warnings).toEqual([]);
    expect(objects).toHaveLength(1);
    expect(objects[0].apiVersion).toBe('sloth.slok.dev/v1');
    expect(objects[0].kind).toBe('PrometheusServiceLevel');
    expect(objects[0].metadata.name).toBe('payments-availability');
    expect(objects[0].spec).toEqual({
      service: 'payments',
      slos: [
        {
          name: 'payments-availability',
          objective: 99.9,
          description: 'Payment requests that do not fail',
          sli: {
            events: {
              errorQuery:
                'sum(rate(http_requests_total{service="payments",code=~"5.."}[{{.window}}]))',
              totalQuery:
                'sum(rate(http_requests_total{service="payments"}[{{.window}}]))',
            },
          },
          alerting: {
            name: 'PaymentsAvailabilityHighErrorRate',
            pageAlert: { disable: false },
            ticketAlert: { disable: false },
          },
        },
      ],
    });
  });

  it('turns off alerts as the KMOP alerting says and warns about the window', () => {
    const { objects, warnings } = compileSloToSloth(latencySlo());
    const slo = (objects[0].spec.slos as Record<string, unknown>[])[0];
    expect(slo.alerting).toEqual({
      name: 'PaymentsLatencyHighLatency',
      pageAlert: { disable: false },
      ticketAlert: { disable: true },
    });
    expect(warnings).toEqual([
      expect.stringMatching(/no window field.*--default-slo-period=28d/),
    ]);
    const off = compileSloToSloth(
      ratioSlo({ spec: { alerting: { enabled: false } } }),
    );
    expect(
      (off.objects[0].spec.slos as Record<string, unknown>[])[0].alerting,
    ).toEqual({
      name: 'PaymentsAvailabilityHighErrorRate',
      pageAlert: { disable: true },
      ticketAlert: { disable: true },
    });
  });

  it('makes alert names Prometheus accepts', () => {
    expect(alertName('99th.latency-p99', 'latency')).toBe(
      'Slo99thLatencyP99HighLatency',
    );
  });
});

describe('compileSloToPyrra', () => {
  it('emits a ratio indicator from the selectors of the queries', () => {
    const { objects, warnings } = compileSloToPyrra(ratioSlo());
    expect(warnings).toEqual([]);
    expect(objects[0].apiVersion).toBe('pyrra.dev/v1alpha1');
    expect(objects[0].kind).toBe('ServiceLevelObjective');
    expect(objects[0].spec).toEqual({
      target: '99.9',
      window: '30d',
      description: 'Payment requests that do not fail',
      indicator: {
        ratio: {
          errors: {
            metric: 'http_requests_total{service="payments",code=~"5.."}',
          },
          total: { metric: 'http_requests_total{service="payments"}' },
        },
      },
    });
  });

  it('emits a latency indicator and warns that alerts cannot be split', () => {
    const { objects, warnings } = compileSloToPyrra(latencySlo());
    expect(objects[0].spec.window).toBe('28d');
    expect(objects[0].spec.indicator).toEqual({
      latency: {
        success: {
          metric:
            'http_request_duration_seconds_bucket{service="payments",le="0.3"}',
        },
        total: {
          metric: 'http_request_duration_seconds_count{service="payments"}',
        },
      },
    });
    expect(warnings).toEqual([
      expect.stringMatching(/cannot turn off page or ticket/),
    ]);
  });

  it('disables alerting when the SLO does', () => {
    const { objects } = compileSloToPyrra(
      ratioSlo({ spec: { alerting: { enabled: false } } }),
    );
    expect(objects[0].spec.alerting).toEqual({ disabled: true });
  });

  it('rejects queries Pyrra cannot take, naming the field', () => {
    const slo = ratioSlo({
      spec: {
        indicator: {
          totalQuery: 'sum by (code) (rate(http_requests_total[{{.window}}]))',
        },
      },
    });
    expect(() => compileSloToPyrra(slo)).toThrow(KmopCompileError);
    expect(() => compileSloToPyrra(slo)).toThrow(
      /^ServiceLevelObjective payments-availability: spec\.indicator\.totalQuery must read sum\(rate/,
    );
    const latency = latencySlo({
      spec: { indicator: { errorQuery: 'histogram_quantile(0.99, x) > 0.3' } },
    });
    expect(() => compileSloToPyrra(latency)).toThrow(
      /spec\.indicator\.errorQuery/,
    );
  });
});
