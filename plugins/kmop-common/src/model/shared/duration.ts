import { z } from 'zod';

/*
 * Durations are one positive whole number and a unit, as Prometheus and the KMOP contract write
 * them (`250ms`, `30s`, `5m`, `1h`, `30d`; windows also `4w`). Compound forms such as `1h30m`
 * are not accepted, so every consumer can parse them the same simple way.
 */

const DURATION = /^[1-9][0-9]*(ms|s|m|h|d)$/;
const WINDOW = /^[1-9][0-9]*(ms|s|m|h|d|w)$/;

const DURATION_MESSAGE =
  'must be a duration such as 30s, 5m or 1h (a whole number > 0 followed by ms, s, m, h or d)';
const WINDOW_MESSAGE =
  'must be a duration such as 1h, 30d or 4w (a whole number > 0 followed by ms, s, m, h, d or w)';

const UNIT_MILLISECONDS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000,
};

/**
 * The length of a KMOP duration or window in milliseconds, or `undefined` when the text is not
 * one (`30 s`, `5x`, `-1m`, ``).
 */
export function durationToMilliseconds(value: string): number | undefined {
  const match = /^([1-9][0-9]*)(ms|s|m|h|d|w)$/.exec(value);
  if (!match) {
    return undefined;
  }
  return Number(match[1]) * UNIT_MILLISECONDS[match[2]];
}

/** A duration: `250ms`, `30s`, `5m`, `1h`, `30d`. */
export const durationSchema = z
  .string()
  .max(32, { message: DURATION_MESSAGE })
  .regex(DURATION, { message: DURATION_MESSAGE });

/** An SLO or burn-rate window: a duration that may also be written in weeks (`4w`). */
export const windowSchema = z
  .string()
  .max(32, { message: WINDOW_MESSAGE })
  .regex(WINDOW, { message: WINDOW_MESSAGE });
