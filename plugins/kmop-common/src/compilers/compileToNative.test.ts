import {
  canaryPolicy,
  gatewayRoute,
  latencySlo,
  microservice,
  ratioSlo,
  resiliencePolicy,
} from './__fixtures__/payments';
import { compileToNative } from './compileToNative';
import { KmopCompileError } from './types';

const kinds = (objects: { kind: string; metadata: { name: string } }[]) =>
  objects.map(o => `${o.kind}/${o.metadata.name}`);

describe('compileToNative', () => {
  const all = () => [
    microservice(),
    gatewayRoute({ spec: { rateLimit: { requests: 10, unit: 'Second' } } }),
    ratioSlo(),
    canaryPolicy(),
    resiliencePolicy({ spec: { rateLimit: undefined } }),
  ];

  it('compiles a whole service to Gateway API, Argo Rollouts, Sloth and Istio', () => {
    const { objects } = compileToNative(all(), {
      targets: ['gateway-api', 'argo-rollouts', 'sloth', 'istio'],
    });
    expect(kinds(objects)).toEqual([
      'Deployment/payments',
      'Service/payments',
      'HTTPRoute/payments',
      'PrometheusServiceLevel/payments-availability',
      'Rollout/payments',
      'Service/payments-canary',
      'Service/payments-stable',
      'DestinationRule/payments',
      'VirtualService/payments',
      'PodDisruptionBudget/payments',
    ]);
    for (const o of objects) {
      expect(o.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': 'payments',
        'backstage.io/kubernetes-id': 'payments',
        'app.kubernetes.io/managed-by': 'kmop',
      });
    }
    const rollout = objects.find(o => o.kind === 'Rollout')!;
    expect(rollout.spec.replicas).toBe(3);
  });

  it('merges the route rate limit into the resilience BackendTrafficPolicy for Envoy Gateway', () => {
    const { objects } = compileToNative(all(), {
      targets: ['envoy-gateway', 'flagger', 'pyrra'],
    });
    expect(kinds(objects)).toEqual([
      'Deployment/payments',
      'Service/payments',
      'HTTPRoute/payments',
      'ServiceLevelObjective/payments-availability',
      'Canary/payments',
      'BackendTrafficPolicy/payments',
      'PodDisruptionBudget/payments',
    ]);
    const btp = objects.find(o => o.kind === 'BackendTrafficPolicy')!;
    expect(btp.spec.rateLimit).toEqual({
      local: { rules: [{ limit: { requests: 10, unit: 'Second' } }] },
    });
  });

  it('points the autoscaler at the Rollout and applies rolling limits to the Deployment', () => {
    const scaled = compileToNative(
      [
        microservice({ spec: { autoscaling: { maxReplicas: 6 } } }),
        canaryPolicy(),
      ],
      { targets: ['argo-rollouts'] },
    ).objects;
    const hpa = scaled.find(o => o.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      name: 'payments',
    });
    expect(
      scaled.find(o => o.kind === 'Rollout')!.spec.replicas,
    ).toBeUndefined();

    const rolling = compileToNative(
      [
        microservice(),
        canaryPolicy({
          spec: {
            strategy: 'rolling',
            canary: undefined,
            rolling: { maxSurge: 1 },
          },
        }),
      ],
      { targets: ['gateway-api'] },
    ).objects;
    expect(kinds(rolling)).toEqual(['Deployment/payments', 'Service/payments']);
    expect(rolling[0].spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' },
    });
  });

  it('follows spec.target and spec.engine when several engines are targets', () => {
    const { objects } = compileToNative(
      [
        ratioSlo({ spec: { target: 'pyrra' } }),
        latencySlo({ spec: { target: 'sloth' } }),
      ],
      { targets: ['sloth', 'pyrra'] },
    );
    expect(objects.map(o => o.apiVersion)).toEqual([
      'pyrra.dev/v1alpha1',
      'sloth.slok.dev/v1',
    ]);
    expect(() =>
      compileToNative([ratioSlo()], { targets: ['sloth', 'pyrra'] }),
    ).toThrow(/spec\.target must choose between sloth and pyrra/);
    expect(() =>
      compileToNative([canaryPolicy({ spec: { engine: 'flagger' } })], {
        targets: ['argo-rollouts'],
      }),
    ).toThrow(/spec\.engine asks for flagger, which is not among the targets/);
  });

  it('names what a resource needs when no target can take it', () => {
    expect(() =>
      compileToNative([gatewayRoute()], { targets: ['sloth'] }),
    ).toThrow(
      new KmopCompileError({
        resource: 'GatewayRoute payments',
        path: '',
        message: 'needs one of the targets gateway-api, envoy-gateway',
      }),
    );
    expect(() =>
      compileToNative([canaryPolicy()], { targets: ['istio'] }),
    ).toThrow(
      /RolloutPolicy payments: spec\.engine needs one of the targets argo-rollouts, flagger/,
    );
    expect(() =>
      compileToNative([resiliencePolicy()], { targets: ['sloth'] }),
    ).toThrow(/needs one of the targets istio, envoy-gateway/);
    expect(() =>
      compileToNative([canaryPolicy()], { targets: ['flagger'] }),
    ).toThrow(/whose port is unknown/);
  });

  it('compiles a disruption budget alone without any target', () => {
    const { objects } = compileToNative(
      [
        resiliencePolicy({
          spec: {
            timeouts: undefined,
            retries: undefined,
            circuitBreaker: undefined,
            rateLimit: undefined,
          },
        }),
      ],
      { targets: [] },
    );
    expect(kinds(objects)).toEqual(['PodDisruptionBudget/payments']);
  });

  it('rejects two resources that compile to the same object', () => {
    expect(() =>
      compileToNative(
        [
          microservice(),
          canaryPolicy({
            spec: {
              canary: {
                canaryService: 'payments-canary',
                stableService: 'payments-stable',
              },
            },
          }),
          microservice({ metadata: { name: 'payments-canary' } }),
        ],
        { targets: ['argo-rollouts'] },
      ),
    ).toThrow(
      /compiles to Service payments\/payments-canary, which another resource also compiles to/,
    );
  });
});
