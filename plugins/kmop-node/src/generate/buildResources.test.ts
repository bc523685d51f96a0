import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { parseInput } from './parseInput';
import { buildKmopResources, expandSteps } from './buildResources';
import { generateInputSchema } from './inputSchema';

const parse = (input: Record<string, unknown>) =>
  parseInput(generateInputSchema(z), {
    name: 'payments',
    owner: 'group:default/payments-team',
    image: 'ghcr.io/acme/payments:1.0.0',
    ...input,
  });

const specOf = (input: Record<string, unknown>, kind: string) =>
  buildKmopResources(parse(input)).find(b => b.resource.kind === kind)?.document
    .spec as Record<string, unknown> | undefined;

describe('expandSteps', () => {
  it('turns combined form steps into one-action KMOP steps, in order', () => {
    expect(
      expandSteps([
        { setWeight: 10, pause: '5m' },
        { pause: {} },
        { setWeight: 50, analysis: { templates: ['success-rate'] } },
        { pause: { duration: '1h' } },
      ]),
    ).toEqual([
      { setWeight: 10 },
      { pause: { duration: '5m' } },
      { pause: {} },
      { setWeight: 50 },
      { analysis: { templates: ['success-rate'] } },
      { pause: { duration: '1h' } },
    ]);
  });
});

describe('buildKmopResources', () => {
  it('builds only the Microservice from the minimal input, in the default namespace', () => {
    const built = buildKmopResources(parse({}));
    expect(built.map(b => b.resource.kind)).toEqual(['Microservice']);
    expect(built[0].document).toEqual({
      apiVersion: 'kmop.dev/v1alpha1',
      kind: 'Microservice',
      metadata: {
        name: 'payments',
        namespace: 'default',
        labels: {
          'app.kubernetes.io/name': 'payments',
          'backstage.io/kubernetes-id': 'payments',
          'app.kubernetes.io/managed-by': 'kmop',
        },
      },
      spec: {
        owner: 'group:default/payments-team',
        image: 'ghcr.io/acme/payments:1.0.0',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        replicas: 2,
        monitoring: { metricsPath: '/metrics' },
      },
    });
  });

  it('writes latency queries over the skeleton histogram bucket at the threshold', () => {
    expect(
      specOf(
        {
          slo: {
            objective: 99,
            indicator: { type: 'latency', threshold: '250ms' },
          },
        },
        'ServiceLevelObjective',
      ),
    ).toMatchObject({
      indicator: {
        type: 'latency',
        threshold: '250ms',
        errorQuery:
          'sum(rate(http_request_duration_seconds_count{service="payments"}[{{.window}}])) - sum(rate(http_request_duration_seconds_bucket{service="payments",le="0.25"}[{{.window}}]))',
        totalQuery:
          'sum(rate(http_request_duration_seconds_count{service="payments"}[{{.window}}]))',
      },
      alerting: { enabled: true },
      window: '30d',
    });
  });

  it('keeps queries the input gives', () => {
    const indicator = {
      errorQuery: 'sum(rate(errors[{{.window}}]))',
      totalQuery: 'sum(rate(all[{{.window}}]))',
    };
    expect(
      specOf({ slo: { objective: 99, indicator } }, 'ServiceLevelObjective')
        ?.indicator,
    ).toEqual({
      type: 'ratio',
      ...indicator,
    });
  });

  it('names blue-green services after the service and gates on the SLO', () => {
    expect(
      specOf(
        {
          slo: { objective: 99.5, name: 'payments-slo' },
          rollout: {
            strategy: 'blueGreen',
            blueGreen: { autoPromotionSeconds: 60 },
            maxBurnRate: 3,
          },
        },
        'RolloutPolicy',
      ),
    ).toEqual({
      serviceRef: 'payments',
      strategy: 'blueGreen',
      blueGreen: {
        activeService: 'payments',
        previewService: 'payments-preview',
        autoPromotionEnabled: true,
        autoPromotionSeconds: 60,
      },
      sloGate: { sloRef: 'payments-slo', maxBurnRate: 3 },
      autoPromote: false,
    });
  });

  it('names further routes after the first', () => {
    const route = { gateway: { name: 'public' }, hostnames: ['a.example.com'] };
    const built = buildKmopResources(
      parse({ routes: [route, route, { ...route, name: 'admin' }] }),
    );
    expect(
      built
        .filter(b => b.resource.kind === 'GatewayRoute')
        .map(b => b.resource.metadata.name),
    ).toEqual(['payments', 'payments-2', 'admin']);
  });

  it('checks input with the model’s own rules, naming the input field', () => {
    // autoscaling is the Microservice's schema itself, minReplicas ≤ maxReplicas included.
    expect(() =>
      parse({ autoscaling: { minReplicas: 5, maxReplicas: 2 } }),
    ).toThrow(
      new InputError('input.autoscaling.minReplicas must be ≤ maxReplicas (2)'),
    );
  });

  it.each([
    [
      { slo: { objective: 99, indicator: { errorQuery: 'sum(x)' } } },
      /errorQuery and totalQuery must be given together/,
    ],
    [
      { slo: { objective: 99, indicator: { threshold: '300ms' } } },
      /input\.slo\.indicator\.threshold is only allowed when type is latency/,
    ],
  ])('rejects inconsistent SLO input %#', (input, message) => {
    expect(() => buildKmopResources(parse(input))).toThrow(message);
  });
});

describe('buildKmopResources, day 2 (only)', () => {
  it('writes only the listed resources of a service that already runs, no image needed', () => {
    const built = buildKmopResources(
      parseInput(generateInputSchema(z), {
        name: 'search',
        namespace: 'catalog',
        owner: 'group:default/catalog-team',
        only: ['slo'],
        slo: { objective: 99.5 },
        resilience: { preset: 'standard' },
      }),
    );
    expect(
      built.map(b => `${b.resource.kind}/${b.resource.metadata.name}`),
    ).toEqual(['ServiceLevelObjective/search-availability']);
    expect(built[0].document.metadata).toMatchObject({ namespace: 'catalog' });
  });

  it('names what is missing or not allowed', () => {
    expect(() => buildKmopResources(parse({ only: ['resilience'] }))).toThrow(
      'input.resilience is required when input.only lists resilience',
    );
    expect(() =>
      buildKmopResources(
        parse({ only: ['slo'], slo: { objective: 99 }, flavour: ['sloth'] }),
      ),
    ).toThrow(/input.only works with flavour kmop only/);
    expect(() =>
      buildKmopResources(
        parseInput(generateInputSchema(z), {
          name: 'x',
          owner: 'group:default/a',
        }),
      ),
    ).toThrow(InputError);
  });
});
