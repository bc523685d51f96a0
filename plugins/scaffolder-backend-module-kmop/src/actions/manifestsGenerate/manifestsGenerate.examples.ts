import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [{ id: 'generate', action: 'kmop:manifests:generate', name, input }],
  });

export const examples: TemplateExample[] = [
  {
    description:
      'KMOP resources for a service with a public route, a 99.9% availability SLO, a canary rollout and the standard resilience preset.',
    example: step('Generate KMOP resources', {
      name: 'payments',
      namespace: 'payments',
      owner: 'group:default/payments-team',
      system: 'system:default/payments',
      image: 'ghcr.io/acme/payments:1.0.0',
      port: 8080,
      routes: [
        {
          gateway: { name: 'public', namespace: 'gateways' },
          hostnames: ['payments.example.com'],
          paths: ['/api/payments'],
          timeout: '30s',
        },
      ],
      slo: { objective: 99.9, window: '30d' },
      rollout: {
        strategy: 'canary',
        canary: {
          steps: [
            { setWeight: 10, pause: '5m' },
            { setWeight: 50, pause: '10m' },
          ],
        },
        maxBurnRate: 2,
      },
      resilience: {
        preset: 'standard',
        overrides: { retries: { attempts: 3 } },
      },
    }),
  },
  {
    description:
      'Native manifests for clusters without a KMOP operator: Gateway API, Argo Rollouts, Sloth and Istio, written to deploy/.',
    example: step('Generate native manifests', {
      name: 'checkout',
      namespace: 'checkout',
      owner: 'group:default/checkout-team',
      image: 'ghcr.io/acme/checkout:2.3.1',
      routes: [
        {
          gateway: {
            name: 'public',
            namespace: 'gateways',
            sectionName: 'https',
          },
          hostnames: ['shop.example.com'],
          paths: ['/api/checkout'],
        },
      ],
      slo: {
        objective: 99.5,
        indicator: { type: 'latency', threshold: '300ms' },
      },
      rollout: {
        strategy: 'canary',
        canary: {
          steps: [
            { setWeight: 20, pause: '10m' },
            { setWeight: 50, pause: {} },
          ],
        },
      },
      resilience: { preset: 'strict' },
      flavour: ['gateway-api', 'argo-rollouts', 'sloth', 'istio'],
      targetDir: 'deploy',
    }),
  },
  {
    description:
      'Envoy Gateway with JWT authentication and a rate limit, Flagger canaries and a Pyrra SLO.',
    example: step('Generate Envoy Gateway, Flagger and Pyrra manifests', {
      name: 'catalog-api',
      namespace: 'catalog',
      owner: 'group:default/catalog-team',
      image: 'ghcr.io/acme/catalog-api:5.0.0',
      autoscaling: { minReplicas: 2, maxReplicas: 10 },
      routes: [
        {
          gateway: { name: 'public', namespace: 'gateways' },
          hostnames: ['api.example.com'],
          paths: ['/catalog'],
          auth: {
            type: 'jwt',
            jwt: {
              issuer: 'https://auth.example.com',
              jwksUri: 'https://auth.example.com/.well-known/jwks.json',
            },
          },
          rateLimit: { requests: 50, unit: 'Second' },
        },
      ],
      slo: { objective: 99.9, window: '28d' },
      rollout: {
        strategy: 'canary',
        canary: {
          steps: [{ setWeight: 10 }, { setWeight: 30 }, { setWeight: 60 }],
        },
      },
      resilience: {
        preset: 'none',
        overrides: {
          timeouts: { request: '15s' },
          disruptionBudget: { minAvailable: 1 },
        },
      },
      flavour: ['envoy-gateway', 'flagger', 'pyrra'],
    }),
  },
];
