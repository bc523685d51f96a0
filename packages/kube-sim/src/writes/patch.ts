import { ApiError } from '../errors';
import { deepEqual } from './json';
import { isObject } from '../types';

/** JSON Merge Patch (RFC 7386). Returns a new value; neither argument is modified. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) {
    return structuredClone(patch);
  }
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = mergePatch(result[key], value);
    }
  }
  return result;
}

/**
 * Merge keys of the built-in kinds' lists, by field name (the same name means the same key
 * across the core types). Lists not named here are replaced whole, as atomic lists are.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  resourceClaims: 'name',
  schedulingGates: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  readinessGates: 'conditionType',
};

/** Primitive lists with patch strategy `merge`: patches add to them. */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') {
    // Container ports merge on containerPort, Service ports on port.
    return items.some(i => isObject(i) && 'containerPort' in i)
      ? 'containerPort'
      : 'port';
  }
  return MERGE_KEYS[field];
}

function keyOf(item: unknown, key: string): string | undefined {
  return isObject(item) && item[key] !== undefined
    ? JSON.stringify(item[key])
    : undefined;
}

function mergeList(
  field: string,
  target: unknown,
  patch: unknown[],
): unknown[] {
  const replace = patch.find(p => isObject(p) && p.$patch === 'replace');
  if (replace) {
    return patch.filter(p => p !== replace).map(stripDirectives);
  }
  const current = Array.isArray(target) ? [...target] : [];
  if (MERGED_PRIMITIVE_LISTS.has(field)) {
    const out = [...current];
    patch.forEach(p => {
      if (!out.some(v => deepEqual(v, p))) out.push(p);
    });
    return out;
  }
  const key = mergeKeyFor(field, [...patch, ...current]);
  if (!key || !patch.every(isObject)) {
    return patch.map(stripDirectives);
  }
  for (const item of patch) {
    const id = keyOf(item, key);
    const index =
      id === undefined ? -1 : current.findIndex(c => keyOf(c, key) === id);
    if (isObject(item) && item.$patch === 'delete') {
      if (index >= 0) current.splice(index, 1);
    } else if (index >= 0) {
      current[index] = strategicMergePatch(current[index], item);
    } else {
      current.push(stripDirectives(item));
    }
  }
  return current;
}

/** Reorders a list as `$setElementOrder/<field>` says; items it does not name go last. */
function applyOrder(list: unknown, field: string, order: unknown[]): unknown {
  if (!Array.isArray(list)) {
    return list;
  }
  const key = mergeKeyFor(field, [...order, ...list]);
  const idOf = (v: unknown) =>
    key && isObject(v) ? keyOf(v, key) : JSON.stringify(v);
  const rank = new Map(order.map((o, i) => [idOf(o), i]));
  return list
    .map((item, i) => ({
      item,
      i,
      r: rank.get(idOf(item)) ?? order.length + i,
    }))
    .sort((a, b) => a.r - b.r)
    .map(x => x.item);
}

/**
 * A strategic merge patch as kubectl sends for built-in kinds: maps merge, lists with a
 * known merge key (containers by name, ports by port, …) merge element by element, other
 * lists are replaced, and the directives `$patch`, `$setElementOrder/…`, `$retainKeys`
 * and `$deleteFromPrimitiveList/…` are honoured.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) {
    return stripDirectives(patch);
  }
  if (patch.$patch === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return stripDirectives(rest);
  }
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  const orders: Array<[string, unknown[]]> = [];
  const removals: Array<[string, unknown[]]> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/') && Array.isArray(value)) {
      orders.push([key.slice('$setElementOrder/'.length), value]);
    } else if (
      key.startsWith('$deleteFromPrimitiveList/') &&
      Array.isArray(value)
    ) {
      removals.push([key.slice('$deleteFromPrimitiveList/'.length), value]);
    } else if (key.startsWith('$')) {
      continue;
    } else if (
      value === null ||
      (isObject(value) && value.$patch === 'delete')
    ) {
      delete result[key];
    } else if (Array.isArray(value)) {
      result[key] = mergeList(key, result[key], value);
    } else {
      result[key] = strategicMergePatch(result[key], value);
    }
  }
  for (const [field, values] of removals) {
    if (Array.isArray(result[field])) {
      result[field] = (result[field] as unknown[]).filter(
        v => !values.some(d => deepEqual(d, v)),
      );
    }
  }
  for (const [field, order] of orders) {
    result[field] = applyOrder(result[field], field, order);
  }
  if (Array.isArray(patch.$retainKeys)) {
    const retain = new Set(patch.$retainKeys);
    for (const key of Object.keys(result)) {
      if (!retain.has(key)) delete result[key];
    }
  }
  return result;
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value
      .filter(v => !(isObject(v) && v.$patch === 'delete'))
      .map(stripDirectives);
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!k.startsWith('$')) {
        out[k] = stripDirectives(v);
      }
    }
    return out;
  }
  return value;
}

/** One operation of a JSON Patch document, with the members its `op` requires. */
type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; path: string; from: string };

function parsePointer(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }
  if (!pointer.startsWith('/')) {
    throw ApiError.badRequest(`invalid JSON pointer "${pointer}"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function validateOperations(patch: unknown): JsonPatchOperation[] {
  if (!Array.isArray(patch)) {
    throw ApiError.badRequest('a JSON patch must be an array of operations');
  }
  return patch.map((op: unknown, i): JsonPatchOperation => {
    if (!isObject(op) || typeof op.op !== 'string') {
      throw ApiError.badRequest(
        `JSON patch operation ${i}: unknown or missing "op"`,
      );
    }
    const { path } = op;
    if (typeof path !== 'string') {
      throw ApiError.badRequest(`JSON patch operation ${i}: missing "path"`);
    }
    switch (op.op) {
      case 'add':
      case 'replace':
      case 'test':
        if (!('value' in op)) {
          throw ApiError.badRequest(
            `JSON patch operation ${i}: missing "value"`,
          );
        }
        return { op: op.op, path, value: op.value };
      case 'remove':
        return { op: op.op, path };
      case 'move':
      case 'copy':
        if (typeof op.from !== 'string') {
          throw ApiError.badRequest(
            `JSON patch operation ${i}: missing "from"`,
          );
        }
        return { op: op.op, path, from: op.from };
      default:
        throw ApiError.badRequest(
          `JSON patch operation ${i}: unknown or missing "op"`,
        );
    }
  });
}

function failed(op: JsonPatchOperation, why: string): ApiError {
  return new ApiError(
    422,
    `the server rejected our request due to an error in our request: ${op.op} ${op.path}: ${why}`,
    'Invalid',
  );
}

/** Resolves all but the last token; returns the container and the last token. */
function locate(root: unknown, tokens: string[], op: JsonPatchOperation) {
  let node = root;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) {
      node = node[Number(token)];
    } else if (isObject(node)) {
      node = node[token];
    } else {
      node = undefined;
    }
    if (node === undefined) {
      throw failed(op, 'path does not exist');
    }
  }
  return { parent: node, last: tokens[tokens.length - 1] };
}

function arrayIndex(
  arr: unknown[],
  token: string,
  op: JsonPatchOperation,
  forAdd: boolean,
) {
  if (forAdd && token === '-') {
    return arr.length;
  }
  if (!/^(0|[1-9][0-9]*)$/.test(token)) {
    throw failed(op, `invalid array index "${token}"`);
  }
  const index = Number(token);
  if (index > arr.length || (!forAdd && index === arr.length)) {
    throw failed(op, `array index ${index} out of range`);
  }
  return index;
}

function getAt(
  root: unknown,
  pointer: string,
  op: JsonPatchOperation,
): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) {
    return root;
  }
  const { parent, last } = locate(root, tokens, op);
  if (Array.isArray(parent)) {
    return parent[arrayIndex(parent, last, op, false)];
  }
  if (isObject(parent) && last in parent) {
    return parent[last];
  }
  throw failed(op, 'path does not exist');
}

function removeAt(
  root: unknown,
  pointer: string,
  op: JsonPatchOperation,
): unknown {
  const { parent, last } = locate(root, parsePointer(pointer), op);
  if (Array.isArray(parent)) {
    return parent.splice(arrayIndex(parent, last, op, false), 1)[0];
  }
  if (isObject(parent) && last in parent) {
    const value = parent[last];
    delete parent[last];
    return value;
  }
  throw failed(op, 'path does not exist');
}

function addAt(
  root: unknown,
  pointer: string,
  value: unknown,
  op: JsonPatchOperation,
  replace: boolean,
): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) {
    return value;
  }
  const { parent, last } = locate(root, tokens, op);
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, op, !replace);
    parent.splice(index, replace ? 1 : 0, value);
  } else if (isObject(parent)) {
    if (replace && !(last in parent)) {
      throw failed(op, 'path does not exist');
    }
    parent[last] = value;
  } else {
    throw failed(op, 'parent is not a container');
  }
  return root;
}

/** JSON Patch (RFC 6902). Returns a new document; `target` is not modified. */
export function jsonPatch(target: unknown, patch: unknown): unknown {
  let doc = structuredClone(target);
  for (const op of validateOperations(patch)) {
    switch (op.op) {
      case 'add':
        doc = addAt(doc, op.path, structuredClone(op.value), op, false);
        break;
      case 'replace':
        doc = addAt(doc, op.path, structuredClone(op.value), op, true);
        break;
      case 'remove':
        removeAt(doc, op.path, op);
        break;
      case 'move': {
        const value = removeAt(doc, op.from, op);
        doc = addAt(doc, op.path, value, op, false);
        break;
      }
      case 'copy': {
        const value = structuredClone(getAt(doc, op.from, op));
        doc = addAt(doc, op.path, value, op, false);
        break;
      }
      case 'test':
        if (!deepEqual(getAt(doc, op.path, op), op.value)) {
          throw failed(op, 'test failed');
        }
        break;
      default:
        // validateOperations admits only the operations above.
        throw failed(op, 'unknown operation');
    }
  }
  return doc;
}
