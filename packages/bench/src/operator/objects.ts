/** The kmop.dev objects of one benchmark service: the five kinds, as a team would write them. */
export function serviceObjects(name: string, namespace: string): object[] {
  const meta = (n: string) => ({ name: n, namespace });
  return [
    {
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'Microservice',
      metadata: meta(name),
      spec: {
        owner: 'group:default/bench',
        image: `bench/${name}:1.0.0`,
        ports: [{ name: 'http', port: 8080 }],
        replicas: 2,
      },
    },
    {
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'GatewayRoute',
      metadata: meta(name),
      spec: {
        serviceRef: name,
        gateway: { name: 'public', namespace: 'gateways' },
        hostnames: [`${name}.bench.example`],
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        port: 8080,
      },
    },
    {
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'ServiceLevelObjective',
      metadata: meta(`${name}-availability`),
      spec: {
        serviceRef: name,
        objective: 99.9,
        window: '30d',
        indicator: {
          type: 'ratio',
          errorQuery: `sum(rate(http_requests_total{service="${name}",code=~"5.."}[{{.window}}]))`,
          totalQuery: `sum(rate(http_requests_total{service="${name}"}[{{.window}}]))`,
        },
        target: 'sloth',
      },
    },
    {
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'RolloutPolicy',
      metadata: meta(name),
      spec: {
        serviceRef: name,
        strategy: 'canary',
        canary: { steps: [{ setWeight: 20 }, { pause: { duration: '1m' } }] },
        sloGate: { sloRef: `${name}-availability`, maxBurnRate: 2 },
        engine: 'argo-rollouts',
      },
    },
    {
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'ResiliencePolicy',
      metadata: meta(name),
      spec: {
        serviceRef: name,
        timeouts: { request: '10s' },
        retries: { attempts: 3, retryOn: ['5xx'] },
        disruptionBudget: { minAvailable: 1 },
      },
    },
  ];
}
