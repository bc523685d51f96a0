/**
 * Issue #19 §9: facts upstream manifests carry that the view used to leave out, on
 * upstream-shaped fixtures.
 */
import {
  argoGatewayPluginRollout,
  argoWorkloadRefRollout,
  envoyOtherSettingsPolicy,
  flaggerAbTestingCanary,
  flaggerAnalysisCanary,
  gatewayRoutes,
} from './__fixtures__';
import { normalizeEnvoyBackendTrafficPolicy } from './resilience/envoyBackendTrafficPolicy';
import { normalizeArgoRollout } from './rollouts/argoRollout';
import { normalizeFlaggerCanary } from './rollouts/flaggerCanary';
import { normalizeKmopGatewayRoute } from './routes/kmopGatewayRoute';

const ctx = { cluster: 'prod' };

describe('a KMOP GatewayRoute says how callers authenticate', () => {
  const withAuth = (auth: object) => ({
    ...gatewayRoutes.healthy,
    spec: { ...gatewayRoutes.healthy.spec, auth },
  });

  it('names the header that carries the API key', () => {
    const [route] = normalizeKmopGatewayRoute(
      withAuth({ type: 'apiKey', apiKey: { header: 'x-api-key' } }),
      ctx,
    );
    expect(route.auth).toEqual({ type: 'apiKey', apiKeyHeader: 'x-api-key' });
    expect(route.badges).toContain('auth: apiKey');
  });

  it('names no header when the route sets none, and invents none', () => {
    const [route] = normalizeKmopGatewayRoute(
      withAuth({ type: 'apiKey' }),
      ctx,
    );
    expect(route.auth).toEqual({ type: 'apiKey' });
  });

  it("gives a JWT route's issuer, and nothing for a route without auth", () => {
    const [jwt] = normalizeKmopGatewayRoute(gatewayRoutes.healthy, ctx);
    expect(jwt.auth).toEqual({
      type: 'jwt',
      jwtIssuer: 'https://id.example.com',
    });
    const [open] = normalizeKmopGatewayRoute(withAuth({ type: 'none' }), ctx);
    expect(open.auth).toBeUndefined();
  });
});

describe("a Flagger canary's A/B-testing match conditions", () => {
  it('lists each match entry: a header regex, and a cookie matched through the cookie header', () => {
    const [c] = normalizeFlaggerCanary(flaggerAbTestingCanary, ctx);
    expect(c.badges).toContain('A/B testing');
    expect(c.analysisPlan?.iterations).toBe(10);
    expect(c.analysisPlan?.matches).toEqual([
      [{ on: 'header', name: 'x-canary', type: 'regex', value: '.*insider.*' }],
      [
        {
          on: 'cookie',
          name: 'cookie',
          type: 'regex',
          value: '^(.*?;)?(canary=always)(;.*)?$',
        },
      ],
    ]);
  });

  it('reads exact, prefix and query and source-label conditions as written', () => {
    const analysis = {
      ...flaggerAbTestingCanary.spec.analysis,
      match: [
        {
          headers: { 'user-agent': { prefix: 'Mozilla' } },
          queryParams: { beta: { exact: 'true' } },
          sourceLabels: { app: 'frontend' },
        },
      ],
    };
    const [c] = normalizeFlaggerCanary(
      {
        ...flaggerAbTestingCanary,
        spec: { ...flaggerAbTestingCanary.spec, analysis },
      },
      ctx,
    );
    expect(c.analysisPlan?.matches).toEqual([
      [
        { on: 'header', name: 'user-agent', type: 'prefix', value: 'Mozilla' },
        { on: 'query', name: 'beta', type: 'exact', value: 'true' },
        { on: 'sourceLabel', name: 'app', type: 'exact', value: 'frontend' },
      ],
    ]);
  });

  it('has no matches for a weighted canary', () => {
    const [c] = normalizeFlaggerCanary(flaggerAnalysisCanary, ctx);
    expect(c.analysisPlan).toBeDefined();
    expect(c.analysisPlan).not.toHaveProperty('matches');
  });
});

describe('Argo Rollouts traffic-routing plugins', () => {
  it("names every route the Gateway API plugin rewrites, with the plugin's namespace", () => {
    const [ro] = normalizeArgoRollout(argoGatewayPluginRollout, ctx);
    const provider = 'plugin:argoproj-labs/gatewayAPI';
    expect(ro.trafficRouting).toEqual([
      {
        provider,
        resource: {
          kind: 'HTTPRoute',
          name: 'shop-api-public',
          namespace: 'edge',
        },
      },
      {
        provider,
        resource: {
          kind: 'HTTPRoute',
          name: 'shop-api-internal',
          namespace: 'edge',
        },
      },
      {
        provider,
        resource: {
          kind: 'GRPCRoute',
          name: 'shop-api-grpc',
          namespace: 'edge',
        },
      },
    ]);
  });

  it('keeps a plugin whose config names no route, by name alone', () => {
    const canary = argoWorkloadRefRollout.spec.strategy.canary;
    const [ro] = normalizeArgoRollout(
      {
        ...argoWorkloadRefRollout,
        spec: {
          ...argoWorkloadRefRollout.spec,
          strategy: {
            canary: {
              ...canary,
              trafficRouting: {
                plugins: { 'example.com/custom': { weightsFrom: 'config' } },
              },
            },
          },
        },
      },
      ctx,
    );
    expect(ro.trafficRouting).toEqual([
      { provider: 'plugin:example.com/custom' },
    ]);
  });
});

describe('BackendTrafficPolicy settings KMOP does not read into health', () => {
  it('names each as a setting with what is written in it', () => {
    const [policy] = normalizeEnvoyBackendTrafficPolicy(
      envoyOtherSettingsPolicy,
      ctx,
    );
    expect(policy.health).toBe('unknown');
    const byType = Object.fromEntries(
      policy.settings.map(s => [s.type, s.summary]),
    );
    expect(byType).toEqual({
      responseOverride: '2 response overrides, for 404, 500–503',
      compression: 'compress with Gzip, Brotli',
      clientProtocol: "requests reach backends in the client's HTTP protocol",
      admissionControl:
        'rejects below 0.95 success rate, over 30s, aggression 1.5',
      bandwidthLimit: 'requests at most 10Mi/s',
      dns: 'refresh every 5s, respects DNS TTL, lookup IPv4',
      proxyProtocol: 'PROXY protocol V2',
      telemetry: 'traces 1/100',
    });
    const dns = policy.settings.find(s => s.type === 'dns');
    expect(dns?.values).toEqual({
      dnsRefreshRate: '5s',
      respectDnsTtl: true,
      lookupFamily: 'IPv4',
    });
  });
});
