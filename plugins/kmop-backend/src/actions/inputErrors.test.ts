import { z } from 'zod/v3';
import { inputErrors } from './inputErrors';

const schema = z
  .object(
    {
      entityRef: z.string({ errorMap: inputErrors }).min(1),
      health: z.enum(['ok', 'degraded'], { errorMap: inputErrors }).optional(),
    },
    { errorMap: inputErrors },
  )
  .strict();

function messages(input: unknown): string[] {
  return schema.safeParse(input).error?.issues.map(i => i.message) ?? [];
}

describe('inputErrors', () => {
  it('names the field and what was expected', () => {
    expect(messages({ entityRef: 5 })).toEqual([
      'entityRef: expected string, got number',
    ]);
    expect(messages({ entityRef: 'x', health: 'fine' })).toEqual([
      'health: expected one of ok, degraded, got fine',
    ]);
    expect(messages({ entityRef: '' })).toEqual([
      'entityRef: String must contain at least 1 character(s)',
    ]);
  });

  it('says a missing field is required, and names unknown fields', () => {
    expect(messages({})).toEqual(['entityRef is required: expected string']);
    expect(messages({ entityRef: 'x', ref: 'y', kind: 'z' })).toEqual([
      'the input has unknown fields: ref, kind',
    ]);
    expect(messages('checkout')).toEqual([
      'the input: expected object, got string',
    ]);
  });
});
