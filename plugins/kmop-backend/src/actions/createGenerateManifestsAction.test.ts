import { parseAllDocuments } from 'yaml';
import { NO_KMOP, startActionsBackend } from './__testUtils__/actionsBackend';

jest.setTimeout(60_000);

const SERVICE = {
  name: 'payments',
  namespace: 'payments',
  owner: 'group:default/payments-team',
  image: 'ghcr.io/acme/payments:1.0.0',
  routes: [
    {
      gateway: { name: 'public', namespace: 'gateways' },
      hostnames: ['payments.example.com'],
    },
  ],
  slo: { objective: 99.9, window: '30d' },
  rollout: {
    strategy: 'canary',
    canary: { steps: [{ setWeight: 10, pause: '5m' }] },
  },
  resilience: { preset: 'standard' },
};

describe('kmop:generate-manifests', () => {
  let env: Awaited<ReturnType<typeof startActionsBackend>>;

  beforeAll(async () => {
    env = await startActionsBackend();
  }, 30_000);

  afterAll(() => env?.stop());

  it('returns KMOP resources that validate-manifests finds valid, while a cluster is down', async () => {
    const res = await env.invoke('generate-manifests', SERVICE);
    expect(res.status).toBe(200);
    const { manifests, yaml } = res.body.output;
    expect(manifests.map((m: { kind: string }) => m.kind).sort()).toEqual([
      'GatewayRoute',
      'Microservice',
      'ResiliencePolicy',
      'RolloutPolicy',
      'ServiceLevelObjective',
    ]);
    expect(manifests[0]).toMatchObject({
      apiVersion: 'kmop.dev/v1alpha1',
      namespace: 'payments',
    });
    const docs = parseAllDocuments(yaml);
    expect(Array.isArray(docs) && docs.length).toBe(manifests.length);
    const check = await env.invoke('validate-manifests', { yaml });
    expect(check.body.output).toMatchObject({
      valid: true,
      documents: manifests.length,
    });
  });

  it('returns native manifests for native targets', async () => {
    const res = await env.invoke('generate-manifests', {
      ...SERVICE,
      flavour: ['gateway-api', 'argo-rollouts', 'sloth', 'istio'],
    });
    expect(res.status).toBe(200);
    const kinds = res.body.output.manifests.map(
      (m: { kind: string }) => m.kind,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'HTTPRoute',
        'Rollout',
        'PrometheusServiceLevel',
      ]),
    );
    expect(kinds).not.toContain('GatewayRoute');
  });

  it('names the field of input that does not fit the schema', async () => {
    const res = await env.invoke('generate-manifests', {
      ...SERVICE,
      port: 70000,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(JSON.stringify(res.body.error.cause)).toContain('port');
  });

  it('names the input field when the input cannot be compiled for its targets', async () => {
    const res = await env.invoke('generate-manifests', {
      ...SERVICE,
      flavour: ['sloth'],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(/^input\.flavour: /);
  });

  it('is hidden from a caller the policy denies kmop.manifests.use', async () => {
    const res = await env.invoke('generate-manifests', SERVICE, NO_KMOP);
    expect(res.status).toBe(404);
    expect(res.body).not.toHaveProperty('output');
  });
});
