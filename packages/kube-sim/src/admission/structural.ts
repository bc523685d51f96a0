import { isObject } from '../types';

type Schema = Record<string, unknown>;

function isNullable(schema: unknown) {
  return isObject(schema) && schema.nullable === true;
}

/**
 * What the apiextensions API server does to a custom resource before validating it:
 * fields its structural schema does not declare are pruned (unless a node says
 * `x-kubernetes-preserve-unknown-fields`), nulls in non-nullable fields are dropped, and
 * `default`s fill fields that are absent. Works in place; returns the paths pruned.
 */
export function pruneAndDefault(
  schema: Schema,
  value: unknown,
  path = '',
  pruned: string[] = [],
): string[] {
  if (Array.isArray(value)) {
    if (isObject(schema.items)) {
      const items = schema.items;
      value.forEach((item, i) => {
        if (isObject(items.default) && item === null) {
          value[i] = structuredClone(items.default);
        }
        pruneAndDefault(items, value[i], `${path}[${i}]`, pruned);
      });
    }
    return pruned;
  }
  if (!isObject(value)) {
    return pruned;
  }
  const properties = isObject(schema.properties) ? schema.properties : {};
  const additional = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    // The root's (and embedded objects') type fields and metadata are the server's own.
    if (
      (path === '' || embedded) &&
      ['apiVersion', 'kind', 'metadata'].includes(key)
    ) {
      continue;
    }
    let sub: Schema | undefined;
    if (isObject(properties[key])) {
      sub = properties[key];
    } else if (isObject(additional)) {
      sub = additional;
    }
    if (!sub) {
      if (!preserve && additional !== true) {
        delete value[key];
        pruned.push(at);
      }
      continue;
    }
    if (value[key] === null && !isNullable(sub)) {
      delete value[key];
      continue;
    }
    pruneAndDefault(sub, value[key], at, pruned);
  }
  for (const [key, sub] of Object.entries(properties)) {
    if (
      value[key] === undefined &&
      isObject(sub) &&
      sub.default !== undefined
    ) {
      value[key] = structuredClone(sub.default);
      pruneAndDefault(sub, value[key], path ? `${path}.${key}` : key, pruned);
    }
  }
  return pruned;
}
