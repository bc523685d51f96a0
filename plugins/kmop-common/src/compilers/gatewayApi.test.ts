import { gatewayRoute } from './__fixtures__/payments';
import { compileGatewayRouteEnvoyPolicies } from './envoyGatewayRoute';
import { compileGatewayRoute } from './gatewayApi';

describe('compileGatewayRoute', () => {
  it('emits an HTTPRoute with parent, hostnames, matches, weighted backends and timeouts', () => {
    const { objects, warnings } = compileGatewayRoute(gatewayRoute());
    expect(warnings).toEqual([]);
    expect(objects).toHaveLength(1);
    expect(objects[0].apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(objects[0].kind).toBe('HTTPRoute');
    expect(objects[0].metadata.labels['backstage.io/kubernetes-id']).toBe(
      'payments',
    );
    expect(objects[0].spec).toEqual({
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'public',
          namespace: 'gateways',
          sectionName: 'https',
        },
      ],
      hostnames: ['pay.example.com'],
      rules: [
        {
          matches: [
            { path: { type: 'PathPrefix', value: '/api/payments' } },
            { path: { type: 'Exact', value: '/healthz' }, method: 'GET' },
          ],
          backendRefs: [
            {
              group: '',
              kind: 'Service',
              name: 'payments',
              port: 8080,
              weight: 90,
            },
            {
              group: '',
              kind: 'Service',
              name: 'payments-canary',
              port: 8081,
              weight: 10,
            },
          ],
          timeouts: { request: '30s', backendRequest: '10s' },
        },
      ],
    });
  });

  it('defaults to the service itself on / and converts day timeouts to hours', () => {
    const { objects } = compileGatewayRoute(
      gatewayRoute({
        spec: {
          matches: undefined,
          backends: undefined,
          timeouts: { request: '1d', backendRequest: undefined },
        },
      }),
    );
    const rule = (objects[0].spec.rules as Record<string, unknown>[])[0];
    expect(rule.matches).toEqual([
      { path: { type: 'PathPrefix', value: '/' } },
    ]);
    expect(rule.backendRefs).toEqual([
      { group: '', kind: 'Service', name: 'payments', port: 8080, weight: 100 },
    ]);
    expect(rule.timeouts).toEqual({ request: '24h' });
  });

  it('warns that auth and rate limits need Envoy Gateway', () => {
    const route = gatewayRoute({
      spec: {
        auth: { type: 'apiKey', apiKey: { header: 'x-api-key' } },
        rateLimit: { requests: 10, unit: 'Minute' },
      },
    });
    expect(compileGatewayRoute(route).warnings).toEqual([
      'GatewayRoute payments: auth apiKey is not part of Gateway API; add the envoy-gateway target to emit a SecurityPolicy.',
      'GatewayRoute payments: rateLimit is not part of Gateway API; add the envoy-gateway target to emit a BackendTrafficPolicy.',
    ]);
    expect(
      compileGatewayRoute(route, { envoyGatewayPolicies: true }).warnings,
    ).toEqual([]);
  });
});

describe('compileGatewayRouteEnvoyPolicies', () => {
  const target = [
    { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'payments' },
  ];

  it('emits a JWT SecurityPolicy and a rate-limit BackendTrafficPolicy', () => {
    const { objects, warnings } = compileGatewayRouteEnvoyPolicies(
      gatewayRoute({
        spec: {
          auth: {
            type: 'jwt',
            jwt: {
              issuer: 'https://auth.example.com',
              jwksUri: 'https://auth.example.com/.well-known/jwks.json',
              audiences: ['payments'],
            },
          },
          rateLimit: { requests: 100, unit: 'Second' },
        },
      }),
    );
    expect(warnings).toEqual([]);
    expect(objects.map(o => `${o.apiVersion} ${o.kind}`)).toEqual([
      'gateway.envoyproxy.io/v1alpha1 SecurityPolicy',
      'gateway.envoyproxy.io/v1alpha1 BackendTrafficPolicy',
    ]);
    expect(objects[0].spec).toEqual({
      targetRefs: target,
      jwt: {
        providers: [
          {
            name: 'kmop',
            issuer: 'https://auth.example.com',
            audiences: ['payments'],
            remoteJWKS: {
              uri: 'https://auth.example.com/.well-known/jwks.json',
            },
          },
        ],
      },
    });
    expect(objects[1].spec).toEqual({
      targetRefs: target,
      rateLimit: {
        local: { rules: [{ limit: { requests: 100, unit: 'Second' } }] },
      },
    });
  });

  it('emits an API key SecurityPolicy and names the Secret to create', () => {
    const { objects, warnings } = compileGatewayRouteEnvoyPolicies(
      gatewayRoute({
        spec: { auth: { type: 'apiKey', apiKey: { header: 'x-api-key' } } },
      }),
    );
    expect(objects).toHaveLength(1);
    expect(objects[0].spec).toEqual({
      targetRefs: target,
      apiKeyAuth: {
        credentialRefs: [
          { group: '', kind: 'Secret', name: 'payments-api-keys' },
        ],
        extractFrom: [{ headers: ['x-api-key'] }],
      },
    });
    expect(warnings[0]).toMatch(/create the Secret payments-api-keys/);
  });

  it('emits nothing for a route without auth or rate limit', () => {
    expect(compileGatewayRouteEnvoyPolicies(gatewayRoute())).toEqual({
      objects: [],
      warnings: [],
    });
  });
});
