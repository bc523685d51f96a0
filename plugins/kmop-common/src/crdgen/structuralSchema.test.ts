import { z } from 'zod/v3';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { intOrPercentSchema } from '../model/shared/intOrPercent';
import { annotateCrd } from '../model/shared/crdAnnotations';
import { withRules } from '../model/shared/rules';
import { KMOP_JSON_SCHEMA_OPTIONS } from './crds';
import {
  NOTES_KEY,
  toStructuralSchema,
  withoutNotes,
} from './structuralSchema';

function convert(schema: z.ZodTypeAny) {
  return toStructuralSchema(zodToJsonSchema(schema, KMOP_JSON_SCHEMA_OPTIONS));
}

describe('toStructuralSchema', () => {
  it('drops additionalProperties: false and keeps descriptions, defaults and required', () => {
    expect(
      convert(
        z
          .object({
            name: z.string().describe('The name.'),
            size: z.number().int().min(1).default(3).describe('The size.'),
          })
          .strict()
          .describe('A thing.'),
      ),
    ).toEqual({
      description: 'A thing.',
      type: 'object',
      properties: {
        name: { description: 'The name.', type: 'string' },
        size: {
          description: 'The size.',
          type: 'integer',
          default: 3,
          minimum: 1,
        },
      },
      required: ['name'],
    });
  });

  it('turns integer-or-string unions into x-kubernetes-int-or-string', () => {
    expect(convert(intOrPercentSchema.describe('Count.'))).toEqual({
      description: 'Count.',
      'x-kubernetes-int-or-string': true,
      anyOf: [{ type: 'integer' }, { type: 'string' }],
      pattern: '^(100|[1-9]?[0-9])%$',
      minimum: 0,
    });
  });

  it('merges discriminated unions into one object', () => {
    const schema = z.discriminatedUnion('type', [
      z.object({ type: z.literal('a'), shared: z.string() }),
      z.object({ type: z.literal('b'), shared: z.string(), extra: z.number() }),
    ]);
    expect(convert(schema)).toEqual({
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['a', 'b'] },
        shared: { type: 'string' },
        extra: { type: 'number' },
      },
      required: ['type', 'shared'],
    });
  });

  it('writes literals as one-value enums and records as additionalProperties', () => {
    expect(convert(z.literal('v1'))).toEqual({ type: 'string', enum: ['v1'] });
    expect(convert(z.record(z.string(), z.string()))).toEqual({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
  });

  it('applies CRD annotations and keeps rules in words until asked to drop them', () => {
    const schema = withRules(
      annotateCrd(z.array(z.object({ id: z.string() })), {
        listMapKeys: ['id'],
      }),
      [{ description: 'Ids are unique.', cel: 'true', check: () => [] }],
    );
    const converted = convert(schema);
    expect(converted).toMatchObject({
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['id'],
      'x-kubernetes-validations': [
        { rule: 'true', message: 'Ids are unique.' },
      ],
      [NOTES_KEY]: ['Ids are unique.'],
    });
    expect(
      withoutNotes({ type: 'object', properties: { a: converted } }),
    ).toEqual({
      type: 'object',
      properties: {
        a: {
          type: 'array',
          items: {
            type: 'object',
            properties: { id: { type: 'string' } },
            required: ['id'],
          },
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['id'],
          'x-kubernetes-validations': [
            { rule: 'true', message: 'Ids are unique.' },
          ],
        },
      },
    });
  });

  it('refuses what a structural schema cannot say, naming the field', () => {
    expect(() =>
      convert(z.object({ value: z.union([z.string(), z.boolean()]) })),
    ).toThrow(
      'Cannot express value in a CRD schema: unsupported union of string, boolean',
    );
    expect(() => convert(z.object({ any: z.unknown() }))).toThrow(
      'Cannot express any in a CRD schema: it has no single type',
    );
    expect(() => convert(z.object({ n: z.string().nullable() }))).toThrow(
      'Cannot express n in a CRD schema: unsupported keyword nullable',
    );
  });
});
