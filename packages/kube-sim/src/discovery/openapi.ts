import { createHash } from 'node:crypto';
import { ResourceRegistry } from './registry';
import {
  JsonObject,
  JsonValue,
  ResourceType,
  groupVersion,
  isObject,
} from '../types';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';

/** Looks up the `openAPIV3Schema` a CRD declares for a version, if any. */
export type CrdSchemaLookup = (
  type: ResourceType,
  version: string,
) => JsonObject | undefined;

/** `io.k8s.api.apps.v1.Deployment` for built-ins, `io.argoproj.v1alpha1.Rollout` for CRDs. */
export function schemaName(type: ResourceType, version: string) {
  if (type.crdName) {
    return `${type.group.split('.').reverse().join('.')}.${version}.${
      type.kind
    }`;
  }
  if (type.group === 'apiextensions.k8s.io') {
    return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.${type.kind}`;
  }
  return `io.k8s.api.${type.group.split('.')[0] || 'core'}.${version}.${
    type.kind
  }`;
}

function queryParam(name: string, description: string): JsonObject {
  return {
    name,
    in: 'query',
    description,
    schema: { type: 'string', uniqueItems: true },
  };
}

const WRITE_PARAMS = [
  queryParam(
    'dryRun',
    'When present, indicates that modifications should not be persisted.',
  ),
  queryParam(
    'fieldManager',
    'The name of the actor or entity making these changes.',
  ),
  queryParam(
    'fieldValidation',
    'How the server handles unknown or duplicate fields: Ignore, Warn or Strict.',
  ),
];

function operation(
  action: string,
  type: ResourceType,
  version: string,
  parameters: JsonObject[],
  body: boolean,
): JsonObject {
  const ref = { $ref: `#/components/schemas/${schemaName(type, version)}` };
  const op: JsonObject = {
    operationId: `${action}${type.kind}`,
    parameters,
    responses: {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: ref } },
      },
      '401': { description: 'Unauthorized' },
    },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': {
      group: type.group,
      version,
      kind: type.kind,
    },
  };
  if (body) {
    op.requestBody = { content: { '*/*': { schema: ref } }, required: true };
  }
  return op;
}

function resourcePaths(
  type: ResourceType,
  version: string,
): Record<string, JsonObject> {
  const root = type.group
    ? `/apis/${type.group}/${version}`
    : `/api/${version}`;
  const base = type.namespaced
    ? `${root}/namespaces/{namespace}/${type.plural}`
    : `${root}/${type.plural}`;
  const patchParams = [
    ...WRITE_PARAMS,
    queryParam('force', 'Force is going to "force" Apply requests.'),
  ];
  const item: JsonObject = {
    get: operation('get', type, version, [], false),
    put: operation('put', type, version, WRITE_PARAMS, true),
    patch: operation('patch', type, version, patchParams, true),
    delete: operation(
      'delete',
      type,
      version,
      [queryParam('dryRun', 'Do not persist.')],
      false,
    ),
  };
  const paths: Record<string, JsonObject> = {
    [base]: {
      get: operation('list', type, version, [], false),
      post: operation('post', type, version, WRITE_PARAMS, true),
    },
    [`${base}/{name}`]: item,
  };
  if (type.statusSubresource) {
    paths[`${base}/{name}/status`] = {
      get: operation('get', type, version, [], false),
      put: operation('put', type, version, WRITE_PARAMS, true),
      patch: operation('patch', type, version, patchParams, true),
    };
  }
  return paths;
}

function kindSchema(
  type: ResourceType,
  version: string,
  declared: JsonObject | undefined,
): JsonObject {
  const properties: Record<string, JsonValue> = {
    ...(declared && isObject(declared.properties)
      ? (declared.properties as JsonObject)
      : {}),
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { allOf: [{ $ref: `#/components/schemas/${OBJECT_META}` }] },
  };
  const schema: JsonObject = declared
    ? { ...declared }
    : { 'x-kubernetes-preserve-unknown-fields': true };
  return {
    ...schema,
    type: 'object',
    properties,
    'x-kubernetes-group-version-kind': [
      { group: type.group, version, kind: type.kind },
    ],
  };
}

const SHARED_SCHEMAS: Record<string, JsonObject> = {
  [OBJECT_META]: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      generateName: { type: 'string' },
      namespace: { type: 'string' },
      uid: { type: 'string' },
      resourceVersion: { type: 'string' },
      generation: { type: 'integer', format: 'int64' },
      creationTimestamp: { type: 'string', format: 'date-time' },
      deletionTimestamp: { type: 'string', format: 'date-time' },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      annotations: { type: 'object', additionalProperties: { type: 'string' } },
      finalizers: { type: 'array', items: { type: 'string' } },
      ownerReferences: {
        type: 'array',
        items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
      managedFields: {
        type: 'array',
        items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
  [STATUS]: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
};

/** The OpenAPI v3 document of one group version, or undefined if nothing is served there. */
export function openApiDocument(
  registry: ResourceRegistry,
  group: string,
  version: string,
  crdSchema: CrdSchemaLookup,
): JsonObject | undefined {
  const types = registry.resourcesOf(group, version);
  if (types.length === 0) {
    return undefined;
  }
  const paths: Record<string, JsonValue> = {};
  const schemas: Record<string, JsonValue> = { ...SHARED_SCHEMAS };
  for (const type of types) {
    Object.assign(paths, resourcePaths(type, version));
    schemas[schemaName(type, version)] = kindSchema(
      type,
      version,
      crdSchema(type, version),
    );
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas },
  };
}

function hashOf(doc: JsonObject) {
  return createHash('sha256')
    .update(JSON.stringify(doc))
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
}

/** `GET /openapi/v3`: one entry per served group version, with a content hash in its URL. */
export function openApiIndex(
  registry: ResourceRegistry,
  crdSchema: CrdSchemaLookup,
) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  const groupVersions: Array<[string, string]> = [
    ['', 'v1'],
    ...registry
      .groups()
      .flatMap(g => g.versions.map((v): [string, string] => [g.name, v])),
  ];
  for (const [group, version] of groupVersions) {
    const doc = openApiDocument(registry, group, version, crdSchema);
    if (doc) {
      const path = group
        ? `apis/${groupVersion(group, version)}`
        : `api/${version}`;
      paths[path] = {
        serverRelativeURL: `/openapi/v3/${path}?hash=${hashOf(doc)}`,
      };
    }
  }
  return { paths };
}
