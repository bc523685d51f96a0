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

/**
 * `value` without the facts that differ in any of `others` (values at the same place). An
 * array whose length differs is emptied: its elements were counted or placed with the
 * bad field's help.
 */
function keepStable(
  value: unknown,
  others: readonly unknown[],
  inValues = false,
): unknown {
  if (Array.isArray(value)) {
    if (others.some(o => !Array.isArray(o) || o.length !== value.length)) {
      return [];
    }
    return value.flatMap((v, i) => {
      const kept = keepStable(
        v,
        others.map(o => (o as unknown[])[i]),
        inValues,
      );
      const lost =
        isRecord(v) &&
        isRecord(kept) &&
        Object.keys(v).some(k => REQUIRED_IN_ELEMENT.has(k) && !(k in kept));
      return lost ? [] : [kept];
    });
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
        out[key] = 'not shown: a field it depends on is malformed';
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
