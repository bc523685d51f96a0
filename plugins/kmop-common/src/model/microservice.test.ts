import { errorsOf, expectValid, manifest } from './__testUtils__/validation';

const minimal = {
  owner: 'group:default/payments-team',
  image: 'ghcr.io/acme/payments-api:1.4.2',
  ports: [{ name: 'http', port: 8080 }],
};

function microservice(spec: Record<string, unknown>) {
  return manifest('Microservice', { ...minimal, ...spec });
}

describe('Microservice', () => {
  it('applies defaults', () => {
    const { spec } = expectValid(
      'Microservice',
      microservice({ autoscaling: { maxReplicas: 4 }, monitoring: {} }),
    );
    expect(spec.replicas).toBe(2);
    expect(spec.ports[0].protocol).toBe('TCP');
    expect(spec.autoscaling).toEqual({
      minReplicas: 1,
      maxReplicas: 4,
      targetCPUUtilizationPercentage: 80,
    });
    expect(spec.monitoring).toEqual({ metricsPath: '/metrics' });
  });

  it('accepts status written by the operator', () => {
    const resource = expectValid('Microservice', microservice({}));
    expect(resource.status).toBeUndefined();
    const withStatus = expectValid('Microservice', {
      ...microservice({}),
      status: {
        readyReplicas: 2,
        observedGeneration: 3,
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'AllReplicasReady',
            lastTransitionTime: '2024-05-01T10:00:00Z',
          },
        ],
      },
    });
    expect(withStatus.status?.conditions?.[0].status).toBe('True');
  });

  it.each([
    [0, 'must be ≥ 1'],
    [65536, 'must be ≤ 65535'],
    [80.5, 'must be a whole number'],
    ['80', 'must be a number'],
  ])('rejects port %j', (port, message) => {
    expect(errorsOf(microservice({ ports: [{ name: 'http', port }] }))).toEqual(
      [{ path: 'spec.ports[0].port', message }],
    );
  });

  it('requires at least one port', () => {
    expect(errorsOf(microservice({ ports: [] }))).toEqual([
      { path: 'spec.ports', message: 'must have at least 1 item' },
    ]);
  });

  it.each(['HTTP', 'http--alt', '8080', 'a-very-long-port-name'])(
    'rejects the port name %j',
    name => {
      expect(errorsOf(microservice({ ports: [{ name, port: 80 }] }))).toEqual([
        {
          path: 'spec.ports[0].name',
          message:
            "must be an IANA service name (lower case letters, digits and '-', ≤ 15 characters, at least one letter, no '--')",
        },
      ]);
    },
  );

  it('rejects repeated port names and numbers', () => {
    const errors = errorsOf(
      microservice({
        ports: [
          { name: 'http', port: 8080 },
          { name: 'http', port: 9090 },
          { name: 'admin', port: 8080 },
        ],
      }),
    );
    expect(errors).toEqual([
      {
        path: 'spec.ports[1].name',
        message: 'must be unique: port name "http" is also used by item 0',
      },
      {
        path: 'spec.ports[2].port',
        message: 'must be unique: port 8080 is also used by item 0',
      },
    ]);
  });

  it('rejects autoscaling with minReplicas above maxReplicas', () => {
    expect(
      errorsOf(
        microservice({ autoscaling: { minReplicas: 5, maxReplicas: 3 } }),
      ),
    ).toEqual([
      {
        path: 'spec.autoscaling.minReplicas',
        message: 'must be ≤ maxReplicas (3)',
      },
    ]);
  });

  it.each([0, 101])('rejects a CPU target of %d', target => {
    expect(
      errorsOf(
        microservice({
          autoscaling: {
            maxReplicas: 3,
            targetCPUUtilizationPercentage: target,
          },
        }),
      ),
    ).toEqual([
      {
        path: 'spec.autoscaling.targetCPUUtilizationPercentage',
        message: target === 0 ? 'must be ≥ 1' : 'must be ≤ 100',
      },
    ]);
  });

  it('rejects requests above limits and malformed quantities', () => {
    expect(
      errorsOf(
        microservice({
          resources: {
            requests: { cpu: '2', memory: '1Gi' },
            limits: { cpu: '500m', memory: '2Gi' },
          },
        }),
      ),
    ).toEqual([
      {
        path: 'spec.resources.requests.cpu',
        message: 'must be ≤ limits.cpu (500m)',
      },
    ]);
    expect(
      errorsOf(microservice({ resources: { limits: { memory: '1 GB' } } })),
    ).toEqual([
      {
        path: 'spec.resources.limits.memory',
        message: 'must be a Kubernetes quantity such as 250m, 1, 0.5 or 512Mi',
      },
    ]);
  });

  it('rejects a malformed owner, image, reference lists and metrics path', () => {
    expect(
      errorsOf(
        microservice({
          owner: 'payments team',
          image: 'ghcr.io/acme/payments api',
          secretRefs: ['Payments_DB'],
          dependencies: ['ledger.v2'],
          monitoring: { metricsPath: 'metrics' },
        }),
      ),
    ).toEqual([
      {
        path: 'spec.owner',
        message:
          'must be a catalog entity reference such as group:default/payments-team',
      },
      {
        path: 'spec.image',
        message: 'must be an image reference without spaces',
      },
      {
        path: 'spec.secretRefs[0]',
        message:
          "must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.', ≤ 253 characters)",
      },
      {
        path: 'spec.dependencies[0]',
        message:
          "must be a DNS-1123 label (lower case letters, digits and '-', ≤ 63 characters)",
      },
      { path: 'spec.monitoring.metricsPath', message: "must start with '/'" },
    ]);
  });

  it('rejects fields it does not know and reports missing ones', () => {
    expect(
      errorsOf(manifest('Microservice', { image: 'x', replica: 3, ports: [] })),
    ).toEqual([
      { path: 'spec.owner', message: 'is required' },
      { path: 'spec.ports', message: 'must have at least 1 item' },
      { path: 'spec.replica', message: 'is not a known field' },
    ]);
  });

  it('checks metadata the way Kubernetes does', () => {
    expect(
      errorsOf({
        ...microservice({}),
        metadata: {
          name: 'Payments_API',
          namespace: 'payments.prod',
          labels: { 'Bad Key': 'x', 'app.kubernetes.io/name': '-bad-' },
        },
      }),
    ).toEqual([
      {
        path: 'metadata.name',
        message:
          "must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.', ≤ 253 characters)",
      },
      {
        path: 'metadata.namespace',
        message:
          "must be a DNS-1123 label (lower case letters, digits and '-', ≤ 63 characters)",
      },
      {
        path: 'metadata.labels["Bad Key"]',
        message:
          "must be a qualified name: an optional DNS-1123 subdomain prefix and '/', then up to 63 letters, digits, '-', '_' or '.'",
      },
      {
        path: 'metadata.labels["app.kubernetes.io/name"]',
        message:
          "must be a label value (up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)",
      },
    ]);
  });

  it('lets server-set metadata through', () => {
    const { metadata } = expectValid('Microservice', {
      ...microservice({}),
      metadata: {
        name: 'payments-api',
        uid: '0d5c7d1e',
        resourceVersion: '42',
        generation: 3,
      },
    });
    expect(metadata).toMatchObject({ uid: '0d5c7d1e', generation: 3 });
  });
});
