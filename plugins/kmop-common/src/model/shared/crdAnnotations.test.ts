import { z } from 'zod/v3';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { KMOP_JSON_SCHEMA_OPTIONS } from '../../crdgen/crds';
import { ANNOTATIONS_KEY } from '../../crdgen/structuralSchema';
import { annotateCrd } from './crdAnnotations';
import { withExactlyOneOf, withRules } from './rules';

// What zod-to-json-schema makes of a schema with the CRD options: the annotations travel under
// ANNOTATIONS_KEY on the node they annotate.
function carried(schema: z.ZodTypeAny): unknown {
  return zodToJsonSchema(schema, KMOP_JSON_SCHEMA_OPTIONS);
}

describe('annotateCrd', () => {
  it('keeps annotations when the schema is described, made optional or defaulted', () => {
    const list = annotateCrd(z.array(z.string()), { listSet: true });
    expect(
      carried(z.object({ a: list.describe('a list').optional() })),
    ).toMatchObject({
      properties: {
        a: { description: 'a list', [ANNOTATIONS_KEY]: { listSet: true } },
      },
    });
    expect(carried(list.default([]))).toMatchObject({
      default: [],
      [ANNOTATIONS_KEY]: { listSet: true },
    });
  });

  it('leaves the original schema untouched', () => {
    const original = z.array(z.string());
    annotateCrd(original, { listSet: true });
    expect(carried(original)).not.toHaveProperty(ANNOTATIONS_KEY);
  });

  it('merges the annotations of a rule on an annotated schema', () => {
    const hosts = withRules(
      annotateCrd(z.array(z.string()), { listSet: true }),
      [{ description: 'at most two', cel: 'size(self) <= 2', check: () => [] }],
    );
    expect(carried(hosts)).toMatchObject({
      [ANNOTATIONS_KEY]: {
        listSet: true,
        validations: [{ rule: 'size(self) <= 2', message: 'at most two' }],
        notes: ['at most two'],
      },
    });
  });

  it('checks with the check it is given', () => {
    const even = annotateCrd(z.number(), { notes: ['even'] }, (n, ctx) => {
      if (n % 2) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be even' });
      }
    });
    expect(even.safeParse(2).success).toBe(true);
    expect(even.safeParse(3).error?.issues[0].message).toBe('must be even');
  });
});

describe('withRules', () => {
  const range = withRules(z.object({ low: z.number(), high: z.number() }), [
    {
      description: '`low` must be ≤ `high`.',
      cel: 'self.low <= self.high',
      check: v =>
        v.low > v.high ? [{ path: ['low'], message: 'must be ≤ high' }] : [],
    },
  ]);

  it('reports a broken rule on the field it names', () => {
    const result = range.safeParse({ low: 5, high: 1 });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['low'], message: 'must be ≤ high' }),
    ]);
    expect(range.safeParse({ low: 1, high: 5 }).success).toBe(true);
  });

  it('records the CEL rule and the description for the CRD', () => {
    expect(carried(range)).toMatchObject({
      [ANNOTATIONS_KEY]: {
        validations: [
          { rule: 'self.low <= self.high', message: '`low` must be ≤ `high`.' },
        ],
        notes: ['`low` must be ≤ `high`.'],
      },
    });
  });
});

describe('withExactlyOneOf', () => {
  const choice = withExactlyOneOf(
    z.object({ a: z.number().optional(), b: z.number().optional() }).strict(),
    ['a', 'b'],
  );

  it('accepts exactly one field', () => {
    expect(choice.safeParse({ a: 1 }).success).toBe(true);
    expect(choice.safeParse({ b: 1 }).success).toBe(true);
  });

  it('rejects none and both, naming the fields', () => {
    expect(choice.safeParse({}).error?.issues[0].message).toBe(
      'must set exactly one of: a, b',
    );
    expect(choice.safeParse({ a: 1, b: 2 }).error?.issues[0].message).toBe(
      'must set only one of: a, b (found a and b)',
    );
  });
});
