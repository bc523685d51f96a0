import type { ZodIssue } from 'zod/v3';

/**
 * Turns a zod path into the dotted form people read in error messages,
 * e.g. `input.rollout.canary.steps[1].setWeight`.
 */
export function formatPath(
  prefix: string,
  path: ReadonlyArray<string | number>,
): string {
  let out = prefix;
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      out += out ? `.${segment}` : segment;
    }
  }
  return out || '(root)';
}

function describeLimit(
  kind: 'too_big' | 'too_small',
  issue: ZodIssue & { inclusive?: boolean; type?: string },
  limit: number | bigint,
): string {
  if (issue.type === 'string') {
    return kind === 'too_big'
      ? `must be at most ${limit} characters`
      : `must be at least ${limit} characters`;
  }
  if (issue.type === 'array') {
    return kind === 'too_big'
      ? `must have at most ${limit} items`
      : `must have at least ${limit} items`;
  }
  if (kind === 'too_big') {
    return issue.inclusive ? `must be ≤ ${limit}` : `must be < ${limit}`;
  }
  return issue.inclusive ? `must be ≥ ${limit}` : `must be > ${limit}`;
}

/** One readable sentence for a zod issue, without its path. */
export function describeIssue(issue: ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      return describeLimit('too_big', issue, issue.maximum);
    case 'too_small':
      return describeLimit('too_small', issue, issue.minimum);
    case 'invalid_enum_value':
      return `must be one of ${issue.options.map(String).join(', ')}`;
    case 'invalid_literal':
      return `must be ${JSON.stringify(issue.expected)}`;
    case 'invalid_type':
      return issue.received === 'undefined'
        ? 'is required'
        : `must be a ${issue.expected} (got ${issue.received})`;
    case 'unrecognized_keys':
      return `has unknown keys ${issue.keys.join(', ')}`;
    case 'invalid_union_discriminator':
      return `must be one of ${issue.options.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

/**
 * A union failure carries one list of issues per branch. The branch the
 * author meant is one whose type matched (its issues lie deeper than the
 * union itself), and of those the one with the fewest issues.
 */
function expandUnions(issues: ZodIssue[]): ZodIssue[] {
  return issues.flatMap(issue => {
    if (issue.code !== 'invalid_union' || issue.unionErrors.length === 0) {
      return [issue];
    }
    const depth = issue.path.length;
    const typeMismatch = (branch: { issues: ZodIssue[] }) =>
      branch.issues.some(
        i => i.code === 'invalid_type' && i.path.length === depth,
      )
        ? 1
        : 0;
    const best = [...issue.unionErrors].sort(
      (a, b) =>
        typeMismatch(a) - typeMismatch(b) || a.issues.length - b.issues.length,
    )[0];
    return expandUnions(best.issues);
  });
}

/**
 * `input.a.b[1] must be ≤ 100` for every issue, in order.
 *
 * @public
 */
export function formatIssues(prefix: string, issues: ZodIssue[]): string[] {
  return expandUnions(issues).map(
    issue => `${formatPath(prefix, issue.path)} ${describeIssue(issue)}`,
  );
}
