import {
  CrdAnnotations,
  CrdValidationRule,
} from '../model/shared/crdAnnotations';

/** The key under which the CRD annotations of a zod node travel through zod-to-json-schema. */
export const ANNOTATIONS_KEY = 'x-kmop-annotations';

/** The key under which rules in words stay in the schema for the reference docs. */
export const NOTES_KEY = 'x-kmop-notes';

/** A node of a Kubernetes structural schema (the subset of OpenAPI v3 a CRD accepts). */
export interface StructuralSchema {
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  enum?: unknown[];
  default?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maximum?: number;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  items?: StructuralSchema;
  properties?: Record<string, StructuralSchema>;
  required?: string[];
  additionalProperties?: StructuralSchema;
  anyOf?: StructuralSchema[];
  oneOf?: { required: string[] }[];
  'x-kubernetes-int-or-string'?: true;
  'x-kubernetes-preserve-unknown-fields'?: true;
  'x-kubernetes-list-type'?: 'map' | 'set';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: CrdValidationRule[];
  /** Rules in words, for the reference docs; removed from the CRD. */
  'x-kmop-notes'?: string[];
}

type Json = Record<string, unknown>;

const VALUE_KEYWORDS = [
  'format',
  'enum',
  'default',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
] as const;

type SchemaType = NonNullable<StructuralSchema['type']>;

const TYPES: readonly string[] = [
  'object',
  'array',
  'string',
  'integer',
  'number',
  'boolean',
] satisfies SchemaType[];

function isSchemaType(value: unknown): value is SchemaType {
  return typeof value === 'string' && TYPES.includes(value);
}

/** Keywords zod-to-json-schema emits that a structural schema drops or handles below. */
const HANDLED = new Set<string>([
  ...VALUE_KEYWORDS,
  'description',
  'type',
  'const',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'anyOf',
  ANNOTATIONS_KEY,
]);

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, problem: string): never {
  throw new Error(
    `Cannot express ${path || 'the root'} in a CRD schema: ${problem}`,
  );
}

function branchType(branch: unknown): string | undefined {
  return isJson(branch) && typeof branch.type === 'string'
    ? branch.type
    : undefined;
}

/**
 * `integer | string` unions become `x-kubernetes-int-or-string`, the one `anyOf` with types a
 * structural schema allows. Value checks of the branches move up: Kubernetes applies `pattern`
 * only to strings and `minimum` only to numbers, so each still checks its own branch.
 */
function intOrString(node: Json, branches: Json[], path: string): Json {
  const merged: Json = { ...node };
  delete merged.anyOf;
  for (const branch of branches) {
    for (const [key, value] of Object.entries(branch)) {
      if (key !== 'type' && key !== 'description') {
        if (merged[key] !== undefined && merged[key] !== value) {
          fail(path, `the int-or-string branches both set ${key}`);
        }
        merged[key] = value;
      }
    }
  }
  return merged;
}

/** Object unions (discriminated unions) become one object with every branch's properties. */
function mergeObjects(node: Json, branches: Json[], path: string): Json {
  if (branches.some(b => b[ANNOTATIONS_KEY] !== undefined)) {
    fail(
      path,
      'CRD annotations on a union branch would be lost; put them on the union',
    );
  }
  const properties: Record<string, unknown> = {};
  for (const branch of branches) {
    for (const [name, schema] of Object.entries(
      isJson(branch.properties) ? branch.properties : {},
    )) {
      const known = properties[name];
      if (known === undefined) {
        properties[name] = schema;
      } else if (
        isJson(known) &&
        isJson(schema) &&
        Array.isArray(known.enum) &&
        Array.isArray(schema.enum) &&
        JSON.stringify({ ...known, enum: [] }) ===
          JSON.stringify({ ...schema, enum: [] })
      ) {
        // The discriminator: one literal per branch, merged into one enum.
        const values: unknown[] = known.enum;
        const added = schema.enum.filter(v => !values.includes(v));
        properties[name] = { ...known, enum: [...values, ...added] };
      } else if (JSON.stringify(known) !== JSON.stringify(schema)) {
        fail(`${path}.${name}`, 'the union branches define it differently');
      }
    }
  }
  const requiredSets = branches.map(b =>
    Array.isArray(b.required) ? b.required.map(String) : [],
  );
  const required = requiredSets[0].filter(name =>
    requiredSets.every(set => set.includes(name)),
  );
  const merged: Json = { ...node, type: 'object', properties };
  delete merged.anyOf;
  if (required.length) {
    merged.required = required;
  }
  return merged;
}

function flattenUnion(node: Json, path: string): Json {
  const branches = Array.isArray(node.anyOf) ? node.anyOf.filter(isJson) : [];
  const types = new Set(branches.map(branchType));
  if (types.size === 2 && types.has('integer') && types.has('string')) {
    return {
      ...intOrString(node, branches, path),
      'x-kubernetes-int-or-string': true,
    };
  }
  if (types.size === 1 && types.has('object')) {
    return mergeObjects(node, branches, path);
  }
  if (
    types.size === 1 &&
    types.has('string') &&
    branches.every(b => Array.isArray(b.enum))
  ) {
    const merged: Json = { ...node, type: 'string' };
    delete merged.anyOf;
    merged.enum = branches.flatMap(b => (Array.isArray(b.enum) ? b.enum : []));
    return merged;
  }
  return fail(path, `unsupported union of ${[...types].join(', ')}`);
}

function applyAnnotations(
  schema: StructuralSchema,
  annotations: CrdAnnotations | undefined,
): void {
  if (!annotations) {
    return;
  }
  if (annotations.exactlyOneOf?.length) {
    schema.oneOf = annotations.exactlyOneOf.map(field => ({
      required: [field],
    }));
  }
  if (annotations.listMapKeys?.length) {
    schema['x-kubernetes-list-type'] = 'map';
    schema['x-kubernetes-list-map-keys'] = annotations.listMapKeys;
  } else if (annotations.listSet) {
    schema['x-kubernetes-list-type'] = 'set';
  }
  if (annotations.validations?.length) {
    schema['x-kubernetes-validations'] = annotations.validations;
  }
  if (annotations.notes?.length) {
    schema[NOTES_KEY] = annotations.notes;
  }
}

function convert(input: unknown, path: string): StructuralSchema {
  if (!isJson(input)) {
    return fail(path, 'not a schema object');
  }
  const node = input.anyOf === undefined ? input : flattenUnion(input, path);
  for (const key of Object.keys(node)) {
    if (!HANDLED.has(key) && !key.startsWith('x-kubernetes-')) {
      fail(path, `unsupported keyword ${key}`);
    }
  }
  const intOrStr = node['x-kubernetes-int-or-string'] === true;
  const schema: StructuralSchema = {};
  if (typeof node.description === 'string') {
    schema.description = node.description;
  }
  if (intOrStr) {
    schema['x-kubernetes-int-or-string'] = true;
    schema.anyOf = [{ type: 'integer' }, { type: 'string' }];
  } else if (isSchemaType(node.type)) {
    schema.type = node.type;
  } else {
    fail(path, 'it has no single type');
  }
  if (node.const !== undefined) {
    schema.enum = [node.const];
  }
  const target = schema as Record<string, unknown>;
  for (const keyword of VALUE_KEYWORDS) {
    if (node[keyword] !== undefined) {
      target[keyword] = node[keyword];
    }
  }
  if (node.items !== undefined) {
    schema.items = convert(node.items, `${path}[]`);
  }
  if (isJson(node.properties)) {
    schema.properties = {};
    for (const [name, child] of Object.entries(node.properties)) {
      schema.properties[name] = convert(child, path ? `${path}.${name}` : name);
    }
    if (Array.isArray(node.required) && node.required.length) {
      schema.required = node.required.map(String);
    }
  }
  if (isJson(node.additionalProperties)) {
    if (schema.properties) {
      fail(path, 'properties and additionalProperties together');
    }
    schema.additionalProperties = convert(
      node.additionalProperties,
      `${path}.*`,
    );
  }
  applyAnnotations(schema, node[ANNOTATIONS_KEY] as CrdAnnotations | undefined);
  return schema;
}

/**
 * Converts the OpenAPI 3 schema zod-to-json-schema produces into a Kubernetes structural schema:
 * every node typed, `integer | string` unions as `x-kubernetes-int-or-string`, object unions
 * merged, `const` as a one-value `enum`, `additionalProperties: false` dropped (Kubernetes
 * prunes unknown fields instead), defaults and descriptions kept, and the CRD annotations of
 * the zod nodes applied. Throws when a node cannot be expressed, naming its path.
 */
export function toStructuralSchema(jsonSchema: unknown): StructuralSchema {
  return convert(jsonSchema, '');
}

/** A copy of `schema` without the reference-docs extension, ready for a CRD. Key order is kept. */
export function withoutNotes(schema: StructuralSchema): StructuralSchema {
  const copy: StructuralSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === NOTES_KEY) {
      continue;
    }
    Object.assign(copy, { [key]: value });
  }
  if (schema.items) {
    copy.items = withoutNotes(schema.items);
  }
  if (schema.properties) {
    copy.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, child]) => [
        name,
        withoutNotes(child),
      ]),
    );
  }
  if (schema.additionalProperties) {
    copy.additionalProperties = withoutNotes(schema.additionalProperties);
  }
  return copy;
}
