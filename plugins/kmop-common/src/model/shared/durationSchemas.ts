import { z } from 'zod/v3';
import { DURATION_GRAMMARS } from '../../duration';

/*
 * The KMOP contract's durations are one whole number > 0 and a unit (`250ms`, `30s`, `5m`,
 * `1h`, `30d`; windows also `4w`), the `kmop` and `kmopWindow` grammars of `src/duration`.
 * Compound forms such as `1h30m` are not accepted, so every consumer reads them the same way.
 */

function grammarSchema(grammar: 'kmop' | 'kmopWindow') {
  const { pattern, expected } = DURATION_GRAMMARS[grammar];
  const message = `must be ${expected}`;
  return z.string().max(32, { message }).regex(pattern, { message });
}

/**
 * A duration: `250ms`, `30s`, `5m`, `1h`, `30d`.
 *
 * @public
 */
export const durationSchema = grammarSchema('kmop');

/**
 * An SLO or burn-rate window: a duration that may also be written in weeks (`4w`).
 *
 * @public
 */
export const windowSchema = grammarSchema('kmopWindow');
