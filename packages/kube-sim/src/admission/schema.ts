import { isObject } from '../types';
import { CelRule, compiledRules, evaluateRule } from './cel';

/** One field error, as Kubernetes' `field.Error` turns into a Status cause. */
export interface Cause {
  field: string;
  message: string;
  reason: string;
}

type Schema = Record<string, unknown>;

/** The old object, when the write is an update: transition rules (`oldSelf`) see it. */
interface Old {
  value: unknown;
}

const regexCache = new Map<string, RegExp | null>();

/** Go's RE2 patterns as JavaScript reads them; a pattern JS cannot read is not checked. */
function regex(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    regexCache.set(pattern, re);
  }
  return re;
}

/** The JSON type name Kubernetes reports for a value. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

/** `"text"` for strings, the number for numbers: how field errors quote a value. */
function quoted(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(jsonType(value));
}

function typeMatches(type: unknown, value: unknown, schema: Schema): boolean {
  if (schema['x-kubernetes-int-or-string'] === true) {
    return (
      typeof value === 'string' ||
      (typeof value === 'number' && Number.isInteger(value))
    );
  }
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

function child(path: string, key: string) {
  if (!path) return key;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${key}]`;
}

/**
 * Validates a value against a CRD's structural OpenAPI v3 schema, as the apiextensions
 * API server does: types, required, enum, bounds, lengths, patterns, item counts, list
 * types, value validations (allOf/anyOf/oneOf/not) and `x-kubernetes-validations` CEL
 * rules. Messages and reasons follow Kubernetes' field errors. Unknown fields are not
 * errors (the API server prunes them). Returns whether the subtree was valid.
 */
export function validateValue(
  schema: Schema,
  value: unknown,
  path: string,
  causes: Cause[],
  old?: Old,
): boolean {
  const before = causes.length;
  const type = schema.type;
  if (!typeMatches(type, value, schema)) {
    const expected =
      schema['x-kubernetes-int-or-string'] === true
        ? 'integer,string'
        : String(type);
    causes.push({
      field: path,
      message: `Invalid value: ${quoted(
        jsonType(value),
      )}: ${path} in body must be of type ${expected}: ${quoted(
        jsonType(value),
      )}`,
      reason: 'FieldValueTypeInvalid',
    });
    return false;
  }
  checkEnum(schema, value, path, causes);
  if (typeof value === 'string') {
    checkString(schema, value, path, causes);
  } else if (typeof value === 'number') {
    checkNumber(schema, value, path, causes);
  } else if (Array.isArray(value)) {
    checkArray(schema, value, path, causes, old);
  } else if (isObject(value)) {
    checkObject(schema, value, path, causes, old);
  }
  checkCombinators(schema, value, path, causes);
  // Rules assume a well-formed value; on a subtree with errors they would only add noise.
  if (causes.length === before) {
    checkRules(schema, value, path, causes, old);
  }
  return causes.length === before;
}

function checkEnum(
  schema: Schema,
  value: unknown,
  path: string,
  causes: Cause[],
) {
  const values = schema.enum;
  if (!Array.isArray(values)) return;
  if (!values.some(v => JSON.stringify(v) === JSON.stringify(value))) {
    causes.push({
      field: path,
      message: `Unsupported value: ${quoted(value)}: supported values: ${values
        .map(v => quoted(v))
        .join(', ')}`,
      reason: 'FieldValueNotSupported',
    });
  }
}

function checkString(
  schema: Schema,
  value: string,
  path: string,
  causes: Cause[],
) {
  const length = [...value].length;
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
    causes.push({
      field: path,
      message: `Too long: may not be more than ${schema.maxLength} bytes`,
      reason: 'FieldValueTooLong',
    });
  }
  if (typeof schema.minLength === 'number' && length < schema.minLength) {
    causes.push({
      field: path,
      message: `Invalid value: ${quoted(
        value,
      )}: ${path} in body should be at least ${schema.minLength} chars long`,
      reason: 'FieldValueInvalid',
    });
  }
  const re =
    typeof schema.pattern === 'string' ? regex(schema.pattern) : undefined;
  if (re && !re.test(value)) {
    causes.push({
      field: path,
      message: `Invalid value: ${quoted(
        value,
      )}: ${path} in body should match '${String(schema.pattern)}'`,
      reason: 'FieldValueInvalid',
    });
  }
}

function checkNumber(
  schema: Schema,
  value: number,
  path: string,
  causes: Cause[],
) {
  const invalid = (should: string) =>
    causes.push({
      field: path,
      message: `Invalid value: ${value}: ${path} in body should be ${should}`,
      reason: 'FieldValueInvalid',
    });
  const { minimum, maximum, multipleOf } = schema;
  if (typeof minimum === 'number') {
    if (schema.exclusiveMinimum === true && value <= minimum) {
      invalid(`greater than ${minimum}`);
    } else if (value < minimum) {
      invalid(`greater than or equal to ${minimum}`);
    }
  }
  if (typeof maximum === 'number') {
    if (schema.exclusiveMaximum === true && value >= maximum) {
      invalid(`less than ${maximum}`);
    } else if (value > maximum) {
      invalid(`less than or equal to ${maximum}`);
    }
  }
  if (
    typeof multipleOf === 'number' &&
    multipleOf > 0 &&
    !Number.isInteger(value / multipleOf)
  ) {
    invalid(`a multiple of ${multipleOf}`);
  }
}

function listMapKey(item: unknown, keys: string[]) {
  const obj = isObject(item) ? item : {};
  return JSON.stringify(keys.map(k => obj[k] ?? null));
}

function checkArray(
  schema: Schema,
  value: unknown[],
  path: string,
  causes: Cause[],
  old: Old | undefined,
) {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    causes.push({
      field: path,
      message: `Invalid value: ${value.length}: ${path} in body should have at least ${schema.minItems} items`,
      reason: 'FieldValueInvalid',
    });
  }
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    causes.push({
      field: path,
      message: `Too many: ${value.length}: must have at most ${schema.maxItems} items`,
      reason: 'FieldValueTooMany',
    });
  }
  const listType = schema['x-kubernetes-list-type'];
  const mapKeys = Array.isArray(schema['x-kubernetes-list-map-keys'])
    ? (schema['x-kubernetes-list-map-keys'] as string[])
    : [];
  const oldItems =
    old && Array.isArray(old.value) && listType === 'map'
      ? new Map(old.value.map(item => [listMapKey(item, mapKeys), item]))
      : undefined;
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (listType === 'set' || listType === 'map') {
      const key =
        listType === 'map' ? listMapKey(item, mapKeys) : JSON.stringify(item);
      if (seen.has(key)) {
        causes.push({
          field: at,
          message: `Duplicate value: ${
            listType === 'map' && isObject(item)
              ? JSON.stringify(
                  Object.fromEntries(mapKeys.map(k => [k, item[k]])),
                )
              : quoted(item)
          }`,
          reason: 'FieldValueDuplicate',
        });
      }
      seen.add(key);
    }
    if (isObject(schema.items)) {
      const key = listMapKey(item, mapKeys);
      validateValue(
        schema.items,
        item,
        at,
        causes,
        oldItems?.has(key) ? { value: oldItems.get(key) } : undefined,
      );
    }
  });
}

function checkObject(
  schema: Schema,
  value: Record<string, unknown>,
  path: string,
  causes: Cause[],
  old: Old | undefined,
) {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const oldObj = old && isObject(old.value) ? old.value : undefined;
  for (const name of Array.isArray(schema.required) ? schema.required : []) {
    const v = value[name];
    if (v === undefined || (v === null && !isNullable(properties[name]))) {
      causes.push({
        field: child(path, String(name)),
        message: 'Required value',
        reason: 'FieldValueRequired',
      });
    }
  }
  const count = Object.keys(value).length;
  if (
    typeof schema.maxProperties === 'number' &&
    count > schema.maxProperties
  ) {
    causes.push({
      field: path,
      message: `Too many: ${count}: must have at most ${schema.maxProperties} items`,
      reason: 'FieldValueTooMany',
    });
  }
  if (
    typeof schema.minProperties === 'number' &&
    count < schema.minProperties
  ) {
    causes.push({
      field: path,
      message: `Invalid value: ${count}: ${path} in body should have at least ${schema.minProperties} properties`,
      reason: 'FieldValueInvalid',
    });
  }
  const additional = isObject(schema.additionalProperties)
    ? schema.additionalProperties
    : undefined;
  for (const [key, v] of Object.entries(value)) {
    const sub = isObject(properties[key]) ? properties[key] : additional;
    // metadata is the API server's to check; null in a non-nullable field is dropped.
    if (!sub || (path === '' && key === 'metadata')) continue;
    if (v === null && !isNullable(sub)) continue;
    const at = isObject(properties[key]) ? child(path, key) : `${path}[${key}]`;
    validateValue(
      sub,
      v,
      at,
      causes,
      oldObj && key in oldObj ? { value: oldObj[key] } : undefined,
    );
  }
}

function isNullable(schema: unknown) {
  return isObject(schema) && schema.nullable === true;
}

function checkCombinators(
  schema: Schema,
  value: unknown,
  path: string,
  causes: Cause[],
) {
  const passes = (s: unknown) =>
    isObject(s) && validateValue(s, value, path, []);
  const shown = `Invalid value: ${quoted(value)}: ${path} in body`;
  if (Array.isArray(schema.allOf)) {
    for (const s of schema.allOf) {
      if (isObject(s)) validateValue(s, value, path, causes);
    }
  }
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some(passes)) {
    causes.push({
      field: path,
      message: `${shown} must validate at least one schema (anyOf)`,
      reason: 'FieldValueInvalid',
    });
  }
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter(passes).length !== 1) {
    causes.push({
      field: path,
      message: `${shown} must validate one and only one schema (oneOf)`,
      reason: 'FieldValueInvalid',
    });
  }
  if (isObject(schema.not) && passes(schema.not)) {
    causes.push({
      field: path,
      message: `${shown} must not validate the schema (not)`,
      reason: 'FieldValueInvalid',
    });
  }
}

function checkRules(
  schema: Schema,
  value: unknown,
  path: string,
  causes: Cause[],
  old: Old | undefined,
) {
  const rules: CelRule[] = compiledRules(schema);
  for (const rule of rules) {
    const failure = evaluateRule(rule, schema, value, old);
    if (!failure) continue;
    const field = rule.fieldPath
      ? `${path}${
          rule.fieldPath.startsWith('[') ? '' : '.'
        }${rule.fieldPath.replace(/^\./, '')}`
      : path;
    const typeName = JSON.stringify(String(schema.type ?? jsonType(value)));
    const prefix: Record<string, string> = {
      FieldValueRequired: 'Required value',
      FieldValueForbidden: 'Forbidden',
      FieldValueDuplicate: `Duplicate value: ${typeName}`,
      FieldValueInvalid: `Invalid value: ${typeName}`,
    };
    causes.push({
      field,
      message: `${prefix[rule.reason] ?? prefix.FieldValueInvalid}: ${failure}`,
      reason: rule.reason,
    });
  }
}
