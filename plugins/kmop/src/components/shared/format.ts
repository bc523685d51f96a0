import { roundBurn } from '@kmop/plugin-kmop-common';

/** `0.999` → `99.9%`; trailing zeros dropped, up to `digits` decimals. */
export function formatPercent(ratio: number, digits = 3): string {
  const value = Number((ratio * 100).toFixed(digits));
  return `${value}%`;
}

/** Seconds as the largest unit that keeps the number readable: `43.2 min`, `7.2 h`, `2.5 days`. */
export function formatSeconds(seconds: number): string {
  const abs = Math.abs(seconds);
  const round = (n: number) => `${Number(n.toFixed(1))}`;
  if (abs < 1) return `${round(seconds * 1000)} ms`;
  if (abs < 60) return `${round(seconds)} s`;
  if (abs < 3600) return `${round(seconds / 60)} min`;
  if (abs < 86400 * 2) return `${round(seconds / 3600)} h`;
  return `${round(seconds / 86400)} days`;
}

/** An SLO window such as `30d` in words: `30 days`; unknown forms are shown as written. */
export function formatWindow(window: string): string {
  const match = /^(\d+)([smhdw])$/.exec(window);
  if (!match) return window;
  const units: Record<string, [string, string]> = {
    s: ['second', 'seconds'],
    m: ['minute', 'minutes'],
    h: ['hour', 'hours'],
    d: ['day', 'days'],
    w: ['week', 'weeks'],
  };
  const [one, many] = units[match[2]];
  return `${match[1]} ${match[1] === '1' ? one : many}`;
}

/**
 * A burn rate as a multiple of the budget: `14.4×`, rounded as the release judgement's words
 * round it, so "18.1× over 1h" in a verdict reads 18.1× in the table beside it too.
 */
export function formatBurn(rate: number): string {
  return `${roundBurn(rate)}×`;
}

/** How long ago an ISO time was, relative to `now`: `12 s ago`, `3 min ago`. */
export function formatAge(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.max(0, (now - then) / 1000);
  if (seconds < 60) return `${Math.round(seconds)} s ago`;
  return `${formatSeconds(seconds)} ago`;
}

/** Local clock time of an ISO time, with the full timestamp kept for a tooltip. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleTimeString();
}

/** An error in one line; a `ResponseError` names the server's own message and the status. */
export function describeError(error: Error): string {
  const body = (error as { body?: { error?: { message?: string } } }).body;
  const status = (error as { statusCode?: number }).statusCode;
  if (body?.error?.message) {
    return status
      ? `${body.error.message} (HTTP ${status})`
      : body.error.message;
  }
  return error.message;
}
