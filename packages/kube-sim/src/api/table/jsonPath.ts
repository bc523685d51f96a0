import { isObject } from '../../types';

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: string[]; op: '==' | '!='; value: unknown };

/** Reads `a.b\.c` into ['a', 'b.c']: printer columns escape dots in label keys. */
function splitPath(text: string): string[] {
  const names: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (c === '.') {
      if (current) names.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  if (current) names.push(current);
  return names;
}

function literal(text: string): unknown {
  const t = text.trim();
  if (/^(['"]).*\1$/.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  return Number.isNaN(n) ? t : n;
}

const cache = new Map<string, Step[] | null>();

/**
 * Parses the JSONPath subset CRD printer columns use (`.spec.replicas`,
 * `.metadata.labels.app\.kubernetes\.io/name`, `['key']`, `[0]`, `[*]`,
 * `[?(@.type=="Ready")]`); `{…}` braces are optional. Null when it cannot read it.
 */
export function parseJsonPath(expression: string): Step[] | null {
  const cached = cache.get(expression);
  if (cached !== undefined) return cached;
  let text = expression.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
  if (text.startsWith('$')) text = text.slice(1);
  const steps: Step[] = [];
  let i = 0;
  let ok = true;
  while (i < text.length && ok) {
    if (text[i] === '[') {
      const end = text.indexOf(
        ']',
        text.startsWith('[?(', i) ? text.indexOf(')]', i) : i,
      );
      if (end < 0) {
        ok = false;
        break;
      }
      const inner = text.slice(i + 1, end);
      i = end + 1;
      const filter = /^\?\(@\.([^=!]+?)\s*(==|!=)\s*(.+)\)$/.exec(inner);
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner))
        steps.push({ kind: 'index', index: Number(inner) });
      else if (/^(['"]).*\1$/.test(inner))
        steps.push({ kind: 'field', name: inner.slice(1, -1) });
      else if (filter) {
        steps.push({
          kind: 'filter',
          path: splitPath(filter[1]),
          op: filter[2] as '==' | '!=',
          value: literal(filter[3]),
        });
      } else ok = false;
      continue;
    }
    // A run of dotted names up to the next bracket.
    let j = i;
    while (j < text.length && text[j] !== '[') {
      j += text[j] === '\\' ? 2 : 1;
    }
    for (const name of splitPath(text.slice(i, j))) {
      steps.push({ kind: 'field', name });
    }
    i = j;
  }
  const result = ok ? steps : null;
  cache.set(expression, result);
  return result;
}

function at(value: unknown, path: string[]): unknown {
  let v = value;
  for (const name of path) {
    v = isObject(v) ? v[name] : undefined;
  }
  return v;
}

/** Every value the path reaches in `root`, in order. */
export function evaluateJsonPath(steps: Step[], root: unknown): unknown[] {
  let values: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of values) {
      if (step.kind === 'field') {
        if (isObject(v) && v[step.name] !== undefined) next.push(v[step.name]);
      } else if (step.kind === 'index') {
        if (Array.isArray(v)) {
          const item = v[step.index < 0 ? v.length + step.index : step.index];
          if (item !== undefined) next.push(item);
        }
      } else if (step.kind === 'all') {
        if (Array.isArray(v)) next.push(...v);
        else if (isObject(v)) next.push(...Object.values(v));
      } else if (Array.isArray(v)) {
        for (const item of v) {
          const equal = at(item, step.path) === step.value;
          if (equal === (step.op === '==')) next.push(item);
        }
      }
    }
    values = next;
  }
  return values;
}
