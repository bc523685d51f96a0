import fc from 'fast-check';
import { KMOP_KIND_NAMES } from './constants';
import { errorsOf, expectValid, manifest } from './__testUtils__/validation';
import { validateKmopResource, validateKmopResources } from './validate';

describe('validateKmopResource', () => {
  it('dispatches on kind', () => {
    const resource = expectValid(
      'ResiliencePolicy',
      manifest('ResiliencePolicy', { serviceRef: 'payments-api' }),
    );
    expect(resource.kind).toBe('ResiliencePolicy');
  });

  it.each([
    null,
    undefined,
    'Microservice',
    42,
    [],
    [{ kind: 'Microservice' }],
  ])('rejects %j as not an object', input => {
    expect(errorsOf(input)).toEqual([
      { path: '', message: 'must be an object (a KMOP resource)' },
    ]);
  });

  it('reports an unknown kind and a wrong apiVersion on their own paths', () => {
    expect(
      errorsOf({ apiVersion: 'apps/v1', kind: 'Deployment', spec: {} }),
    ).toEqual([
      { path: 'apiVersion', message: 'must be kmop.dev/v1alpha1' },
      {
        path: 'kind',
        message:
          'must be one of: Microservice, GatewayRoute, ServiceLevelObjective, RolloutPolicy, ResiliencePolicy',
      },
    ]);
    expect(errorsOf({})).toEqual([
      { path: 'apiVersion', message: 'is required' },
      { path: 'kind', message: 'is required' },
    ]);
  });

  it('reports a wrong apiVersion of a known kind together with the other errors', () => {
    expect(
      errorsOf({
        ...manifest('ResiliencePolicy', { serviceRef: 'Payments' }),
        apiVersion: 'kmop.dev/v1',
      }),
    ).toEqual([
      { path: 'apiVersion', message: 'must be kmop.dev/v1alpha1' },
      {
        path: 'spec.serviceRef',
        message:
          "must be a DNS-1123 label (lower case letters, digits and '-', ≤ 63 characters)",
      },
    ]);
  });

  it('reports every error of a document at once', () => {
    expect(
      errorsOf({
        apiVersion: 'kmop.dev/v1alpha1',
        kind: 'RolloutPolicy',
        metadata: { name: 'Bad Name' },
        spec: {
          serviceRef: 'payments_api',
          strategy: 'canary',
          canary: {
            steps: [{ setWeight: 10 }, { setWeight: 20 }, { setWeight: 101 }],
            canaryService: 'Canary',
          },
          sloGate: { sloRef: 'payments', maxBurnRate: -1 },
          autoPromote: 'yes',
          extra: true,
        },
        status: { phase: 7 },
      }),
    ).toEqual([
      {
        path: 'metadata.name',
        message:
          "must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.', ≤ 253 characters)",
      },
      {
        path: 'spec.serviceRef',
        message:
          "must be a DNS-1123 label (lower case letters, digits and '-', ≤ 63 characters)",
      },
      { path: 'spec.canary.steps[2].setWeight', message: 'must be ≤ 100' },
      {
        path: 'spec.canary.canaryService',
        message:
          "must be a DNS-1123 label (lower case letters, digits and '-', ≤ 63 characters)",
      },
      { path: 'spec.sloGate.maxBurnRate', message: 'must be > 0' },
      { path: 'spec.autoPromote', message: 'must be true or false' },
      { path: 'spec.extra', message: 'is not a known field' },
      { path: 'status.phase', message: 'must be a string' },
    ]);
  });

  it('never throws, whatever it is given', () => {
    const garbage = fc.oneof(
      fc.anything({ maxDepth: 8, withNullPrototype: true, withBigInt: true }),
      fc.record({
        apiVersion: fc.constantFrom('kmop.dev/v1alpha1', 'v1', 7),
        kind: fc.constantFrom(...KMOP_KIND_NAMES, 'Pod'),
        metadata: fc.anything({ maxDepth: 4 }),
        spec: fc.anything({ maxDepth: 6 }),
        status: fc.anything({ maxDepth: 4 }),
      }),
    );
    const answers = (input: unknown) => {
      const result = validateKmopResource(input);
      return (
        result.ok ||
        (result.errors.length > 0 &&
          result.errors.every(
            e =>
              typeof e.path === 'string' &&
              typeof e.message === 'string' &&
              e.message !== '',
          ))
      );
    };
    expect(() =>
      fc.assert(fc.property(garbage, answers), { numRuns: 500 }),
    ).not.toThrow();
  });

  it('survives very deep nesting', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) {
      deep = { spec: deep, items: [deep] };
    }
    expect(errorsOf(deep).length).toBeGreaterThan(0);
    expect(
      errorsOf(manifest('Microservice', { owner: deep })).length,
    ).toBeGreaterThan(0);
  });

  it('reports what a getter that throws says instead of throwing', () => {
    const hostile = {
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'Microservice',
      get metadata(): never {
        throw new Error('boom');
      },
    };
    expect(errorsOf(hostile)).toEqual([
      { path: '', message: 'could not be read: boom' },
    ]);
  });
});

describe('validateKmopResources', () => {
  const route = manifest('GatewayRoute', {
    serviceRef: 'payments-api',
    gateway: { name: 'public' },
    hostnames: [],
    port: 8080,
  });
  const policy = manifest('ResiliencePolicy', { serviceRef: 'payments-api' });

  it('returns every resource when all are valid', () => {
    const result = validateKmopResources([route, policy]);
    expect(result.ok && result.resources.map(r => r.kind)).toEqual([
      'GatewayRoute',
      'ResiliencePolicy',
    ]);
  });

  it('returns the errors of every document with its index', () => {
    const result = validateKmopResources([
      route,
      { ...policy, spec: {} },
      'text',
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { index: 1, path: 'spec.serviceRef', message: 'is required' },
        { index: 2, path: '', message: 'must be an object (a KMOP resource)' },
      ],
    });
  });

  it('rejects two documents of the same kind, name and namespace', () => {
    expect(validateKmopResources([policy, route, policy])).toEqual({
      ok: false,
      errors: [
        {
          index: 2,
          path: 'metadata.name',
          message:
            'must be unique: document 0 is a ResiliencePolicy with the same name and namespace',
        },
      ],
    });
  });
});
