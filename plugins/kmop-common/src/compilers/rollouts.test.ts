import { canaryPolicy, gatewayRoute, ratioSlo } from './__fixtures__/payments';
import { compileRolloutToArgo } from './argoRollouts';
import { compileRolloutToFlagger } from './flagger';
import { KmopCompileError } from './types';

const ports = [{ name: 'http', port: 8080, protocol: 'TCP' }];

describe('compileRolloutToArgo', () => {
  it('emits a Rollout on the Deployment with the canary steps and the Services they name', () => {
    const { objects, warnings } = compileRolloutToArgo(canaryPolicy(), {
      deploymentName: 'payments',
      replicas: 3,
      ports,
      existingServices: ['payments'],
    });
    expect(warnings).toEqual([]);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Rollout/payments',
      'Service/payments-canary',
      'Service/payments-stable',
    ]);
    expect(objects[0].apiVersion).toBe('argoproj.io/v1alpha1');
    expect(objects[0].spec).toEqual({
      replicas: 3,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
      workloadRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'payments',
        scaleDown: 'progressively',
      },
      strategy: {
        canary: {
          canaryService: 'payments-canary',
          stableService: 'payments-stable',
          steps: [
            { setWeight: 10 },
            { pause: { duration: '5m' } },
            {
              analysis: {
                templates: [{ templateName: 'payments-success-rate' }],
              },
            },
            { setWeight: 50 },
            { pause: { duration: '10m' } },
            // autoPromote is false: a person promotes.
            { pause: {} },
          ],
        },
      },
    });
    expect(objects[1].spec).toEqual({
      selector: { 'app.kubernetes.io/name': 'payments' },
      ports: [
        { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
      ],
    });
  });

  it('does not add a final pause with autoPromote, and says when ports are missing', () => {
    const { objects, warnings } = compileRolloutToArgo(
      canaryPolicy({ spec: { autoPromote: true } }),
      { deploymentName: 'payments' },
    );
    const canary = (
      objects[0].spec.strategy as { canary: { steps: unknown[] } }
    ).canary;
    expect(canary.steps.at(-1)).toEqual({ pause: { duration: '10m' } });
    expect(objects).toHaveLength(1);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /Service payments-canary is named by the strategy/,
    );
  });

  it('emits blue-green and rolling strategies', () => {
    const blueGreen = compileRolloutToArgo(
      canaryPolicy({
        spec: {
          strategy: 'blueGreen',
          canary: undefined,
          blueGreen: {
            activeService: 'payments',
            previewService: 'payments-preview',
            autoPromotionSeconds: 300,
          },
        },
      }),
      { deploymentName: 'payments', ports, existingServices: ['payments'] },
    );
    expect(blueGreen.objects[0].spec.strategy).toEqual({
      blueGreen: {
        activeService: 'payments',
        previewService: 'payments-preview',
        autoPromotionEnabled: false,
        autoPromotionSeconds: 300,
      },
    });
    expect(blueGreen.objects.map(o => o.metadata.name)).toEqual([
      'payments',
      'payments-preview',
    ]);
    const rolling = compileRolloutToArgo(
      canaryPolicy({
        spec: {
          strategy: 'rolling',
          canary: undefined,
          rolling: { maxSurge: 2 },
        },
      }),
      { deploymentName: 'payments' },
    );
    expect(rolling.objects[0].spec.strategy).toEqual({
      canary: { maxSurge: 2, maxUnavailable: '25%' },
    });
  });

  it('gates the canary on the SLO burn rate with an AnalysisTemplate', () => {
    const { objects } = compileRolloutToArgo(
      canaryPolicy({
        spec: { sloGate: { sloRef: 'payments-availability', maxBurnRate: 2 } },
      }),
      {
        deploymentName: 'payments',
        slos: [ratioSlo()],
        prometheusAddress: 'http://prom:9090',
      },
    );
    const canary = (
      objects[0].spec.strategy as { canary: Record<string, unknown> }
    ).canary;
    expect(canary.analysis).toEqual({
      templates: [{ templateName: 'payments-slo-gate' }],
    });
    const template = objects.find(o => o.kind === 'AnalysisTemplate')!;
    expect(template.metadata.name).toBe('payments-slo-gate');
    expect(template.spec).toEqual({
      metrics: [
        {
          name: 'slo-burn-rate',
          interval: '1m',
          failureLimit: 1,
          successCondition: 'isNaN(result[0]) || result[0] <= 2',
          provider: {
            prometheus: {
              address: 'http://prom:9090',
              query:
                '(sum(rate(http_requests_total{service="payments",code=~"5.."}[5m]))) / (sum(rate(http_requests_total{service="payments"}[5m]))) / 0.001',
            },
          },
        },
      ],
    });
  });

  it('rejects a gate whose SLO is not compiled with it', () => {
    const policy = canaryPolicy({
      spec: { sloGate: { sloRef: 'missing', maxBurnRate: 1 } },
    });
    expect(() =>
      compileRolloutToArgo(policy, { deploymentName: 'payments' }),
    ).toThrow(KmopCompileError);
    expect(() =>
      compileRolloutToArgo(policy, { deploymentName: 'payments' }),
    ).toThrow(/spec\.sloGate\.sloRef names ServiceLevelObjective "missing"/);
  });
});

describe('compileRolloutToFlagger', () => {
  it('emits a Canary whose step weights and interval come from the steps', () => {
    const { objects, warnings } = compileRolloutToFlagger(canaryPolicy(), {
      deploymentName: 'payments',
      port: 8080,
      targetPort: 'http',
      autoscalerName: 'payments',
      route: gatewayRoute(),
    });
    expect(objects).toHaveLength(1);
    expect(objects[0].apiVersion).toBe('flagger.app/v1beta1');
    expect(objects[0].spec).toEqual({
      provider: 'gatewayapi:v1',
      targetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'payments',
      },
      autoscalerRef: {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        name: 'payments',
      },
      service: {
        port: 8080,
        targetPort: 'http',
        hosts: ['pay.example.com'],
        gatewayRefs: [{ name: 'public', namespace: 'gateways' }],
      },
      analysis: { interval: '10m', threshold: 5, stepWeights: [10, 50] },
    });
    expect(warnings).toEqual([
      expect.stringMatching(/analysis steps name Argo AnalysisTemplates/),
      expect.stringMatching(/add a confirm-promotion webhook/),
      expect.stringMatching(/longest pause \(10m\) is used/),
    ]);
  });

  it('uses iterations for blue-green and a MetricTemplate for the SLO gate', () => {
    const { objects } = compileRolloutToFlagger(
      canaryPolicy({
        spec: {
          strategy: 'blueGreen',
          canary: undefined,
          blueGreen: {
            activeService: 'payments',
            previewService: 'payments-preview',
            autoPromotionSeconds: 150,
          },
          sloGate: { sloRef: 'payments-availability', maxBurnRate: 3 },
        },
      }),
      { deploymentName: 'payments', port: 8080, slos: [ratioSlo()] },
    );
    expect(objects.map(o => o.kind)).toEqual(['Canary', 'MetricTemplate']);
    expect(objects[0].spec.analysis).toEqual({
      interval: '1m',
      threshold: 5,
      iterations: 3,
      metrics: [
        {
          name: 'slo-burn-rate',
          interval: '1m',
          templateRef: { name: 'payments-slo-gate' },
          thresholdRange: { max: 3 },
        },
      ],
    });
    expect(objects[1].spec).toEqual({
      provider: {
        type: 'prometheus',
        address: 'http://prometheus-operated.monitoring.svc:9090',
      },
      query: expect.stringContaining('/ 0.001'),
    });
  });
});
