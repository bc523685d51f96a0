/**
 * Issue #8 §1 as a property: a field of the wrong type never becomes a value. Take a valid
 * fixture, put a value of another JSON type at one of its paths, and the view must carry no
 * number or boolean derived from that field, must not throw, and, when the field matters to
 * the view, must say the item is `unknown` naming the field.
 *
 * "Derived from the field" is found by experiment: a view path depends on the field when
 * giving the field another value of its own type changes what is at that path.
 */
import fc from 'fast-check';
import type { KmopItemBase } from '../view';
import { ALL_FIXTURES } from './__fixtures__';
import { isRecord } from './access';
import { NormalizedItems, VIEW_SECTIONS, normalizeObject } from './registry';

const ctx = { cluster: 'prop' };
type Key = string | number;

/** Every path inside a fixture except the root and the fields the registry dispatches on. */
function pathsOf(value: unknown, prefix: Key[] = []): Key[][] {
  let children: [Key, unknown][] = [];
  if (Array.isArray(value)) {
    children = value.map((v, i): [Key, unknown] => [i, v]);
  } else if (isRecord(value)) children = Object.entries(value);
  return children.flatMap(([k, v]) => {
    const path = [...prefix, k];
    if (prefix.length === 0 && (k === 'apiVersion' || k === 'kind')) return [];
    return [path, ...pathsOf(v, path)];
  });
}

function get(root: unknown, path: readonly Key[]): unknown {
  let current = root;
  for (const key of path) {
    current = (current as Record<Key, unknown>)[key];
  }
  return current;
}

function replaceAt(root: unknown, path: readonly Key[], value: unknown) {
  const copy = structuredClone(root) as Record<Key, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as typeof parent;
  parent[path[path.length - 1]] = value;
  return copy;
}

/** Values of a JSON type other than the value's own. */
function otherTypes(value: unknown): unknown[] {
  if (typeof value === 'number') return ['three', [value], true];
  if (typeof value === 'boolean') return ['yes', 1];
  if (typeof value === 'string') return [42, false, { value }];
  if (Array.isArray(value)) return ['not a list', { 0: value[0] }];
  return ['not an object', [value]];
}

/** Other values of the value's own type, to find what depends on it. */
function sameType(value: unknown): unknown[] {
  if (typeof value === 'number') {
    return [value + 1, value === 0 ? 7 : 0, Number.isInteger(value) ? 3 : 0.5];
  }
  if (typeof value === 'boolean') return [!value];
  if (typeof value === 'string') return [`${value}x`, '', '1h', '5'];
  if (Array.isArray(value)) return [[], value.slice(0, 1)];
  return [{}];
}

/**
 * A list element's key: what it is (type, name, severity and windows, the route it is
 * scoped to) and which of its kind, so that an element left out does not move the others.
 */
function elementKey(v: unknown, i: number, seen: Map<string, number>): string {
  if (!isRecord(v)) return String(i);
  const id = [
    'type',
    'name',
    'protocol',
    'severity',
    'longWindow',
    'subset',
    'window',
  ]
    .map(k => (typeof v[k] === 'string' ? v[k] : ''))
    .join('/');
  const scope =
    typeof v.summary === 'string'
      ? /^(route|rule|subset|port)\b[^:]*/.exec(v.summary)?.[0]
      : '';
  const key = `${id}/${scope ?? ''}`;
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return /^\/*$/.test(key) ? String(i) : `${key}#${n}`;
}

/** The numbers and booleans of a view, by path (items by section and position, list elements by what they are). */
function facts(items: NormalizedItems): Map<string, number | boolean> {
  const out = new Map<string, number | boolean>();
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number' || typeof v === 'boolean') out.set(path, v);
    else if (Array.isArray(v)) {
      const seen = new Map<string, number>();
      v.forEach((x, i) => walk(x, `${path}[${elementKey(x, i, seen)}]`));
    } else if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    }
  };
  for (const section of VIEW_SECTIONS) walk(items[section], section);
  return out;
}

function dependents(fixture: object, path: readonly Key[]): Set<string> {
  const base = facts(normalizeObject(fixture, ctx));
  const changed = new Set<string>();
  for (const variant of sameType(get(fixture, path))) {
    const other = facts(
      normalizeObject(replaceAt(fixture, path, variant), ctx),
    );
    // Only values that both readings have: an item or setting that comes and goes with the
    // field is not a value derived from it.
    for (const [key, value] of base) {
      if (other.has(key) && other.get(key) !== value) changed.add(key);
    }
  }
  return changed;
}

/** `spec.rules[1].weight` */
function pathText(path: readonly Key[]): string {
  return path
    .map((k, i) => {
      if (typeof k === 'number') return `[${k}]`;
      return i === 0 ? k : `.${k}`;
    })
    .join('');
}

/** What is wrong with the view of a fixture whose field at `path` got `value`, or undefined. */
function malformedFieldProblem(
  fixture: object,
  path: readonly Key[],
  value: unknown,
): string | undefined {
  const mutated = replaceAt(fixture, path, value);
  let items: NormalizedItems;
  try {
    items = normalizeObject(mutated, ctx);
  } catch (e) {
    return `threw ${String(e)}`;
  }
  const depends = dependents(fixture, path);
  if (depends.size === 0) return undefined;
  const before = facts(normalizeObject(fixture, ctx));
  const after = facts(items);
  for (const [key, v] of after) {
    if (depends.has(key)) return `${key} = ${v} depends on the bad field`;
    if (before.get(key) !== v) {
      return `${key} = ${v} is new (was ${before.get(key)})`;
    }
  }
  const named = VIEW_SECTIONS.flatMap(s => items[s] as KmopItemBase[]).some(
    item =>
      item.health === 'unknown' && item.healthReason.includes(pathText(path)),
  );
  return named ? undefined : `no unknown item names ${pathText(path)}`;
}

const CASES = ALL_FIXTURES.flatMap(([name, fixture]) =>
  pathsOf(fixture).map(path => ({ name, fixture, path })),
);

describe('a malformed field never becomes a value', () => {
  it('holds for one field of any fixture replaced by a value of another type', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...CASES),
        fc.nat(),
        ({ name, fixture, path }, pick) => {
          const candidates = otherTypes(get(fixture, path));
          const value = candidates[pick % candidates.length];
          const problem = malformedFieldProblem(fixture, path, value);
          if (problem) {
            throw new Error(
              `${name} with ${pathText(path)} = ${JSON.stringify(
                value,
              )}: ${problem}`,
            );
          }
          runs += 1;
        },
      ),
      { numRuns: 1500 },
    );
    expect(runs).toBe(1500);
  });

  // Every field and every other type, not a sample: these blocks were once shown as written,
  // untyped (found with seed 391957720), and are small enough to check exhaustively.
  it('holds for every field of the BackendTrafficPolicy blocks KMOP only names', () => {
    const policy = CASES.filter(
      c =>
        c.name === 'upstreamShapes.envoyOtherSettingsPolicy' &&
        /^spec\.(admissionControl|bandwidthLimit|dns|proxyProtocol|telemetry)\./.test(
          `${c.path.join('.')}.`,
        ),
    );
    expect(policy.length).toBeGreaterThanOrEqual(9);
    const problems = policy.flatMap(({ fixture, path }) =>
      otherTypes(get(fixture, path)).flatMap(value => {
        const problem = malformedFieldProblem(fixture, path, value);
        return problem
          ? [`${pathText(path)} = ${JSON.stringify(value)}: ${problem}`]
          : [];
      }),
    );
    expect(problems).toEqual([]);
  });
});
