import {
  canaryPolicy,
  gatewayRoute,
  microservice,
  resiliencePolicy,
} from './__fixtures__/payments';
import { compileToNative } from './compileToNative';
import { GATEWAY_API_PLUGIN } from './trafficRouting';
import type { NativeObject } from './types';

const find = (objects: NativeObject[], kind: string, name: string) =>
  objects.find(o => o.kind === kind && o.metadata.name === name);
const canaryOf = (objects: NativeObject[]) =>
  (find(objects, 'Rollout', 'payments')!.spec.strategy as { canary: any })
    .canary;

describe('canary traffic routing', () => {
  it('routes an Argo canary through the Gateway API plugin and the route it reweights', () => {
    const { objects, warnings } = compileToNative(
      [microservice(), gatewayRoute(), canaryPolicy()],
      { targets: ['gateway-api', 'argo-rollouts'] },
    );
    const canary = canaryOf(objects);
    expect(canary.trafficRouting).toEqual({
      plugins: {
        [GATEWAY_API_PLUGIN]: { httpRoute: 'payments', namespace: 'payments' },
      },
    });
    const rule = (
      find(objects, 'HTTPRoute', 'payments')!.spec.rules as any[]
    )[0];
    // The fixture's hand-made 90/10 split is replaced: the Rollout sets the weights.
    expect(rule.backendRefs).toEqual([
      expect.objectContaining({ name: canary.stableService }),
      expect.objectContaining({ name: canary.canaryService, weight: 0 }),
    ]);
    expect(warnings).toContainEqual(
      expect.stringContaining('are left to the Rollout'),
    );
    expect(find(objects, 'Service', canary.stableService)).toBeDefined();
    expect(find(objects, 'Service', canary.canaryService)).toBeDefined();
    expect(warnings.join(' ')).not.toMatch(/only scale replicas/);
  });

  it('names canary and stable Services when the policy does not', () => {
    const { objects } = compileToNative(
      [
        microservice(),
        gatewayRoute(),
        canaryPolicy({
          spec: {
            canary: { canaryService: undefined, stableService: undefined },
          },
        }),
      ],
      { targets: ['gateway-api', 'argo-rollouts'] },
    );
    expect(canaryOf(objects)).toMatchObject({
      canaryService: 'payments-canary',
      stableService: 'payments-stable',
    });
    expect(find(objects, 'Service', 'payments-canary')).toBeDefined();
  });

  it('splits mesh traffic in the ResiliencePolicy VirtualService with istio', () => {
    const { objects } = compileToNative(
      [
        microservice(),
        canaryPolicy(),
        resiliencePolicy({ spec: { rateLimit: undefined } }),
      ],
      { targets: ['argo-rollouts', 'istio'] },
    );
    const canary = canaryOf(objects);
    const vs = find(objects, 'VirtualService', 'payments')!;
    const http = (vs.spec.http as any[])[0];
    expect(canary.trafficRouting).toEqual({
      istio: { virtualService: { name: 'payments', routes: [http.name] } },
    });
    expect(http.route.map((r: any) => [r.destination.host, r.weight])).toEqual([
      [`${canary.stableService}.payments.svc.cluster.local`, 100],
      [`${canary.canaryService}.payments.svc.cluster.local`, 0],
    ]);
    // The resilience settings stay on the route.
    expect(http.timeout ?? http.retries).toBeDefined();
  });

  it('emits its own VirtualService with istio when the service has none', () => {
    const { objects } = compileToNative([microservice(), canaryPolicy()], {
      targets: ['argo-rollouts', 'istio'],
    });
    expect(canaryOf(objects).trafficRouting).toEqual({
      istio: {
        virtualService: { name: 'payments-canary', routes: ['primary'] },
      },
    });
    expect(find(objects, 'VirtualService', 'payments-canary')).toBeDefined();
  });

  it('says why when no router can shift the weights', () => {
    const { objects, warnings } = compileToNative(
      [microservice(), canaryPolicy()],
      {
        targets: ['argo-rollouts'],
      },
    );
    expect(canaryOf(objects).trafficRouting).toBeUndefined();
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /RolloutPolicy payments: setWeight steps only scale replicas.*neither gateway-api/,
      ),
    );
  });
});
