import { validateNativeObject } from './validateNative';

const meta = {
  name: 'payments',
  namespace: 'payments',
  labels: { 'app.kubernetes.io/name': 'payments' },
};

describe('validateNativeObject', () => {
  it('accepts a valid Deployment and HTTPRoute', async () => {
    await expect(
      validateNativeObject({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta,
        spec: {
          selector: { matchLabels: { app: 'x' } },
          template: { spec: { containers: [{ name: 'x', image: 'x:1' }] } },
        },
      }),
    ).resolves.toEqual({ status: 'valid' });
    await expect(
      validateNativeObject({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: meta,
        spec: {
          rules: [
            { backendRefs: [{ name: 'payments', port: 8080, weight: 10 }] },
          ],
        },
      }),
    ).resolves.toEqual({ status: 'valid' });
  });

  it('names each field the kubernetes-models schema rejects', async () => {
    const result = await validateNativeObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: meta,
      spec: {
        strategy: {
          canary: {
            steps: [{ setWeight: 10 }, { pause: {} }, { setWeight: 'half' }],
          },
        },
      },
    });
    expect(result).toEqual({
      status: 'invalid',
      errors: expect.arrayContaining([
        {
          path: 'spec.strategy.canary.steps[2].setWeight',
          message: 'must be integer',
        },
      ]),
    });
  });

  it('reports missing required fields by their own path', async () => {
    const result = await validateNativeObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta,
      spec: { template: {} },
    });
    expect(result).toEqual({
      status: 'invalid',
      errors: [{ path: 'spec.selector', message: 'is required' }],
    });
  });

  it('checks metadata names and labels', async () => {
    const result = await validateNativeObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'payments.v2',
        labels: { 'bad key!': 'x', ok: 'x'.repeat(64) },
      },
      spec: {},
    });
    expect(result).toEqual({
      status: 'invalid',
      errors: [
        {
          path: 'metadata.name',
          message: expect.stringMatching(/DNS-1123 label/),
        },
        {
          path: 'metadata.labels["bad key!"]',
          message: 'has a key that is not a qualified name',
        },
        {
          path: 'metadata.labels.ok',
          message: 'must be a label value (≤ 63 characters)',
        },
      ],
    });
  });

  it('validates Sloth, Pyrra and Flagger kinds with the module schemas', async () => {
    await expect(
      validateNativeObject({
        apiVersion: 'pyrra.dev/v1alpha1',
        kind: 'ServiceLevelObjective',
        metadata: meta,
        spec: {
          target: '100.5',
          window: '4 weeks',
          indicator: {
            ratio: { errors: { metric: 'a' }, total: { metric: 'b' } },
          },
        },
      }),
    ).resolves.toEqual({
      status: 'invalid',
      errors: [
        { path: 'spec.target', message: 'must be between 0 and 100' },
        {
          path: 'spec.window',
          message:
            'must be a Prometheus duration such as 5m, 28d or 1h30m (whole numbers, units y, w, d, h, m, s, ms, largest first)',
        },
      ],
    });
    await expect(
      validateNativeObject({
        apiVersion: 'sloth.slok.dev/v1',
        kind: 'PrometheusServiceLevel',
        metadata: meta,
        spec: {
          service: 'payments',
          slos: [
            {
              name: 'availability',
              objective: 99.9,
              sli: {
                events: {
                  errorQuery: 'sum(rate(a[5m]))',
                  totalQuery: 'sum(rate(b[{{.window}}]))',
                },
              },
              alerting: { name: 'PaymentsHighErrorRate' },
            },
          ],
        },
      }),
    ).resolves.toEqual({
      status: 'invalid',
      errors: [
        {
          path: 'spec.slos[0].sli.events.errorQuery',
          message: 'must use {{.window}}',
        },
      ],
    });
    await expect(
      validateNativeObject({
        apiVersion: 'flagger.app/v1beta1',
        kind: 'Canary',
        metadata: meta,
        spec: {
          targetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'payments',
          },
          service: { port: 8080 },
          analysis: { interval: '1m', threshold: 5, stepWeights: [10, 150] },
        },
      }),
    ).resolves.toEqual({
      status: 'invalid',
      errors: [
        { path: 'spec.analysis.stepWeights[1]', message: 'must be ≤ 100' },
      ],
    });
  });

  it('says unknown for kinds it has no schema for, and never throws', async () => {
    await expect(
      validateNativeObject({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: meta,
      }),
    ).resolves.toEqual({ status: 'unknown' });
    await expect(validateNativeObject('nope')).resolves.toEqual({
      status: 'invalid',
      errors: [{ path: '', message: 'must be an object' }],
    });
    await expect(validateNativeObject({ metadata: meta })).resolves.toEqual({
      status: 'invalid',
      errors: [
        { path: 'apiVersion', message: 'is required' },
        { path: 'kind', message: 'is required' },
      ],
    });
  });

  describe('accepts what the upstream CRDs accept (issue #8 §5)', () => {
    it('accepts Sloth without alerting.name, and with SLO plugins', async () => {
      await expect(
        validateNativeObject({
          apiVersion: 'sloth.slok.dev/v1',
          kind: 'PrometheusServiceLevel',
          metadata: meta,
          spec: {
            service: 'payments',
            sloPlugins: {
              chain: [
                {
                  id: 'sloth.dev/core/sli_error_ratio/v1',
                  priority: 100,
                  config: { window: '5m' },
                },
              ],
            },
            slos: [
              {
                name: 'requests-availability',
                objective: 99.9,
                sli: {
                  raw: { errorRatioQuery: 'sum(rate(errors[{{.window}}]))' },
                },
                alerting: { pageAlert: { disable: true } },
              },
              {
                name: 'no-alerting-block',
                objective: 99,
                sli: {
                  raw: { errorRatioQuery: 'sum(rate(slow[{{.window}}]))' },
                },
                plugins: {
                  overridePrevious: true,
                  chain: [{ id: 'sloth.dev/contrib/denominator_corrected' }],
                },
              },
            ],
          },
        }),
      ).resolves.toEqual({ status: 'valid' });
    });

    it('accepts Flagger without spec.service, with primaryScaler fields and analysis defaults', async () => {
      await expect(
        validateNativeObject({
          apiVersion: 'flagger.app/v1beta1',
          kind: 'Canary',
          metadata: meta,
          spec: {
            provider: 'kubernetes',
            targetRef: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'payments',
            },
            autoscalerRef: {
              apiVersion: 'autoscaling/v2',
              kind: 'HorizontalPodAutoscaler',
              name: 'payments',
              primaryScalerReplicas: { minReplicas: 2, maxReplicas: 5 },
            },
            analysis: { iterations: 10, metrics: [] },
          },
        }),
      ).resolves.toEqual({ status: 'valid' });
    });

    it('warns, naming the package version checked, on Envoy Gateway values its model does not know', async () => {
      const result = await validateNativeObject({
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'BackendTrafficPolicy',
        metadata: meta,
        spec: {
          targetRefs: [
            {
              group: 'gateway.networking.k8s.io',
              kind: 'HTTPRoute',
              name: 'payments',
            },
          ],
          loadBalancer: { type: 'BackendUtilization' },
        },
      });
      expect(result).toEqual({
        status: 'valid',
        warnings: [
          {
            path: 'spec.loadBalancer.type',
            message: expect.stringMatching(
              /^must be equal to one of the allowed values according to @kubernetes-models\/envoy-gateway \d+\.\d+\.\d+, the schema checked; Envoy Gateway may be newer/,
            ),
          },
        ],
      });
    });

    it('still fails a wrong type in a trailing schema, and any error in a core kind', async () => {
      await expect(
        validateNativeObject({
          apiVersion: 'gateway.envoyproxy.io/v1alpha1',
          kind: 'BackendTrafficPolicy',
          metadata: meta,
          spec: { retry: { numRetries: 'three' } },
        }),
      ).resolves.toMatchObject({
        status: 'invalid',
        errors: [{ path: 'spec.retry.numRetries', message: 'must be integer' }],
      });
      await expect(
        validateNativeObject({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: meta,
          spec: {
            selector: {},
            template: {},
            strategy: { type: 'Sometimes' },
          },
        }),
      ).resolves.toMatchObject({ status: 'invalid' });
    });

    it('does not validate status: it is never applied', async () => {
      await expect(
        validateNativeObject({
          apiVersion: 'gateway.envoyproxy.io/v1alpha1',
          kind: 'BackendTrafficPolicy',
          metadata: meta,
          spec: {
            targetRefs: [
              {
                group: 'gateway.networking.k8s.io',
                kind: 'HTTPRoute',
                name: 'payments',
              },
            ],
          },
          status: { ancestors: null },
        }),
      ).resolves.toEqual({ status: 'valid' });
    });
  });
});
