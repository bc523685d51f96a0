import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';

/** The zod the actions registry passes to an action's schema builders. */
export type RegistryZod = Parameters<
  ActionsRegistryActionOptions<never, never>['schema']['output']
>[0];

type Schema = InstanceType<RegistryZod['ZodType']>;
type ObjectSchema = ReturnType<RegistryZod['object']>;
type Primitive = string | number | boolean;

/**
 * The subset of JSON Schema that ts-json-schema-generator writes for KMOP's view types:
 * objects, arrays, the primitive types (one or several), string enums, records and `$ref`s to
 * `definitions`. {@link zodFromJsonSchema} refuses anything else, naming where it is.
 */
export interface JsonSchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  enum?: Primitive[];
  definitions?: Record<string, JsonSchemaNode>;
}

function primitive(z: RegistryZod, type: string, at: string): Schema {
  switch (type) {
    case 'string':
      return z.string();
    case 'number':
      return z.number();
    case 'integer':
      return z.number().int();
    case 'boolean':
      return z.boolean();
    case 'null':
      return z.null();
    default:
      throw new Error(`${at}: type ${type} is not a primitive type`);
  }
}

function literals(z: RegistryZod, values: Primitive[], at: string): Schema {
  const [first, second, ...rest] = values.map(v => z.literal(v));
  if (!first) {
    throw new Error(`${at}: an empty enum`);
  }
  return second ? z.union([first, second, ...rest]) : first;
}

/**
 * A zod object schema, built with the registry's `z`, that accepts what `root` (an object
 * type) describes: the same fields, required and optional as declared, with the same
 * descriptions. Object fields not declared are dropped from the output, as the type has no
 * place for them. Throws, naming the place, for what the subset above does not cover.
 */
export function zodFromJsonSchema(
  z: RegistryZod,
  root: JsonSchemaNode,
): ObjectSchema {
  const definitions = root.definitions ?? {};
  // Each definition is built once; a reference to one still being built is recursive.
  const built = new Map<string, Schema>();
  const building = new Set<string>();
  const definition = (name: string): Schema => {
    const schema = built.get(name);
    if (!schema) {
      throw new Error(`the definition ${name} was never built`);
    }
    return schema;
  };

  function convert(node: JsonSchemaNode, at: string): Schema {
    const schema = convertNode(node, at);
    return node.description ? schema.describe(node.description) : schema;
  }

  function object(node: JsonSchemaNode, at: string) {
    const required = node.required ?? [];
    return z.object(
      Object.fromEntries(
        Object.entries(node.properties ?? {}).map(([name, child]) => {
          const field = convert(child, `${at}.${name}`);
          return [name, required.includes(name) ? field : field.optional()];
        }),
      ),
    );
  }

  function convertNode(node: JsonSchemaNode, at: string): Schema {
    if (node.$ref) {
      const name = decodeURIComponent(node.$ref.replace('#/definitions/', ''));
      const target = definitions[name];
      if (!target) {
        throw new Error(`${at}: an unknown reference ${node.$ref}`);
      }
      const known = built.get(name);
      if (known) {
        return known;
      }
      if (building.has(name)) {
        // A recursive type (a rendered object's own rendered objects): zod resolves it lazily.
        return z.lazy(() => definition(name));
      }
      building.add(name);
      const schema = convert(target, at);
      built.set(name, schema);
      return schema;
    }
    if (node.enum) {
      return literals(z, node.enum, at);
    }
    if (Array.isArray(node.type)) {
      const [first, second, ...rest] = node.type.map(t => primitive(z, t, at));
      return second ? z.union([first, second, ...rest]) : first;
    }
    switch (node.type) {
      case 'array':
        if (!node.items) {
          throw new Error(`${at}: an array without items`);
        }
        return z.array(convert(node.items, `${at}[]`));
      case 'object':
        if (node.properties) {
          return object(node, at);
        }
        return z.record(
          typeof node.additionalProperties === 'object'
            ? convert(node.additionalProperties, `${at}.*`)
            : z.unknown(),
        );
      case undefined:
        // `unknown` in the type: any JSON value.
        return z.unknown();
      default:
        return primitive(z, node.type, at);
    }
  }

  if (root.type !== 'object' || !root.properties) {
    throw new Error('$: the root is not an object type with properties');
  }
  const schema = object(root, '$');
  return root.description ? schema.describe(root.description) : schema;
}
