/**
 * Safe readers for untrusted Kubernetes objects.
 *
 * Objects come from clusters we do not control, so every read checks the type it finds.
 * An absent (or `null`) field reads as `undefined`; a field of the wrong type also reads as
 * `undefined` and is recorded as an issue, so a normalizer can mark the object malformed
 * instead of crashing or silently showing half the data.
 */

/** A Kubernetes condition as found in `status.conditions`. */
export interface KubeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

import { isRecord } from '../util/isRecord';

// The readers are built on the record check; offered here too for code that reads objects.
export { isRecord };

/** The JSON type name of a value, for messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The JSON type a reader expected where it found another. */
export type ExpectedType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'intOrString'
  | 'object'
  | 'array';

/** A field of the wrong type: where it is (keys from the root) and what was expected. */
export interface BadField {
  path: (string | number)[];
  expected: ExpectedType;
}

/** A dotted path (`spec.rules`), or literal keys for keys that contain dots (labels, annotations). */
export type Path = string | readonly string[];

function pathText(path: Path): string {
  return typeof path === 'string' ? path : path.join('.');
}

// Paths are literals in the normalizers, so a few hundred distinct strings; splitting one on
// every read was a tenth of a cold start's normalizing.
const splitPaths = new Map<string, readonly string[]>();

function pathKeys(path: Path): readonly string[] {
  if (typeof path !== 'string') return path;
  let keys = splitPaths.get(path);
  if (!keys) {
    keys = path ? path.split('.') : [];
    // Bounded all the same, should a caller build paths from data.
    if (splitPaths.size < 10_000) splitPaths.set(path, keys);
  }
  return keys;
}

/** A short rendering of a value for messages: numbers and strings as written, else the type. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return typeName(value);
}

function joinPath(base: string, path: string): string {
  if (!base) return path;
  if (!path) return base;
  return path.startsWith('[') ? `${base}${path}` : `${base}.${path}`;
}

/**
 * Reads fields of one object by dotted path (`spec.rules`), recording type problems in an
 * issue list shared with every child reader made from it.
 */
export class Reader {
  private constructor(
    readonly value: unknown,
    /** Path of `value` from the root object, used in issue messages. */
    readonly path: string,
    private readonly issueList: string[],
    /** Keys of `value` from the root object. */
    private readonly keyPath: (string | number)[] = [],
    private readonly badList: BadField[] = [],
  ) {}

  /** A reader for a whole object, with a fresh issue list. */
  static root(value: unknown): Reader {
    return new Reader(value, '', [], [], []);
  }

  /** Fields found with the wrong type so far (a subset of {@link Reader.issues}). */
  get badFields(): readonly BadField[] {
    return this.badList;
  }

  private child(value: unknown, path: Path, extra: (string | number)[] = []) {
    return new Reader(
      value,
      joinPath(this.path, pathText(path)) + extra.map(k => `[${k}]`).join(''),
      this.issueList,
      [...this.keyPath, ...pathKeys(path), ...extra],
      this.badList,
    );
  }

  private noteType(keys: readonly (string | number)[], expected: ExpectedType) {
    const path = [...this.keyPath, ...keys];
    const same = (b: BadField) =>
      b.path.length === path.length && b.path.every((k, i) => k === path[i]);
    if (!this.badList.some(same)) this.badList.push({ path, expected });
  }

  /** Problems found so far, each naming the field: `spec.rules[1].weight is a string, expected a number`. */
  get issues(): readonly string[] {
    return this.issueList;
  }

  /** Records a problem with the field at `path` (relative to this reader). */
  note(path: Path, problem: string): void {
    const message = `${
      joinPath(this.path, pathText(path)) || 'object'
    } ${problem}`;
    if (!this.issueList.includes(message)) this.issueList.push(message);
  }

  /** The raw value at `path`, or undefined when absent, null or behind a non-object. */
  get(path: Path): unknown {
    let current: unknown = this.value;
    const keys = pathKeys(path);
    for (let depth = 0; depth < keys.length; depth++) {
      if (current === undefined || current === null) return undefined;
      if (!isRecord(current)) {
        // The path walked so far is only needed for the message.
        const walked = keys.slice(0, depth).reduce(joinPath, '');
        this.note(walked, `is ${typeName(current)}, expected an object`);
        this.noteType(keys.slice(0, depth), 'object');
        return undefined;
      }
      const key = keys[depth];
      current = Object.prototype.hasOwnProperty.call(current, key)
        ? current[key]
        : undefined;
    }
    return current === null ? undefined : current;
  }

  /** The own keys of this reader's object ([] when it is not an object). */
  keys(): string[] {
    return isRecord(this.value) ? Object.keys(this.value) : [];
  }

  /** True when the field holds a value (not absent or null). */
  has(path: Path): boolean {
    return this.get(path) !== undefined;
  }

  private typed<T>(
    path: Path,
    expected: string,
    accept: (v: unknown) => v is T,
    type: ExpectedType,
  ): T | undefined {
    const v = this.get(path);
    if (v === undefined) return undefined;
    if (accept(v)) return v;
    this.note(path, `is ${typeName(v)}, expected ${expected}`);
    this.noteType(pathKeys(path), type);
    return undefined;
  }

  /**
   * True when a field of the wrong type was read at `path`, above it or inside it (a bad
   * field reads as undefined, like an absent one, but must never be replaced by a default).
   * Only fields already read count: read before asking.
   */
  isMalformed(path: Path): boolean {
    const keys = [...this.keyPath, ...pathKeys(path)];
    // The field itself, an object it sits in, or anything inside it.
    return this.badList.some(b => {
      const n = Math.min(b.path.length, keys.length);
      return b.path.slice(0, n).every((k, i) => k === keys[i]);
    });
  }

  /**
   * `fallback` only when the field is absent: a malformed field has no value at all, never
   * the default (issue #8: a malformed field never becomes a value).
   */
  orDefault<T>(value: T | undefined, path: Path, fallback: T): T | undefined {
    if (value !== undefined) return value;
    return this.has(path) || this.isMalformed(path) ? undefined : fallback;
  }

  str(path: Path): string | undefined {
    return this.typed(
      path,
      'a string',
      (v): v is string => typeof v === 'string',
      'string',
    );
  }

  /** A finite number. */
  num(path: Path): number | undefined {
    return this.typed(
      path,
      'a finite number',
      (v): v is number => typeof v === 'number' && Number.isFinite(v),
      'number',
    );
  }

  /** A whole number (Kubernetes int32/int64 fields). */
  int(path: Path): number | undefined {
    return this.typed(
      path,
      'an integer',
      (v): v is number => Number.isSafeInteger(v),
      'integer',
    );
  }

  /**
   * A whole number, also when written as a decimal string: proto3 JSON writes int64 fields
   * that way (Istio's `observedGeneration: "3"`).
   */
  intLike(path: Path): number | undefined {
    const v = this.get(path);
    if (typeof v === 'string' && /^-?\d+$/.test(v)) {
      const n = Number(v);
      if (Number.isSafeInteger(n)) return n;
    }
    return this.int(path);
  }

  bool(path: Path): boolean | undefined {
    return this.typed(
      path,
      'a boolean',
      (v): v is boolean => typeof v === 'boolean',
      'boolean',
    );
  }

  /** Kubernetes IntOrString (`1`, `"25%"`). */
  intOrString(path: Path): number | string | undefined {
    return this.typed(
      path,
      'an integer or a string',
      (v): v is number | string =>
        typeof v === 'string' || Number.isSafeInteger(v),
      'intOrString',
    );
  }

  /**
   * Kubernetes IntOrString used as a count or a percentage (`maxSurge`, `minAvailable`):
   * an integer or a string such as `25%`; any other string is recorded.
   */
  intOrPercent(path: Path): number | string | undefined {
    const v = this.intOrString(path);
    if (typeof v !== 'string' || /^\d+%$/.test(v)) return v;
    this.note(path, `is ${show(v)}, expected an integer or a percentage`);
    this.noteType(pathKeys(path), 'intOrString');
    return undefined;
  }

  /** A child reader for an object field, or undefined when absent or not an object. */
  record(path: Path): Reader | undefined {
    const v = this.typed(path, 'an object', isRecord, 'object');
    return v === undefined ? undefined : this.child(v, path);
  }

  /** Child readers for the objects of an array field; elements that are not objects are recorded and skipped. */
  arr(path: Path): Reader[] {
    const list = this.list(path);
    const readers: Reader[] = [];
    list.forEach((item, i) => {
      if (isRecord(item)) {
        readers.push(this.child(item, path, [i]));
      } else if (item !== null) {
        this.note(
          `${pathText(path)}[${i}]`,
          `is ${typeName(item)}, expected an object`,
        );
        this.noteType([...pathKeys(path), i], 'object');
      }
    });
    return readers;
  }

  /** The raw elements of an array field ([] when absent). */
  list(path: Path): unknown[] {
    return (
      this.typed(
        path,
        'an array',
        (v): v is unknown[] => Array.isArray(v),
        'array',
      ) ?? []
    );
  }

  /** An array of strings; other elements are recorded and skipped. */
  strs(path: Path): string[] {
    const out: string[] = [];
    this.list(path).forEach((item, i) => {
      if (typeof item === 'string') out.push(item);
      else {
        this.note(
          `${pathText(path)}[${i}]`,
          `is ${typeName(item)}, expected a string`,
        );
        this.noteType([...pathKeys(path), i], 'string');
      }
    });
    return out;
  }

  /** A string-to-string map such as labels or matchLabels. */
  stringMap(path: Path): Record<string, string> {
    const map = this.record(path);
    const out: Record<string, string> = {};
    for (const key of map?.keys() ?? []) {
      const v = map?.str([key]);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }

  /** Kubernetes conditions at `path` (default `status.conditions`); entries without a type or status are recorded and skipped. */
  conditions(path: Path = 'status.conditions'): KubeCondition[] {
    const out: KubeCondition[] = [];
    for (const c of this.arr(path)) {
      const type = c.str('type');
      const status = c.str('status');
      if (type === undefined || status === undefined) {
        c.note('', 'is a condition without a type or status');
        continue;
      }
      out.push({
        type,
        status,
        reason: c.str('reason'),
        message: c.str('message'),
        observedGeneration: c.intLike('observedGeneration'),
        lastTransitionTime: c.str('lastTransitionTime'),
      });
    }
    return out;
  }
}

/** The condition of the given type, if present. */
export function findCondition(
  conditions: readonly KubeCondition[],
  type: string,
): KubeCondition | undefined {
  return conditions.find(c => c.type === type);
}

/** `Accepted=False (NotAllowedByListeners): listener https does not allow…` */
export function describeCondition(c: KubeCondition): string {
  const reason = c.reason ? ` (${c.reason})` : '';
  const message = c.message ? `: ${c.message}` : '';
  return `${c.type}=${c.status}${reason}${message}`;
}
