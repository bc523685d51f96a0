import { KubeSim, startKubeSim } from '../server';
import { KubeObject } from '../types';

/** A generic CRD with the schema features real CRDs use. */
const CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['image', 'ports'],
                properties: {
                  image: { type: 'string', minLength: 1, pattern: '^\\S+$' },
                  mode: {
                    type: 'string',
                    enum: ['fast', 'slow'],
                    default: 'fast',
                  },
                  size: { 'x-kubernetes-int-or-string': true },
                  ports: {
                    type: 'array',
                    minItems: 1,
                    maxItems: 3,
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['name'],
                    items: {
                      type: 'object',
                      required: ['name', 'port'],
                      properties: {
                        name: { type: 'string', maxLength: 15 },
                        port: { type: 'integer', minimum: 1, maximum: 65535 },
                      },
                    },
                  },
                  scaling: {
                    type: 'object',
                    properties: {
                      min: { type: 'integer' },
                      max: { type: 'integer' },
                    },
                    'x-kubernetes-validations': [
                      {
                        rule: 'self.min <= self.max',
                        message: 'min must be ≤ max',
                      },
                    ],
                  },
                  owner: {
                    type: 'string',
                    'x-kubernetes-validations': [
                      {
                        rule: 'self == oldSelf',
                        message: 'owner is immutable',
                      },
                    ],
                  },
                  tags: {
                    type: 'object',
                    additionalProperties: { type: 'string' },
                    'x-kubernetes-validations': [
                      {
                        rule: 'self.all(k, k.lowerAscii() == k)',
                        messageExpression:
                          "'tag keys must be lowercase, got ' + string(size(self)) + ' tags'",
                        reason: 'FieldValueForbidden',
                      },
                    ],
                  },
                },
              },
              status: {
                type: 'object',
                properties: { ready: { type: 'boolean' } },
              },
            },
          },
        },
      },
    ],
  },
};

function widget(spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', namespace: 'shop' },
    spec,
  };
}

const GOOD = { image: 'nginx:1', ports: [{ name: 'http', port: 80 }] };

describe('admission of custom resources', () => {
  let sim: KubeSim;
  const url = () => `${sim.url}/apis/example.com/v1/namespaces/shop/widgets`;

  async function send(
    method: string,
    path: string,
    body: unknown,
    contentType = 'application/json',
  ) {
    const res = await fetch(path, {
      method,
      headers: { 'Content-Type': contentType },
      body: JSON.stringify(body),
    });
    return {
      code: res.status,
      body: (await res.json()) as {
        message?: string;
        reason?: string;
        details?: {
          causes?: Array<{ field: string; reason: string; message: string }>;
        };
        metadata?: { resourceVersion?: string };
      },
    };
  }

  beforeEach(async () => {
    sim = await startKubeSim();
    sim.store.create(CRD);
  });

  afterEach(async () => {
    await sim.close();
  });

  it('refuses what the schema does not allow, naming each field, dry runs too', async () => {
    const bad = widget({
      ports: [
        { name: 'http', port: 'eighty' },
        { name: 'http', port: 70000 },
      ],
      mode: 'medium',
      image: '',
      size: true,
      scaling: { min: 5, max: 2 },
    });
    for (const query of ['?dryRun=All', '']) {
      const { code, body } = await send('POST', `${url()}${query}`, bad);
      expect(code).toBe(422);
      expect(body.reason).toBe('Invalid');
      expect(body.details?.causes).toEqual([
        {
          field: 'spec.ports[0].port',
          reason: 'FieldValueTypeInvalid',
          message:
            'Invalid value: "string": spec.ports[0].port in body must be of type integer: "string"',
        },
        {
          field: 'spec.ports[1]',
          reason: 'FieldValueDuplicate',
          message: 'Duplicate value: {"name":"http"}',
        },
        {
          field: 'spec.ports[1].port',
          reason: 'FieldValueInvalid',
          message:
            'Invalid value: 70000: spec.ports[1].port in body should be less than or equal to 65535',
        },
        {
          field: 'spec.mode',
          reason: 'FieldValueNotSupported',
          message:
            'Unsupported value: "medium": supported values: "fast", "slow"',
        },
        {
          field: 'spec.image',
          reason: 'FieldValueInvalid',
          message:
            'Invalid value: "": spec.image in body should be at least 1 chars long',
        },
        {
          field: 'spec.image',
          reason: 'FieldValueInvalid',
          message: `Invalid value: "": spec.image in body should match '^\\S+$'`,
        },
        {
          field: 'spec.size',
          reason: 'FieldValueTypeInvalid',
          message:
            'Invalid value: "boolean": spec.size in body must be of type integer,string: "boolean"',
        },
        {
          field: 'spec.scaling',
          reason: 'FieldValueInvalid',
          message: 'Invalid value: "object": min must be ≤ max',
        },
      ]);
      expect(body.message).toMatch(
        /^Widget\.example\.com "w" is invalid: \[spec\.ports\[0\]\.port: /,
      );
    }
    const missing = await send('POST', url(), widget({}));
    expect(missing.body.details?.causes?.map(c => c.field)).toEqual([
      'spec.image',
      'spec.ports',
    ]);
    expect(sim.store.list('example.com/v1', 'Widget')).toEqual([]);
  });

  it('checks updates, patches, applies and status writes, with transition rules', async () => {
    const created = await send(
      'POST',
      url(),
      widget({ ...GOOD, owner: 'a', tags: { team: 'x' }, size: '50%' }),
    );
    expect(created.code).toBe(201);
    const patch = (body: unknown, type: string, sub = '') =>
      send('PATCH', `${url()}/w${sub}`, body, type);
    const merge = 'application/merge-patch+json';

    const immutable = await patch({ spec: { owner: 'b' } }, merge);
    expect(immutable.code).toBe(422);
    expect(immutable.body.details?.causes).toEqual([
      {
        field: 'spec.owner',
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "string": owner is immutable',
      },
    ]);
    const tags = await patch({ spec: { tags: { Team: 'y' } } }, merge);
    expect(tags.body.details?.causes).toEqual([
      {
        field: 'spec.tags',
        reason: 'FieldValueForbidden',
        message: 'Forbidden: tag keys must be lowercase, got 2 tags',
      },
    ]);
    const json = await patch(
      [{ op: 'replace', path: '/spec/ports/0/port', value: 0 }],
      'application/json-patch+json',
    );
    expect(json.code).toBe(422);
    const applied = await send(
      'PATCH',
      `${url()}/w?fieldManager=test`,
      widget({ ...GOOD, scaling: { min: 3, max: 1 } }),
      'application/apply-patch+yaml',
    );
    expect(applied.code).toBe(422);
    const status = await patch({ status: { ready: 'yes' } }, merge, '/status');
    expect(status.body.details?.causes?.[0]?.field).toBe('status.ready');
    expect(
      (await patch({ status: { ready: true } }, merge, '/status')).code,
    ).toBe(200);
    expect((await patch({ spec: { mode: 'fast' } }, merge)).code).toBe(200);
  });

  it('prunes undeclared fields and fills defaults, as the API server stores them', async () => {
    const created = await send(
      'POST',
      url(),
      widget({ ...GOOD, typo: 'dropped' }),
    );
    expect(created.code).toBe(201);
    const status = await send(
      'PATCH',
      `${url()}/w/status`,
      { status: { ready: true, children: ['undeclared'] } },
      'application/merge-patch+json',
    );
    expect(status.code).toBe(200);
    const stored = sim.store.get({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      namespace: 'shop',
      name: 'w',
    })!;
    expect(stored.spec).toEqual({ ...GOOD, mode: 'fast' });
    expect(stored.status).toEqual({ ready: true });
  });

  it('refuses a CRD whose rule does not compile', async () => {
    const broken = structuredClone(CRD);
    broken.metadata.name = 'gadgets.example.com';
    const spec = broken.spec as {
      names: Record<string, string>;
      versions: Array<{ schema: { openAPIV3Schema: Record<string, unknown> } }>;
    };
    spec.names = { kind: 'Gadget', plural: 'gadgets' };
    spec.versions[0].schema.openAPIV3Schema['x-kubernetes-validations'] = [
      { rule: 'self.spec.(' },
    ];
    const { code, body } = await send(
      'POST',
      `${sim.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`,
      broken,
    );
    expect(code).toBe(422);
    expect(body.details?.causes?.[0]?.field).toBe(
      'spec.versions[0].schema.openAPIV3Schema.x-kubernetes-validations[0].rule',
    );
  });
});
