import { DURATION_GRAMMARS, DurationGrammar } from './grammars';

/** Milliseconds in one of each unit any grammar uses (a Prometheus year is 365 days). */
const UNIT_MILLISECONDS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

// `ms` before `m` and `s`, so `500ms` is not read as 500 minutes and an `s`.
const PART = /([0-9]*\.?[0-9]*)(ns|us|µs|μs|ms|s|m|h|d|w|y)/g;

/**
 * True when `text` is a duration in `grammar`.
 *
 * @public
 */
export function isDuration(text: unknown, grammar: DurationGrammar): boolean {
  return (
    typeof text === 'string' && DURATION_GRAMMARS[grammar].pattern.test(text)
  );
}

/**
 * The length of a duration in milliseconds, read by the rules of `grammar` (an Argo Rollouts
 * pause of `30` is 30 seconds).
 *
 * @throws SyntaxError naming the text and what was expected; RangeError when it is too large.
 *
 * @public
 */
export function parseDuration(text: string, grammar: DurationGrammar): number {
  if (!isDuration(text, grammar)) {
    throw new SyntaxError(
      `Invalid duration ${JSON.stringify(text)}: expected ${
        DURATION_GRAMMARS[grammar].expected
      }`,
    );
  }
  if (grammar === 'argoPause' && /^[0-9]+$/.test(text)) {
    return Number(text) * UNIT_MILLISECONDS.s;
  }
  let milliseconds = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    milliseconds += Number(amount) * UNIT_MILLISECONDS[unit];
  }
  if (!Number.isFinite(milliseconds)) {
    throw new RangeError(`Invalid duration ${JSON.stringify(text)}: too large`);
  }
  return milliseconds;
}

/**
 * Like {@link parseDuration}, but `undefined` instead of an error, for untrusted input.
 *
 * @public
 */
export function tryParseDuration(
  text: unknown,
  grammar: DurationGrammar,
): number | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return parseDuration(text, grammar);
  } catch {
    return undefined;
  }
}
