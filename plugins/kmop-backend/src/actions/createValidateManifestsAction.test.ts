import { NO_KMOP, startActionsBackend } from './__testUtils__/actionsBackend';

jest.setTimeout(30_000);

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: checkout
  namespace: checkout
spec:
  parentRefs:
    - name: public
  rules:
    - backendRefs:
        - name: checkout
          port: 8080
          weight: 90
`;

const SLO = `apiVersion: kmop.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: checkout-availability
  namespace: checkout
spec:
  serviceRef: checkout
  objective: 99.9
  window: 30d
  indicator:
    type: ratio
    errorQuery: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
    totalQuery: sum(rate(http_requests_total[{{.window}}]))
`;

describe('kmop:validate-manifests', () => {
  let env: Awaited<ReturnType<typeof startActionsBackend>>;

  beforeAll(async () => {
    env = await startActionsBackend();
  }, 30_000);

  afterAll(() => env?.stop());

  it('finds valid manifests valid, while a cluster is down (it reads none)', async () => {
    const res = await env.invoke('validate-manifests', {
      yaml: `${ROUTE}---\n${SLO}`,
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toEqual({
      valid: true,
      documents: 2,
      problems: [],
      warnings: [],
    });
  });

  it('names document and field path of every problem, YAML errors included', async () => {
    const badRoute = ROUTE.replace('weight: 90', 'weight: -1');
    const badSlo = SLO.replace('objective: 99.9', 'objective: 120');
    const res = await env.invoke('validate-manifests', {
      yaml: `${badRoute}---\n${badSlo}---\nkind: [unclosed\n`,
    });
    expect(res.status).toBe(200);
    const { valid, problems, documents } = res.body.output;
    expect(valid).toBe(false);
    // The broken third document is a document too.
    expect(documents).toBe(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          document: 1,
          path: 'spec.rules[0].backendRefs[0].weight',
        }),
        expect.objectContaining({ document: 2, path: 'spec.objective' }),
        expect.objectContaining({ document: 3, path: '' }),
      ]),
    );
  });

  it('counts every document: five with one broken are five', async () => {
    const res = await env.invoke('validate-manifests', {
      yaml: [ROUTE, SLO, 'kind: [unclosed\n', ROUTE, SLO].join('---\n'),
    });
    expect(res.status).toBe(200);
    expect(res.body.output.documents).toBe(5);
  });

  it('warns about kinds it has no schema for', async () => {
    const res = await env.invoke('validate-manifests', {
      yaml: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
      name: 'widget.yaml',
    });
    expect(res.body.output.valid).toBe(true);
    expect(res.body.output.warnings).toEqual([
      'widget.yaml doc 1: example.com/v1 Widget is not a kind KMOP has a schema for; not validated',
    ]);
  });

  it('rejects input that is not text, naming the field', async () => {
    const res = await env.invoke('validate-manifests', { yaml: 42 });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(JSON.stringify(res.body.error.cause)).toContain('yaml');
  });

  it('is hidden from a caller the policy denies kmop.manifests.use', async () => {
    const res = await env.invoke(
      'validate-manifests',
      { yaml: ROUTE },
      NO_KMOP,
    );
    expect(res.status).toBe(404);
    expect(res.body).not.toHaveProperty('output');
  });
});
