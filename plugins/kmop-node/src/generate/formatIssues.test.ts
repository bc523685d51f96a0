import { z } from 'zod/v3';
import { formatIssues, formatPath } from './formatIssues';

describe('formatIssues', () => {
  const schema = z.object({
    name: z.string().regex(/^[a-z]+$/, 'must be lower case'),
    steps: z.array(z.object({ setWeight: z.number().max(100) })),
    objective: z.number().gt(0).lt(100),
    mode: z.enum(['a', 'b']),
    list: z.array(z.string()).min(1),
    choice: z.union([z.number(), z.object({ duration: z.string() })]),
  });

  it('names each field with a readable sentence', () => {
    const result = schema.safeParse({
      name: 'X',
      steps: [{ setWeight: 1 }, { setWeight: 150 }],
      objective: 100,
      mode: 'c',
      list: [],
      choice: { duration: 5 },
    });
    expect(result.success).toBe(false);
    expect(formatIssues('input', result.error!.issues)).toEqual([
      'input.name must be lower case',
      'input.steps[1].setWeight must be ≤ 100',
      'input.objective must be < 100',
      'input.mode must be one of a, b',
      'input.list must have at least 1 items',
      'input.choice.duration must be a string (got number)',
    ]);
  });

  it('says a missing field is required', () => {
    const result = z.object({ owner: z.string() }).safeParse({});
    expect(formatIssues('input', result.error!.issues)).toEqual([
      'input.owner is required',
    ]);
  });

  it('formats a root path', () => {
    expect(formatPath('', [])).toBe('(root)');
    expect(formatPath('', ['a', 0, 'b'])).toBe('a[0].b');
  });
});
