import { z } from 'zod/v3';
import { formatPath, toValidationErrors } from './issues';

function errors(schema: z.ZodTypeAny, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? [] : toValidationErrors(result.error.issues);
}

describe('formatPath', () => {
  it('writes keys with dots, indexes in brackets and odd keys quoted', () => {
    expect(formatPath(['spec', 'canary', 'steps', 2, 'setWeight'])).toBe(
      'spec.canary.steps[2].setWeight',
    );
    expect(formatPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe(
      'metadata.labels["app.kubernetes.io/name"]',
    );
    expect(formatPath([0, 'name'])).toBe('[0].name');
    expect(formatPath([])).toBe('');
  });
});

describe('toValidationErrors', () => {
  it.each([
    [z.object({ a: z.string() }), {}, 'is required'],
    [z.object({ a: z.string() }), { a: 1 }, 'must be a string'],
    [z.object({ a: z.number() }), { a: 'x' }, 'must be a number'],
    [z.object({ a: z.number().int() }), { a: 1.5 }, 'must be a whole number'],
    [z.object({ a: z.boolean() }), { a: 'yes' }, 'must be true or false'],
    [z.object({ a: z.array(z.string()) }), { a: {} }, 'must be a list'],
    [z.object({ a: z.object({}) }), { a: [] }, 'must be an object'],
    [z.object({ a: z.number().max(100) }), { a: 101 }, 'must be ≤ 100'],
    [z.object({ a: z.number().lt(100) }), { a: 100 }, 'must be < 100'],
    [z.object({ a: z.number().min(1) }), { a: 0 }, 'must be ≥ 1'],
    [z.object({ a: z.number().gt(0) }), { a: 0 }, 'must be > 0'],
    [z.object({ a: z.string().min(1) }), { a: '' }, 'must not be empty'],
    [
      z.object({ a: z.string().min(3) }),
      { a: 'ab' },
      'must be at least 3 characters',
    ],
    [
      z.object({ a: z.string().max(2) }),
      { a: 'abc' },
      'must be at most 2 characters',
    ],
    [
      z.object({ a: z.array(z.number()).min(2) }),
      { a: [1] },
      'must have at least 2 items',
    ],
    [
      z.object({ a: z.array(z.number()).max(1) }),
      { a: [1, 2] },
      'must have at most 1 item',
    ],
    [z.object({ a: z.enum(['x', 'y']) }), { a: 'z' }, 'must be one of: x, y'],
    [z.object({ a: z.enum(['x', 'y']) }), { a: 3 }, 'must be one of: x, y'],
    [z.object({ a: z.literal('v1') }), { a: 'v2' }, 'must be v1'],
    [z.object({ a: z.literal('v1') }), {}, 'is required'],
    [z.object({ a: z.string().url() }), { a: 'nope' }, 'must be a URL'],
    [
      z.object({ a: z.string().regex(/^x$/) }),
      { a: 'y' },
      'has an invalid format',
    ],
    [
      z.object({ a: z.number().multipleOf(5) }),
      { a: 7 },
      'must be a multiple of 5',
    ],
    [
      z.object({ a: z.union([z.number(), z.boolean()]) }),
      { a: 'x' },
      'does not match any allowed form',
    ],
  ])('maps %#', (schema, value, message) => {
    expect(errors(schema, value)).toEqual([{ path: 'a', message }]);
  });

  it('keeps messages the schema gives', () => {
    expect(
      errors(
        z.object({ a: z.string().regex(/^x$/, { message: 'must be x' }) }),
        { a: 'y' },
      ),
    ).toEqual([{ path: 'a', message: 'must be x' }]);
    expect(
      errors(z.object({ a: z.number().max(3, { message: 'too many' }) }), {
        a: 4,
      }),
    ).toEqual([{ path: 'a', message: 'too many' }]);
  });

  it('reports each unknown key on its own path', () => {
    expect(errors(z.object({}).strict(), { b: 1, 'c.d': 2 })).toEqual([
      { path: 'b', message: 'is not a known field' },
      { path: '["c.d"]', message: 'is not a known field' },
    ]);
  });

  it('drops exact repeats and prefixes a base path', () => {
    const schema = z.object({
      a: z
        .string()
        .max(2, { message: 'bad' })
        .regex(/^x+$/, { message: 'bad' }),
    });
    const result = schema.safeParse({ a: 'yyy' });
    expect(
      result.success ? [] : toValidationErrors(result.error.issues, ['spec']),
    ).toEqual([{ path: 'spec.a', message: 'bad' }]);
  });
});
