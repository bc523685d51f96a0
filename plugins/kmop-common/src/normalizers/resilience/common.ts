import type { Reader } from '../access';
import type {
  KmopItemBase,
  KmopResilienceSetting,
  KmopResilienceView,
} from '../../view';

/** A resilience item with nothing known but its source, for objects that cannot be read. */
export function blankResilience(base: KmopItemBase): KmopResilienceView {
  return { ...base, settings: [] };
}

export type SettingValues = Record<
  string,
  string | number | boolean | undefined
>;

/**
 * A setting with its summary; values that are undefined are left out. An empty summary (odd
 * values such as empty strings) falls back to listing the values.
 */
export function setting(
  type: KmopResilienceSetting['type'],
  summary: string,
  values: SettingValues,
  defaults: readonly string[] = [],
): KmopResilienceSetting {
  const kept: KmopResilienceSetting['values'] = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) kept[key] = value;
  }
  const listed = Object.entries(kept)
    .map(([key, value]) => `${key} ${JSON.stringify(value)}`)
    .join(', ');
  const defaulted = defaults.filter(key => key in kept);
  return {
    type,
    summary: summary || listed || `${type} with no values`,
    values: kept,
    ...(defaulted.length > 0 ? { defaults: defaulted } : {}),
  };
}

/**
 * Reads values with the tool's defaults: `get` gives the value as written, `fallback` is used
 * only when the field is absent (never when malformed) and its key is then listed in `keys`.
 */
export class DefaultedValues {
  readonly keys: string[] = [];

  constructor(private readonly r: Reader) {}

  take<T>(key: string, value: T | undefined, path: string, fallback: T) {
    const v = this.r.orDefault(value, path, fallback);
    if (value === undefined && v !== undefined) this.keys.push(key);
    return v;
  }
}

/** `(default)` after a value the tool applies, for summaries. */
export function marked(
  text: string,
  key: string,
  defaults: DefaultedValues,
): string {
  return defaults.keys.includes(key) ? `${text} (default)` : text;
}

/** `label: summary` when a label is given, for settings of one port, subset or route. */
export function scoped(
  label: string | undefined,
  s: KmopResilienceSetting,
): KmopResilienceSetting {
  return label ? { ...s, summary: `${label}: ${s.summary}` } : s;
}

/** Joins the parts that are present with `, `. */
export function clauses(...parts: (string | false | undefined)[]): string {
  return parts.filter((p): p is string => Boolean(p)).join(', ');
}

/** `1 attempt` / `3 attempts`. */
export function plural(
  count: number,
  noun: string,
  nouns = `${noun}s`,
): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** A disruption budget's rule in words. */
export function budgetRule(
  minAvailable: number | string | undefined,
  maxUnavailable: number | string | undefined,
): string {
  if (minAvailable !== undefined) return `at least ${minAvailable} available`;
  if (maxUnavailable !== undefined)
    return `at most ${maxUnavailable} unavailable`;
  return 'no limit set';
}
