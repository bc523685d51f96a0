/**
 * Property tests: whatever a cluster returns, every normalizer returns well-formed items and
 * never throws. Objects are fed through the registry, as the backend does.
 */
import fc from 'fast-check';
import type { KmopHealth, KmopItemBase } from '../view';
import { ALL_FIXTURES } from './__fixtures__';
import { isRecord } from './access';
import type { Normalizer } from './base';
import {
  NormalizedItems,
  SUPPORTED_KINDS,
  VIEW_SECTIONS,
  normalizeObject,
} from './registry';
import * as exported from '.';

const ctx = { cluster: 'prop' };
const HEALTHS: readonly KmopHealth[] = [
  'ok',
  'progressing',
  'degraded',
  'unknown',
];
const RUNS = { numRuns: 300 };

/** Every apiVersion/kind pair the registry dispatches on. */
const KIND_HEADERS = SUPPORTED_KINDS.flatMap(k =>
  k.versions.map(v => ({ apiVersion: `${k.group}/${v}`, kind: k.kind })),
);

/** Every per-kind normalizer the package exports. */
const NORMALIZERS: [string, Normalizer<KmopItemBase>][] = Object.entries(
  exported,
).flatMap(([name, value]) =>
  name.startsWith('normalize') && name !== 'normalizeObject'
    ? [[name, value as Normalizer<KmopItemBase>]]
    : [],
);

/** Throws with the path when a property does not hold, so fast-check shows the counterexample. */
function check(holds: boolean, what: string): void {
  if (!holds) throw new Error(what);
}

/** Only JSON-like values: no NaN, Infinity, functions, symbols, bigints or class instances. */
function checkJsonLike(value: unknown, path: string): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'number') {
    check(Number.isFinite(value), `${path} is ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkJsonLike(v, `${path}[${i}]`));
  } else if (isRecord(value)) {
    check(
      Object.getPrototypeOf(value) === Object.prototype,
      `${path} is not a plain object`,
    );
    for (const [k, v] of Object.entries(value))
      checkJsonLike(v, `${path}.${k}`);
  } else {
    check(
      typeof value === 'string' || typeof value === 'boolean',
      `${path} is a ${typeof value}`,
    );
  }
}

function checkStrings(value: unknown, path: string): void {
  check(Array.isArray(value), `${path} is not an array`);
  (value as unknown[]).forEach((v, i) =>
    check(typeof v === 'string', `${path}[${i}] is not a string`),
  );
}

function checkBase(item: KmopItemBase, path: string): void {
  check(
    typeof item.id === 'string' && item.id.length > 0,
    `${path}.id is empty`,
  );
  check(HEALTHS.includes(item.health), `${path}.health is ${item.health}`);
  check(
    typeof item.healthReason === 'string' && item.healthReason.length > 0,
    `${path}.healthReason is empty`,
  );
  // The safety net in defineNormalizer must never be what catches a bad object.
  check(
    !item.healthReason.startsWith('Internal error'),
    `${path}: ${item.healthReason}`,
  );
  checkStrings(item.badges, `${path}.badges`);
  const s = item.source;
  check(isRecord(s), `${path}.source is missing`);
  for (const key of ['cluster', 'apiVersion', 'kind', 'name'] as const) {
    check(typeof s[key] === 'string', `${path}.source.${key} is not a string`);
  }
  check(
    s.namespace === undefined || typeof s.namespace === 'string',
    `${path}.source.namespace is not a string`,
  );
}

function checkShares(shares: number[], path: string): void {
  shares.forEach((share, i) =>
    check(share >= 0 && share <= 1, `${path}[${i}].share is ${share}`),
  );
  const total = shares.reduce((sum, share) => sum + share, 0);
  check(
    total === 0 || Math.abs(total - 1) < 1e-9,
    `${path} shares add up to ${total}`,
  );
}

function checkWellFormed(items: NormalizedItems): void {
  check(
    Object.keys(items).sort().join() === 'resilience,rollouts,routes,slos',
    `sections are ${Object.keys(items)}`,
  );
  checkJsonLike(items, 'items');
  for (const section of VIEW_SECTIONS) {
    const list: KmopItemBase[] = items[section];
    check(Array.isArray(list), `${section} is not an array`);
    list.forEach((item, i) => checkBase(item, `${section}[${i}]`));
  }
  items.routes.forEach((route, i) => {
    checkStrings(route.hostnames, `routes[${i}].hostnames`);
    check(Array.isArray(route.parents), `routes[${i}].parents is not an array`);
    check(Array.isArray(route.rules), `routes[${i}].rules is not an array`);
    route.rules.forEach((rule, j) => {
      const path = `routes[${i}].rules[${j}]`;
      check(Array.isArray(rule.matches), `${path}.matches is not an array`);
      check(Array.isArray(rule.backends), `${path}.backends is not an array`);
      rule.backends.forEach((b, k) =>
        check(
          b.weight === undefined || b.weight >= 0,
          `${path}.backends[${k}].weight is ${b.weight}`,
        ),
      );
      const shares = rule.backends.map(b => b.share);
      // Shares come for every backend of a rule or for none (a weight is unknown).
      check(
        shares.every(x => x === undefined) ||
          shares.every(x => x !== undefined),
        `${path}.backends have shares for some backends only`,
      );
      checkShares(
        shares.filter((x): x is number => x !== undefined),
        `${path}.backends`,
      );
    });
  });
  items.slos.forEach((slo, i) => {
    check(
      slo.objective === undefined || (slo.objective > 0 && slo.objective <= 1),
      `slos[${i}].objective is ${slo.objective}`,
    );
    check(
      slo.window === undefined || typeof slo.window === 'string',
      `slos[${i}].window is not a string`,
    );
    // Without an objective nothing relative to the budget can be known.
    check(
      slo.objective !== undefined ||
        (slo.errorBudget === undefined &&
          slo.errorBudgetRemaining === undefined &&
          slo.alerts.length === 0),
      `slos[${i}] has budget figures without an objective`,
    );
    check(Array.isArray(slo.burnRates), `slos[${i}].burnRates is not an array`);
    check(Array.isArray(slo.alerts), `slos[${i}].alerts is not an array`);
    slo.alerts.forEach((a, j) =>
      check(
        a.threshold > 0,
        `slos[${i}].alerts[${j}].threshold is ${a.threshold}`,
      ),
    );
    check(
      ['prometheus', 'status', 'none'].includes(slo.dataSource),
      `slos[${i}].dataSource is ${slo.dataSource}`,
    );
  });
  items.rollouts.forEach((rollout, i) => {
    check(Array.isArray(rollout.steps), `rollouts[${i}].steps is not an array`);
    checkStrings(rollout.pauseReasons, `rollouts[${i}].pauseReasons`);
    for (const flag of ['aborted', 'paused'] as const) {
      // Absent only on an unknown item: a malformed field said nothing.
      check(
        typeof rollout[flag] === 'boolean' ||
          (rollout[flag] === undefined && rollout.health === 'unknown'),
        `rollouts[${i}].${flag} is ${rollout[flag]}`,
      );
    }
    rollout.steps.forEach((s, j) =>
      check(s.index === j, `rollouts[${i}].steps[${j}].index is ${s.index}`),
    );
  });
  items.resilience.forEach((policy, i) => {
    check(
      Array.isArray(policy.settings),
      `resilience[${i}].settings is not an array`,
    );
    policy.settings.forEach((s, j) => {
      const path = `resilience[${i}].settings[${j}]`;
      check(
        typeof s.summary === 'string' && s.summary.length > 0,
        `${path}.summary is empty`,
      );
      for (const v of Object.values(s.values)) {
        check(
          ['string', 'number', 'boolean'].includes(typeof v),
          `${path}.values has a ${typeof v}`,
        );
      }
    });
  });
}

/** Normalizes through the registry and checks the result; true when it produced any item. */
function normalizesWell(object: unknown): boolean {
  const items = normalizeObject(object, ctx);
  checkWellFormed(items);
  return VIEW_SECTIONS.some(section => items[section].length > 0);
}

/** Every path to a value inside an object, as key lists. */
function pathsOf(
  value: unknown,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  if (Array.isArray(value)) {
    return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  }
  if (isRecord(value)) {
    return [
      prefix,
      ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k])),
    ];
  }
  return [prefix];
}

function replaceAt(
  root: unknown,
  path: (string | number)[],
  replacement: unknown,
): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as typeof parent;
  parent[path[path.length - 1]] = replacement;
  return copy;
}

/** Random leaves of the same JSON type as `model`. */
function sameTypeAs(model: unknown): fc.Arbitrary<unknown> {
  if (typeof model === 'number') {
    return fc.oneof(
      fc.integer({ min: -5, max: 200 }),
      fc.double(),
      fc.integer(),
    );
  }
  if (typeof model === 'boolean') return fc.boolean();
  return fc.oneof(
    fc.string(),
    fc.constantFrom('', '0', '30d', '99.9', 'True', 'False', '5m', '-1'),
  );
}

/** Random values shaped like `model`: the same keys (deeper ones may go), random leaves of any type. */
function shapedLike(model: unknown, depth = 0): fc.Arbitrary<unknown> {
  const wild = fc.anything({ maxDepth: 2 });
  if (Array.isArray(model)) {
    const element = model.length > 0 ? shapedLike(model[0], depth + 1) : wild;
    return fc.oneof(fc.array(element, { maxLength: 4 }), wild);
  }
  if (isRecord(model)) {
    const fields: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of Object.entries(model))
      fields[k] = shapedLike(v, depth + 1);
    // Top-level sections stay so that most objects get past metadata; deeper keys may go.
    const record = fc.record(fields, depth < 2 ? {} : { requiredKeys: [] });
    return depth === 0
      ? record
      : fc.oneof(
          { weight: 4, arbitrary: record },
          { weight: 1, arbitrary: wild },
        );
  }
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(model) },
    { weight: 3, arbitrary: sameTypeAs(model) },
    { weight: 1, arbitrary: wild },
  );
}

/** Keeps apiVersion and kind so that the registry dispatches the object. */
function withHeader(
  header: { apiVersion: string; kind: string },
  body: unknown,
): unknown {
  return isRecord(body) ? { ...body, ...header } : body;
}

describe('every normalizer, on random input', () => {
  it('covers all 19 exported normalizers', () => {
    expect(NORMALIZERS).toHaveLength(19);
  });

  it('turns anything that is not an object into one unknown item', () => {
    let runs = 0;
    fc.assert(
      fc.property(fc.anything(), value => {
        for (const [name, normalize] of NORMALIZERS) {
          const items = normalize(value, ctx);
          check(Array.isArray(items), `${name} returned no array`);
          items.forEach((item, i) => checkBase(item, `${name}[${i}]`));
          checkJsonLike(items, name);
          check(
            isRecord(value) ||
              (items.length === 1 && items[0].health === 'unknown'),
            `${name} did not return one unknown item`,
          );
        }
        normalizesWell(value);
        runs += 1;
      }),
      RUNS,
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS.numRuns);
  });

  it('handles any object carrying the apiVersion and kind of a supported kind', () => {
    let produced = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...KIND_HEADERS),
        fc.oneof(
          fc.object(),
          fc.dictionary(
            fc.constantFrom('metadata', 'spec', 'status'),
            fc.anything(),
          ),
        ),
        (header, body) => {
          if (normalizesWell(withHeader(header, body))) produced += 1;
        },
      ),
      RUNS,
    );
    // Only Microservice feeds nothing, so most runs must have reached a normalizer.
    expect(produced).toBeGreaterThan(RUNS.numRuns / 2);
  });

  it.each(ALL_FIXTURES)(
    'handles objects shaped like %s with random field values',
    (_, fixture) => {
      const { apiVersion, kind } = fixture as {
        apiVersion: string;
        kind: string;
      };
      let produced = 0;
      fc.assert(
        fc.property(shapedLike(fixture), body => {
          if (normalizesWell(withHeader({ apiVersion, kind }, body)))
            produced += 1;
        }),
        { numRuns: 60 },
      );
      expect(produced).toBeGreaterThan(0);
    },
  );

  it('handles realistic objects with one random path replaced or removed', () => {
    const cases = ALL_FIXTURES.map(([name, fixture]) => ({
      name,
      fixture,
      paths: pathsOf(fixture),
    }));
    let produced = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.nat(),
        fc.oneof(fc.anything(), fc.constant(undefined), fc.constant(null)),
        ({ fixture, paths }, pick, replacement) => {
          const mutated = replaceAt(
            fixture,
            paths[pick % paths.length],
            replacement,
          );
          if (normalizesWell(mutated)) produced += 1;
        },
      ),
      { numRuns: 2000 },
    );
    expect(produced).toBeGreaterThan(1000);
  });

  it('reads every realistic fixture without calling it malformed', () => {
    const malformed = ALL_FIXTURES.flatMap(([name, fixture]) => {
      const items = normalizeObject(fixture, ctx);
      checkWellFormed(items);
      return VIEW_SECTIONS.flatMap(section =>
        (items[section] as KmopItemBase[])
          .filter(item => item.healthReason.startsWith('Malformed'))
          .map(item => `${name}: ${item.healthReason}`),
      );
    });
    // The one fixture that lacks metadata.name on purpose.
    expect(malformed).toEqual([
      'ingresses.unknown: Malformed Ingress: metadata.name is missing',
    ]);
  });
});
