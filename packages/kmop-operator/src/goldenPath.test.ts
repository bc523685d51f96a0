import { RESILIENCE_PRESETS } from '@kmop/plugin-kmop-node';
import { join } from 'node:path';
import {
  ECOSYSTEM_CRDS,
  Obj,
  OperatorHarness,
  condition,
  waitUntil,
} from './__testUtils__/harness';

// The real operator process and many services: generous.
jest.setTimeout(300_000);

// The demo's namespaces and Gateways (examples/cluster), beside its CRDs.
const EXAMPLES = join(ECOSYSTEM_CRDS, '..');

const labels = (name: string) => ({
  'app.kubernetes.io/name': name,
  'backstage.io/kubernetes-id': name,
  'app.kubernetes.io/managed-by': 'kmop',
});

/**
 * The five kmop.dev objects `kmop:manifests:generate` writes for the kmop-microservice
 * template's defaults (examples/templates/kmop-microservice), for service `name`.
 */
function goldenPathObjects(name: string): Obj[] {
  const meta = (objectName = name) => ({
    name: objectName,
    namespace: 'default',
    labels: labels(name),
  });
  const api = 'kmop.dev/v1alpha1';
  return [
    {
      apiVersion: api,
      kind: 'Microservice',
      metadata: meta(),
      spec: {
        owner: 'group:default/payments',
        description: 'A KMOP microservice',
        lifecycle: 'experimental',
        image: `ghcr.io/example/${name}:0.1.0`,
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        replicas: 2,
        monitoring: { metricsPath: '/metrics' },
      },
    },
    {
      apiVersion: api,
      kind: 'GatewayRoute',
      metadata: meta(),
      spec: {
        serviceRef: name,
        gateway: { name: 'public', namespace: 'gateways' },
        hostnames: [`${name}.example.com`],
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        port: 8080,
      },
    },
    {
      apiVersion: api,
      kind: 'ServiceLevelObjective',
      metadata: meta(`${name}-availability`),
      spec: {
        serviceRef: name,
        objective: 99.9,
        window: '30d',
        alerting: { enabled: true },
        indicator: {
          type: 'ratio',
          errorQuery: `sum(rate(http_requests_total{service="${name}",code=~"5.."}[{{.window}}]))`,
          totalQuery: `sum(rate(http_requests_total{service="${name}"}[{{.window}}]))`,
        },
      },
    },
    {
      apiVersion: api,
      kind: 'RolloutPolicy',
      metadata: meta(),
      spec: {
        serviceRef: name,
        strategy: 'canary',
        canary: {
          steps: [
            { setWeight: 10 },
            { pause: { duration: '5m' } },
            { setWeight: 50 },
            { pause: { duration: '10m' } },
          ],
        },
        autoPromote: false,
      },
    },
    {
      apiVersion: api,
      kind: 'ResiliencePolicy',
      metadata: meta(),
      // The template's default preset, `standard`, with no overrides.
      spec: { serviceRef: name, ...RESILIENCE_PRESETS.standard },
    },
  ];
}

/** Orders to create a service's objects in, by kind. */
const ORDERS: Record<string, string[]> = {
  // kmop:manifests:apply sorts the generated files by name: <kind>-<name>.yaml.
  scaffolder: [
    'GatewayRoute',
    'Microservice',
    'ResiliencePolicy',
    'RolloutPolicy',
    'ServiceLevelObjective',
  ],
  generator: [
    'Microservice',
    'GatewayRoute',
    'ServiceLevelObjective',
    'RolloutPolicy',
    'ResiliencePolicy',
  ],
  'service last': [
    'GatewayRoute',
    'RolloutPolicy',
    'ResiliencePolicy',
    'ServiceLevelObjective',
    'Microservice',
  ],
  'rollout first': [
    'RolloutPolicy',
    'GatewayRoute',
    'ServiceLevelObjective',
    'ResiliencePolicy',
    'Microservice',
  ],
  'route last': [
    'Microservice',
    'RolloutPolicy',
    'ServiceLevelObjective',
    'ResiliencePolicy',
    'GatewayRoute',
  ],
};

/**
 * The golden path against the demo cluster: kube-sim in demo mode (its Envoy Gateway,
 * Deployment and Argo Rollouts controllers) and the operator with no periodic resync to put
 * a missed change right. Watch events reach the operator a while after each write, as from
 * a lagging watch cache, so its caches trail even its own status writes. Every service's
 * GatewayRoute must end Ready, whatever order its objects arrive in, driven by watches alone.
 */
describe('the golden path against the demo cluster', () => {
  let harness: OperatorHarness | undefined;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('ends every new GatewayRoute Ready, in any order of creation, without a resync', async () => {
    harness = await OperatorHarness.start({
      demo: true,
      seeds: [
        join(EXAMPLES, 'namespaces.yaml'),
        join(EXAMPLES, 'gateways.yaml'),
      ],
    });
    const sim = harness.sim;
    // Long enough that a reconcile runs between a status write and its watch event.
    sim.faults.setWatchLatency(300);
    const operator = harness.startOperator([
      '--no-leader-elect',
      // Longer than the test: only watches drive the reconciles.
      '--resync',
      '24h',
    ]);
    await waitUntil(
      async () => (await operator.get('/readyz')).status === 200,
      'the operator to be ready',
    );
    const get = (apiVersion: string, kind: string, name: string) =>
      sim.store.get({ apiVersion, kind, namespace: 'default', name }) as
        | Obj
        | undefined;

    const names: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (const [orderName, order] of Object.entries(ORDERS)) {
        // At once, as the scaffolder applies them, and each after the previous one is
        // reconciled, so that each intermediate state is seen.
        for (const stepwise of [false, true]) {
          const name = `golden-${names.length}`;
          names.push(name);
          const objects = goldenPathObjects(name);
          for (const kind of order) {
            const o = objects.find(x => x.kind === kind)!;
            sim.store.create(o as never);
            if (stepwise) {
              await waitUntil(
                () =>
                  condition(
                    get(o.apiVersion, o.kind, o.metadata.name),
                    'Reconciled',
                  ),
                `${orderName}: ${kind} ${o.metadata.name} reconciled`,
              );
            }
          }
        }
      }
    }

    const route = (name: string) =>
      get('kmop.dev/v1alpha1', 'GatewayRoute', name);
    const notReady = () =>
      names.filter(n => condition(route(n), 'Ready')?.status !== 'True');
    try {
      await waitUntil(
        () => notReady().length === 0,
        'every GatewayRoute Ready',
        120_000,
      );
    } catch (e) {
      const details = notReady().map(name => {
        const httpRoute = get(
          'gateway.networking.k8s.io/v1',
          'HTTPRoute',
          name,
        );
        return `${name}: ${JSON.stringify(
          route(name)?.status?.conditions,
        )}; its HTTPRoute's parents: ${JSON.stringify(
          httpRoute?.status?.parents,
        )}`;
      });
      throw new Error(`${(e as Error).message}\n${details.join('\n')}`);
    }
    for (const name of names) {
      expect(condition(route(name), 'ResolvedRefs')).toMatchObject({
        status: 'True',
      });
    }
  });
});
