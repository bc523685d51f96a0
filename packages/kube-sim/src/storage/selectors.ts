import { ApiError } from '../errors';
import { KubeObject } from '../types';

/** One clause of a label selector. */
export type LabelRequirement =
  | { key: string; op: 'exists' | 'notExists' }
  | { key: string; op: 'in' | 'notIn'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

/** One clause of a field selector. */
export interface FieldRequirement {
  field: 'metadata.name' | 'metadata.namespace';
  op: 'equals' | 'notEquals';
  value: string;
}

/** A parsed list/watch filter; empty arrays match everything. */
export interface Selector {
  labels: LabelRequirement[];
  fields: FieldRequirement[];
}

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function parseError(selector: string, message: string): ApiError {
  return ApiError.badRequest(
    `unable to parse requirement: ${message} (in selector "${selector}")`,
  );
}

function checkKey(selector: string, key: string) {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (
    !NAME_PART.test(name) ||
    (prefix !== undefined && !(prefix.length <= 253 && PREFIX.test(prefix)))
  ) {
    throw parseError(selector, `invalid label key "${key}"`);
  }
}

function checkValue(selector: string, value: string) {
  if (value !== '' && !NAME_PART.test(value)) {
    throw parseError(selector, `invalid label value: "${value}"`);
  }
}

/** Splits on commas that are not inside parentheses. */
function splitClauses(selector: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      clauses.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  clauses.push(selector.slice(start));
  return clauses.map(c => c.trim());
}

const SET_CLAUSE = /^(\S+)\s+(in|notin)\s*\((.*)\)$/;
const COMPARE_CLAUSE = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/;

function parseClause(selector: string, clause: string): LabelRequirement {
  if (clause === '') {
    throw parseError(selector, 'found empty requirement');
  }
  if (clause.startsWith('!')) {
    const key = clause.slice(1).trim();
    checkKey(selector, key);
    return { key, op: 'notExists' };
  }
  const set = SET_CLAUSE.exec(clause);
  if (set) {
    const [, key, op, list] = set;
    checkKey(selector, key);
    if (list.trim() === '') {
      throw parseError(
        selector,
        `for 'in', 'notin' operators, values set can't be empty`,
      );
    }
    const values = list.split(',').map(v => v.trim());
    values.forEach(v => checkValue(selector, v));
    return { key, op: op === 'in' ? 'in' : 'notIn', values };
  }
  const compare = COMPARE_CLAUSE.exec(clause);
  if (compare) {
    const [, key, op, rawValue] = compare;
    const value = rawValue.trim();
    checkKey(selector, key);
    if (op === '>' || op === '<') {
      const n = Number(value);
      if (value === '' || !Number.isInteger(n)) {
        throw parseError(
          selector,
          `for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
      return { key, op: op === '>' ? 'gt' : 'lt', value: n };
    }
    checkValue(selector, value);
    return { key, op: op === '!=' ? 'notIn' : 'in', values: [value] };
  }
  if (/^\S+$/.test(clause)) {
    checkKey(selector, clause);
    return { key: clause, op: 'exists' };
  }
  throw parseError(selector, `unexpected "${clause}"`);
}

/** Parses a `labelSelector` query parameter (equality- and set-based). */
export function parseLabelSelector(
  selector: string | undefined,
): LabelRequirement[] {
  if (selector === undefined || selector.trim() === '') {
    return [];
  }
  return splitClauses(selector).map(c => parseClause(selector, c));
}

/** Parses a `fieldSelector`; only metadata.name and metadata.namespace are indexed, as for most kinds. */
export function parseFieldSelector(
  selector: string | undefined,
): FieldRequirement[] {
  if (selector === undefined || selector.trim() === '') {
    return [];
  }
  return selector.split(',').map(raw => {
    const clause = raw.trim();
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(clause);
    if (!m) {
      throw ApiError.badRequest(
        `invalid selector: '${selector}'; can't understand '${clause}'`,
      );
    }
    const [, field, op, value] = m;
    if (field !== 'metadata.name' && field !== 'metadata.namespace') {
      throw ApiError.badRequest(`field label not supported: ${field}`);
    }
    return {
      field,
      op: op === '!=' ? 'notEquals' : 'equals',
      value: value.trim(),
    };
  });
}

/** Parses both selectors of a list or watch request. */
export function parseSelector(
  labelSelector?: string,
  fieldSelector?: string,
): Selector {
  return {
    labels: parseLabelSelector(labelSelector),
    fields: parseFieldSelector(fieldSelector),
  };
}

export function isEmptySelector(selector: Selector) {
  return selector.labels.length === 0 && selector.fields.length === 0;
}

function matchesLabel(
  labels: Record<string, string> | undefined,
  r: LabelRequirement,
): boolean {
  const has =
    labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.op) {
    case 'exists':
      return has;
    case 'notExists':
      return !has;
    case 'in':
      return has && r.values.includes(value as string);
    case 'notIn':
      return !has || !r.values.includes(value as string);
    case 'gt':
    case 'lt': {
      const n = Number(value);
      if (!has || value === '' || !Number.isInteger(n)) {
        return false;
      }
      return r.op === 'gt' ? n > r.value : n < r.value;
    }
    default:
      return false;
  }
}

/** Whether an object passes every requirement of the selector. */
export function matchesSelector(obj: KubeObject, selector: Selector): boolean {
  for (const f of selector.fields) {
    const actual =
      (f.field === 'metadata.name'
        ? obj.metadata.name
        : obj.metadata.namespace) ?? '';
    if ((actual === f.value) !== (f.op === 'equals')) {
      return false;
    }
  }
  const labels = obj.metadata.labels;
  return selector.labels.every(r => matchesLabel(labels, r));
}
