import { z } from 'zod/v3';
import { zodToJsonSchema } from 'zod-to-json-schema';
import entityViewSchema from './entityView.schema.json';
import { JsonSchemaNode, zodFromJsonSchema } from './zodFromJsonSchema';

const small: JsonSchemaNode = {
  type: 'object',
  description: 'A thing.',
  properties: {
    name: { type: 'string', description: 'Its name.' },
    health: { type: 'string', enum: ['ok', 'degraded'] },
    weight: { type: ['number', 'string'] },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    parts: { type: 'array', items: { $ref: '#/definitions/Part' } },
    anything: {},
  },
  required: ['name', 'health', 'parts'],
  additionalProperties: false,
  definitions: {
    Part: {
      type: 'object',
      properties: { id: { type: 'number' } },
      required: ['id'],
    },
  },
};

describe('zodFromJsonSchema', () => {
  const schema = zodFromJsonSchema(z, small);

  it('accepts what the JSON schema describes and keeps every declared field', () => {
    const value = {
      name: 'a',
      health: 'ok',
      weight: '50%',
      labels: { team: 'x' },
      parts: [{ id: 1 }],
      anything: [1, 'two'],
    };
    expect(schema.parse(value)).toEqual(value);
    expect(schema.parse({ name: 'a', health: 'degraded', parts: [] })).toEqual({
      name: 'a',
      health: 'degraded',
      parts: [],
    });
  });

  it('rejects a value of another type, naming the field', () => {
    const result = schema.safeParse({
      name: 'a',
      health: 'fine',
      parts: [{ id: 'one' }],
    });
    expect(result.error?.issues.map(i => i.path)).toEqual([
      ['health'],
      ['parts', 0, 'id'],
    ]);
  });

  it('keeps the descriptions for the JSON schema the registry publishes', () => {
    expect(zodToJsonSchema(schema)).toMatchObject({
      description: 'A thing.',
      properties: { name: { description: 'Its name.' } },
      required: ['name', 'health', 'parts'],
    });
  });

  it('refuses what it cannot express, naming where', () => {
    expect(() =>
      zodFromJsonSchema(z, {
        type: 'object',
        properties: { a: { $ref: '#/definitions/Missing' } },
      }),
    ).toThrow('$.a: an unknown reference #/definitions/Missing');
  });

  it('resolves a recursive type lazily', () => {
    const tree = zodFromJsonSchema(z, {
      type: 'object',
      properties: { root: { $ref: '#/definitions/Node' } },
      definitions: {
        Node: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/definitions/Node' } },
          },
          required: ['name'],
        },
      },
    });
    const value = { root: { name: 'a', children: [{ name: 'b' }] } };
    expect(tree.parse(value)).toEqual(value);
    expect(
      tree.safeParse({ root: { name: 'a', children: [{}] } }).error?.issues[0]
        .path,
    ).toEqual(['root', 'children', 0, 'name']);
  });

  it('builds the view schema of get-entity-view', () => {
    const view = zodFromJsonSchema(z, entityViewSchema);
    expect(Object.keys(view.shape)).toEqual([
      'entityRef',
      'target',
      'routes',
      'slos',
      'rollouts',
      'resilience',
      'clusters',
      'generatedAt',
    ]);
  });
});
