import { ApiError } from '../errors';
import {
  KubeObject,
  ObjectMeta,
  ResourceType,
  groupVersion,
  isObject,
  parseApiVersion,
} from '../types';

const SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function checkStringMap(
  meta: Record<string, unknown>,
  field: 'labels' | 'annotations',
) {
  const value = meta[field];
  if (value === undefined || value === null) {
    delete meta[field];
    return;
  }
  if (!isObject(value)) {
    throw ApiError.badRequest(
      `unable to decode object: metadata.${field}: expected a map of strings`,
    );
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw ApiError.badRequest(
        `unable to decode object: metadata.${field}.${k}: expected a string, got ${JSON.stringify(
          v,
        )}`,
      );
    }
  }
}

/**
 * Checks a request body against the resource it was sent to and returns a private copy
 * at the storage version: apiVersion and kind must match (they may be omitted), metadata
 * must be well-typed, and the namespace is the one of the URL.
 */
export function decodeObject(
  type: ResourceType,
  body: unknown,
  namespace: string | undefined,
): KubeObject {
  if (!isObject(body)) {
    throw ApiError.badRequest('the body of the request must be a JSON object');
  }
  const obj = structuredClone(body);
  const expected = groupVersion(type.group, type.storageVersion);
  if (obj.apiVersion !== undefined) {
    const { group, version } = parseApiVersion(String(obj.apiVersion));
    if (group !== type.group || !type.versions.includes(version)) {
      throw ApiError.badRequest(
        `the API version in the data (${String(
          obj.apiVersion,
        )}) does not match the expected API version (${expected})`,
      );
    }
  }
  if (obj.kind !== undefined && obj.kind !== type.kind) {
    throw ApiError.badRequest(
      `the kind in the data (${String(
        obj.kind,
      )}) does not match the expected kind (${type.kind})`,
    );
  }
  const meta = obj.metadata === undefined ? {} : obj.metadata;
  if (!isObject(meta)) {
    throw ApiError.badRequest(
      'unable to decode object: metadata must be an object',
    );
  }
  for (const field of [
    'name',
    'generateName',
    'namespace',
    'resourceVersion',
    'uid',
  ]) {
    if (meta[field] !== undefined && typeof meta[field] !== 'string') {
      throw ApiError.badRequest(
        `unable to decode object: metadata.${field} must be a string`,
      );
    }
  }
  checkStringMap(meta, 'labels');
  checkStringMap(meta, 'annotations');
  if (type.namespaced) {
    if (
      meta.namespace !== undefined &&
      meta.namespace !== '' &&
      meta.namespace !== namespace
    ) {
      throw ApiError.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta.namespace = namespace;
  } else {
    delete meta.namespace;
  }
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = obj;
  return {
    kind: type.kind,
    apiVersion: expected,
    metadata: meta as ObjectMeta,
    ...rest,
  };
}

/** Validates `metadata.name` as Kubernetes does for the kinds served here. */
export function validateName(type: ResourceType, name: string | undefined) {
  if (!name) {
    throw ApiError.invalid(type, '', [
      {
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ]);
  }
  const isNamespace = type.group === '' && type.plural === 'namespaces';
  const ok = isNamespace
    ? name.length <= 63 && LABEL.test(name)
    : name.length <= 253 && SUBDOMAIN.test(name);
  if (!ok) {
    throw ApiError.invalid(type, name, [
      {
        field: 'metadata.name',
        message: `Invalid value: "${name}": a lowercase RFC 1123 ${
          isNamespace ? 'label' : 'subdomain'
        } must consist of lower case alphanumeric characters, '-'${
          isNamespace ? '' : " or '.'"
        }, and must start and end with an alphanumeric character`,
      },
    ]);
  }
}

const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
];

/** Kind, apiVersion, metadata (in Kubernetes' field order), the rest, status last. */
export function canonical(obj: KubeObject): KubeObject {
  const meta: ObjectMeta = {};
  for (const key of META_ORDER) {
    if (obj.metadata[key] !== undefined) {
      meta[key] = obj.metadata[key];
    }
  }
  for (const [key, value] of Object.entries(obj.metadata)) {
    if (!(key in meta) && value !== undefined) {
      meta[key] = value;
    }
  }
  const { kind, apiVersion, metadata: _m, status, ...rest } = obj;
  const out: KubeObject = { kind, apiVersion, metadata: meta, ...rest };
  if (status !== undefined) {
    out.status = status;
  }
  return out;
}

/** RFC 3339 with second precision, as Kubernetes writes timestamps. */
export function timestamp(date = new Date()) {
  return `${date.toISOString().slice(0, 19)}Z`;
}
