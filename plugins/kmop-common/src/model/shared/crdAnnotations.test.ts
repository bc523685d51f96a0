import { z } from 'zod/v3';
import { annotateCrd, crdAnnotationsOf } from './crdAnnotations';
import { withExactlyOneOf, withRules } from './rules';

describe('annotateCrd', () => {
  it('keeps annotations when the schema is described, made optional or defaulted', () => {
    const list = annotateCrd(z.array(z.string()), { listSet: true });
    const described = list.describe('a list').optional();
    expect(crdAnnotationsOf(described._def.innerType._def)).toMatchObject({
      listSet: true,
    });
    expect(
      crdAnnotationsOf(list.default([])._def.innerType._def),
    ).toMatchObject({
      listSet: true,
    });
  });

  it('leaves the original schema untouched', () => {
    const original = z.array(z.string());
    annotateCrd(original, { listSet: true });
    expect(crdAnnotationsOf(original._def)).toBeUndefined();
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
    expect(crdAnnotationsOf(range._def.schema._def)).toMatchObject({
      validations: [
        { rule: 'self.low <= self.high', message: '`low` must be ≤ `high`.' },
      ],
      notes: ['`low` must be ≤ `high`.'],
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
