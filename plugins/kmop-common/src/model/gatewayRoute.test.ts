import { errorsOf, expectValid, manifest } from './__testUtils__/validation';

const minimal = {
  serviceRef: 'payments-api',
  gateway: { name: 'public' },
  hostnames: ['payments.example.com'],
  port: 8080,
};

function route(spec: Record<string, unknown>) {
  return manifest('GatewayRoute', { ...minimal, ...spec });
}

describe('GatewayRoute', () => {
  it('defaults matches to every path and backends to the service itself', () => {
    const { spec } = expectValid('GatewayRoute', route({ auth: {} }));
    expect(spec.matches).toEqual([
      { path: { type: 'PathPrefix', value: '/' } },
    ]);
    expect(spec.backends).toEqual([
      { name: 'payments-api', port: 8080, weight: 100 },
    ]);
    expect(spec.auth).toEqual({ type: 'none' });
  });

  it('keeps given backends and defaults their weight', () => {
    const { spec } = expectValid(
      'GatewayRoute',
      route({
        backends: [
          { name: 'payments-api-stable', weight: 90 },
          { name: 'payments-api-canary', weight: 10 },
          { name: 'payments-api-mirror' },
        ],
      }),
    );
    expect(spec.backends.map(b => b.weight)).toEqual([90, 10, 100]);
  });

  it.each([
    [101, 'must be ≤ 100'],
    [-1, 'must be ≥ 0'],
  ])('rejects weight %d', (weight, message) => {
    expect(
      errorsOf(route({ backends: [{ name: 'payments-api', weight }] })),
    ).toEqual([{ path: 'spec.backends[0].weight', message }]);
  });

  it('rejects a backend request timeout longer than the request timeout', () => {
    expect(
      errorsOf(route({ timeouts: { request: '5s', backendRequest: '1m' } })),
    ).toEqual([
      {
        path: 'spec.timeouts.backendRequest',
        message: 'must be ≤ request (5s)',
      },
    ]);
    expect(
      expectValid(
        'GatewayRoute',
        route({ timeouts: { request: '1m', backendRequest: '60s' } }),
      ).spec.timeouts,
    ).toEqual({ request: '1m', backendRequest: '60s' });
  });

  it.each(['30 s', '5x', '', '-1m'])('rejects the timeout %j', request => {
    expect(errorsOf(route({ timeouts: { request } }))).toEqual([
      {
        path: 'spec.timeouts.request',
        message:
          'must be a duration such as 30s, 5m or 1h (a whole number > 0 followed by ms, s, m, h or d)',
      },
    ]);
  });

  it('requires the settings of the chosen authentication', () => {
    expect(errorsOf(route({ auth: { type: 'jwt' } }))).toEqual([
      { path: 'spec.auth.jwt', message: 'is required when type is jwt' },
    ]);
    expect(errorsOf(route({ auth: { type: 'apiKey' } }))).toEqual([
      { path: 'spec.auth.apiKey', message: 'is required when type is apiKey' },
    ]);
    expect(errorsOf(route({ auth: { type: 'basic' } }))).toEqual([
      { path: 'spec.auth.type', message: 'must be one of: none, jwt, apiKey' },
    ]);
  });

  it('checks JWT and API key settings', () => {
    expect(
      errorsOf(
        route({
          auth: {
            type: 'jwt',
            jwt: {
              issuer: 'not a url',
              jwksUri: 'ftp://keys.example.com/jwks',
            },
          },
        }),
      ),
    ).toEqual([
      { path: 'spec.auth.jwt.issuer', message: 'must be a URL' },
      { path: 'spec.auth.jwt.jwksUri', message: 'must be an http(s) URL' },
    ]);
    expect(
      errorsOf(
        route({ auth: { type: 'apiKey', apiKey: { header: 'x api key' } } }),
      ),
    ).toEqual([
      {
        path: 'spec.auth.apiKey.header',
        message: 'must be an HTTP header name',
      },
    ]);
  });

  it('rejects malformed and repeated hostnames', () => {
    expect(
      errorsOf(
        route({
          hostnames: [
            'Payments.example.com',
            'a.example.com',
            'a.example.com',
            '*.example.com',
          ],
        }),
      ),
    ).toEqual([
      {
        path: 'spec.hostnames[0]',
        message:
          "must be a lower-case DNS name, optionally starting with '*.' (e.g. payments.example.com)",
      },
      {
        path: 'spec.hostnames[2]',
        message:
          'must be unique: hostname "a.example.com" is also used by item 1',
      },
    ]);
  });

  it('checks matches', () => {
    expect(
      errorsOf(
        route({
          matches: [
            { path: { type: 'Prefix', value: 'api' }, method: 'FETCH' },
          ],
        }),
      ),
    ).toEqual([
      {
        path: 'spec.matches[0].path.type',
        message: 'must be one of: PathPrefix, Exact, RegularExpression',
      },
      { path: 'spec.matches[0].path.value', message: "must start with '/'" },
      {
        path: 'spec.matches[0].method',
        message: 'must be one of: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
      },
    ]);
  });

  it('requires the service, gateway and port', () => {
    expect(errorsOf(manifest('GatewayRoute', { hostnames: [] }))).toEqual([
      { path: 'spec.serviceRef', message: 'is required' },
      { path: 'spec.gateway', message: 'is required' },
      { path: 'spec.port', message: 'is required' },
    ]);
  });

  it('checks the rate limit', () => {
    expect(
      errorsOf(route({ rateLimit: { requests: 0, unit: 'Week' } })),
    ).toEqual([
      { path: 'spec.rateLimit.requests', message: 'must be ≥ 1' },
      {
        path: 'spec.rateLimit.unit',
        message: 'must be one of: Second, Minute, Hour, Day',
      },
    ]);
  });

  it('accepts the status an operator writes and rejects a bad URL', () => {
    expect(
      expectValid('GatewayRoute', {
        ...route({}),
        status: {
          url: 'https://payments.example.com/',
          conditions: [
            { type: 'Accepted', status: 'True' },
            {
              type: 'ResolvedRefs',
              status: 'False',
              reason: 'BackendNotFound',
            },
          ],
        },
      }).status?.url,
    ).toBe('https://payments.example.com/');
    expect(
      errorsOf({
        ...route({}),
        status: {
          url: 'payments',
          conditions: [
            { type: 'Accepted', status: 'Yes' },
            { type: 'Accepted', status: 'True' },
          ],
        },
      }),
    ).toEqual([
      { path: 'status.url', message: 'must be a URL' },
      {
        path: 'status.conditions[0].status',
        message: 'must be one of: True, False, Unknown',
      },
    ]);
    expect(
      errorsOf({
        ...route({}),
        status: {
          conditions: [
            { type: 'Accepted', status: 'True' },
            { type: 'Accepted', status: 'False' },
          ],
        },
      }),
    ).toEqual([
      {
        path: 'status.conditions[1].type',
        message:
          'must be unique: condition type "Accepted" is also used by item 0',
      },
    ]);
  });
});
