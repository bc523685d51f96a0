/**
 * Removes from the items of a malformed object every fact that was derived from a field of
 * the wrong type (issue #8 §1). A bad field reads as absent, and a normalizer may then show
 * a default, a 0, a `false` or a count made without it. Which facts those are is found by
 * experiment rather than by hand: the object is read again with the bad fields set to
 * values of the type that was expected, and whatever changes with them (or differs from the
 * first reading) depended on them and is dropped.
 */
import type { KmopItemBase } from '../view';
import { BadField, ExpectedType, isRecord } from './access';

type Key = string | number;

/** Two or more values of each type, different enough to move anything derived from them. */
const PROBES: Record<ExpectedType, unknown[]> = {
  string: ['1h', '2d', 'True'],
  number: [0.5, 2],
  integer: [2, 3],
  boolean: [true, false],
  intOrString: [2, '50%'],
  object: [{}],
  array: [[], [{}]],
};

/** Fields an array element cannot be shown without: the element goes when one of them does. */
const REQUIRED_IN_ELEMENT = new Set(['rate', 'threshold', 'index']);

/** Facts that hold for a list as a whole: when one element loses it, all do (shares of a rule). */
const LIST_FACTS = ['share'];

/** Objects that are one fact: kept whole or dropped whole. */
const WHOLE_FACTS = new Set(['errorBudget']);

/** Strings compared as facts: the others (names, ids, reasons) are identity, not values. */
const STRING_FACTS = new Set(['window', 'summary']);

function setAt(root: unknown, path: readonly Key[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<Key, unknown>;
  let parent: Record<Key, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = parent[key];
    if (!isRecord(next) && !Array.isArray(next)) {
      parent[key] = {};
    }
    parent = parent[key] as Record<Key, unknown>;
  }
  parent[path[path.length - 1]] = value;
  return copy;
}

/** The object with every bad field set to its `n`-th probe value. */
function probeObject(obj: unknown, bad: readonly BadField[], n: number) {
  let out = obj;
  for (const field of bad) {
    const probes = PROBES[field.expected];
    out = setAt(out, field.path, probes[n % probes.length]);
  }
  return out;
}

function isFact(key: Key, value: unknown, inValues: boolean): boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return true;
  return (
    typeof value === 'string' &&
    (inValues || (typeof key === 'string' && STRING_FACTS.has(key)))
  );
}

/** Fields that say which element of a list an element is, whatever its values. */
const IDENTITY_KEYS = [
  'type',
  'severity',
  'longWindow',
  'shortWindow',
  'name',
  'subset',
  'window',
  'protocol',
  'provider',
];

/** `route chaos` of `route chaos: 2 attempts…`: settings of one route, rule, subset or port say so. */
function scopeOf(summary: unknown): string | undefined {
  return typeof summary === 'string'
    ? /^((?:route|rule|subset|port|a port)\b[^:]*): /.exec(summary)?.[1]
    : undefined;
}

/** An element's identity, for lists whose length the bad field changes; undefined when it has none. */
function identityOf(value: unknown): string | undefined {
  // Numbered elements (steps) cannot be matched: leaving one out renumbers the rest.
  if (!isRecord(value) || 'index' in value) return undefined;
  const parts = IDENTITY_KEYS.flatMap(k =>
    typeof value[k] === 'string' ? [`${k}=${value[k]}`] : [],
  );
  const scope = scopeOf(value.summary);
  if (scope) parts.push(`scope=${scope}`);
  return parts.length > 0 ? parts.join('|') : undefined;
}

const NO_MATCH = Symbol('no match');

/**
 * `other`'s elements at the places of `value`'s: by position when the lengths agree, else by
 * identity (first unused element with the same identity); NO_MATCH where none matches.
 * Undefined when the lists cannot be matched at all.
 */
function align(
  value: readonly unknown[],
  other: unknown,
): unknown[] | undefined {
  if (!Array.isArray(other)) return undefined;
  if (other.length === value.length) return other;
  if (value.some(v => identityOf(v) === undefined)) return undefined;
  const used = new Set<number>();
  return value.map(v => {
    const id = identityOf(v);
    const j = other.findIndex((o, k) => !used.has(k) && identityOf(o) === id);
    if (j < 0) return NO_MATCH;
    used.add(j);
    return other[j];
  });
}

/**
 * `value` without the facts that differ in any of `others` (values at the same place).
 * Lists whose length the bad field changes are matched element by element by identity; an
 * element only the first reading has, or a list that cannot be matched, goes: it was counted
 * or placed with the bad field's help.
 */
function keepStable(
  value: unknown,
  others: readonly unknown[],
  inValues = false,
): unknown {
  if (Array.isArray(value)) {
    const aligned = others.map(o => align(value, o));
    if (aligned.some(a => a === undefined)) return [];
    const elements = value.flatMap((v, i) => {
      const at = aligned.map(a => (a as unknown[])[i]);
      if (at.some(o => o === NO_MATCH)) return [];
      const kept = keepStable(v, at, inValues);
      const lost =
        isRecord(v) &&
        isRecord(kept) &&
        Object.keys(v).some(k => REQUIRED_IN_ELEMENT.has(k) && !(k in kept));
      return lost ? [] : [kept];
    });
    for (const key of LIST_FACTS) {
      const had = value.some(v => isRecord(v) && key in v);
      const all = elements.every(e => isRecord(e) && key in e);
      if (had && !all) {
        for (const e of elements) if (isRecord(e)) delete e[key];
      }
    }
    return elements;
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const at = others.map(o => (isRecord(o) ? o[key] : undefined));
    const nested = inValues || key === 'values';
    if (WHOLE_FACTS.has(key)) {
      const text = JSON.stringify(v);
      if (at.every(o => JSON.stringify(o) === text)) out[key] = v;
      continue;
    }
    if (isFact(key, v, nested) && at.some(o => o !== v)) {
      if (key === 'summary') {
        const scope = scopeOf(v);
        out[key] = `${
          scope ? `${scope}: ` : ''
        }not shown: a field it depends on is malformed`;
      }
      continue;
    }
    out[key] = keepStable(v, at, nested);
  }
  return out;
}

/**
 * The items of a malformed object without the facts derived from its bad fields.
 * `build` reads an object the way the normalizer does; it may throw on a probe.
 */
export function withoutDerivedFacts<T extends KmopItemBase>(
  items: readonly T[],
  obj: unknown,
  bad: readonly BadField[],
  build: (obj: unknown) => T[],
): T[] {
  if (bad.length === 0) return [...items];
  const probeCount = Math.max(...bad.map(b => PROBES[b.expected].length), 2);
  const probed: T[][] = [];
  for (let n = 0; n < probeCount; n++) {
    try {
      probed.push(build(probeObject(obj, bad, n)));
    } catch {
      // A probe the normalizer cannot read tells nothing.
    }
  }
  return items.map(
    (item, i) =>
      keepStable(
        item,
        probed.map(p => p[i]),
      ) as T,
  );
}
