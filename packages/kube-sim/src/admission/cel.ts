import { CelResult, celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { isObject } from '../types';

type Schema = Record<string, unknown>;
type Program = (bindings: Record<string, unknown>) => CelResult;

/** One `x-kubernetes-validations` entry, compiled once per schema node. */
export interface CelRule {
  rule: string;
  message?: string;
  reason: string;
  fieldPath?: string;
  /** A transition rule: it compares with the old object and runs on updates only. */
  usesOldSelf: boolean;
  optionalOldSelf: boolean;
  program?: Program;
  messageProgram?: Program;
  /** Why the rule could not be compiled. */
  compileError?: string;
}

// Kubernetes' CEL environment adds extension libraries; the strings one is the common
// need (lowerAscii, split, replace…). Lists, regex, quantity and URL libraries are not here.
const env = celEnv({ funcs: strings });
const cache = new WeakMap<Schema, CelRule[]>();

function compile(expression: string): Program {
  const program = plan(env, parse(expression));
  return bindings => program(bindings as never);
}

/** The rules a schema node declares, compiled (cached per node). */
export function compiledRules(schema: Schema): CelRule[] {
  let rules = cache.get(schema);
  if (rules) return rules;
  const declared = schema['x-kubernetes-validations'];
  rules = (Array.isArray(declared) ? declared : [])
    .filter(isObject)
    .map(raw => {
      const rule: CelRule = {
        rule: String(raw.rule ?? ''),
        message: typeof raw.message === 'string' ? raw.message : undefined,
        reason:
          typeof raw.reason === 'string' ? raw.reason : 'FieldValueInvalid',
        fieldPath:
          typeof raw.fieldPath === 'string' ? raw.fieldPath : undefined,
        usesOldSelf: /\boldSelf\b/.test(String(raw.rule ?? '')),
        optionalOldSelf: raw.optionalOldSelf === true,
      };
      try {
        rule.program = compile(rule.rule);
        if (typeof raw.messageExpression === 'string') {
          rule.messageProgram = compile(raw.messageExpression);
        }
      } catch (e) {
        rule.compileError = (e as Error).message;
      }
      return rule;
    });
  cache.set(schema, rules);
  return rules;
}

/** Compile errors of every rule in a schema tree, with where they are: for CRD writes. */
export function ruleCompileErrors(
  schema: unknown,
  path: string,
): Array<{ field: string; message: string }> {
  if (!isObject(schema)) return [];
  const errors: Array<{ field: string; message: string }> = [];
  compiledRules(schema).forEach((rule, i) => {
    if (rule.compileError) {
      errors.push({
        field: `${path}.x-kubernetes-validations[${i}].rule`,
        message: `Invalid value: ${JSON.stringify(
          rule.rule,
        )}: compilation failed: ${rule.compileError}`,
      });
    }
  });
  const walk = (key: string, sub: unknown) =>
    errors.push(...ruleCompileErrors(sub, `${path}.${key}`));
  if (isObject(schema.properties)) {
    for (const [k, v] of Object.entries(schema.properties)) {
      walk(`properties[${k}]`, v);
    }
  }
  walk('items', schema.items);
  walk('additionalProperties', schema.additionalProperties);
  return errors;
}

/**
 * A JSON value as CEL sees it under its schema: `integer` fields are CEL ints (bigint),
 * `number` fields doubles, objects with declared properties objects, maps maps.
 */
export function toCel(schema: unknown, value: unknown): unknown {
  const s = isObject(schema) ? schema : {};
  if (typeof value === 'number') {
    const integer =
      s.type === 'integer' ||
      s['x-kubernetes-int-or-string'] === true ||
      (s.type === undefined && Number.isInteger(value));
    return integer && Number.isInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) {
    return value.map(item => toCel(s.items, item));
  }
  if (isObject(value)) {
    const properties = isObject(s.properties) ? s.properties : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null) continue;
      out[k] = toCel(properties[k] ?? s.additionalProperties, v);
    }
    return isObject(s.properties) ? out : new Map(Object.entries(out));
  }
  return value;
}

/** Runs a rule on a value; the failure message, or undefined when it holds (or does not apply). */
export function evaluateRule(
  rule: CelRule,
  schema: Schema,
  value: unknown,
  old: { value: unknown } | undefined,
): string | undefined {
  if (rule.compileError || !rule.program) {
    return `rule compile error: ${rule.compileError}`;
  }
  if (rule.usesOldSelf && !old && !rule.optionalOldSelf) {
    return undefined;
  }
  const bindings: Record<string, unknown> = { self: toCel(schema, value) };
  if (rule.usesOldSelf) {
    bindings.oldSelf = old ? toCel(schema, old.value) : null;
  }
  const result = rule.program(bindings);
  if (isCelError(result)) {
    return `${rule.rule}: evaluation error: ${result.message}`;
  }
  if (result === true) {
    return undefined;
  }
  if (rule.messageProgram) {
    const message = rule.messageProgram(bindings);
    if (!isCelError(message) && typeof message === 'string' && message) {
      return message;
    }
  }
  return rule.message ?? `failed rule: ${rule.rule}`;
}
