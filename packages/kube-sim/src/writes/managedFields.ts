import { timestamp } from './decode';
import { KubeObject, isObject } from '../types';

/** A write that names its field manager (`?fieldManager=`), as the API server records it. */
export interface ManagedWrite {
  manager: string;
  /** `Apply` for server-side apply, `Update` for every other write. */
  operation: 'Apply' | 'Update';
  /** The request's own fields: the applied configuration or the patch. */
  fields: unknown;
  subresource?: 'status';
}

/** Keys list items are told apart by, in the order the API's list-map keys use them. */
const ITEM_KEYS = ['uid', 'name', 'type', 'containerPort', 'port'];

/**
 * The FieldsV1 set of a request body: `f:<field>` per map key, `k:{…}` per list item that has
 * a key field (`name`, `type`, `uid`, …), and `.: {}` for a map that is itself set. Lists
 * without keyed items are owned as a whole, as atomic lists are upstream. An approximation of
 * the API server's per-type schema, which kube-sim does not have.
 */
export function fieldSet(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) {
    const set: Record<string, unknown> = {};
    for (const item of value) {
      const key = isObject(item)
        ? ITEM_KEYS.find(k => item[k] !== undefined)
        : undefined;
      if (!key || !isObject(item)) return {};
      set[`k:${JSON.stringify({ [key]: item[key] })}`] = {
        '.': {},
        ...fieldSet(item),
      };
    }
    return set;
  }
  if (!isObject(value)) return {};
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    set[`f:${k}`] = fieldSet(v);
  }
  return set;
}

/** The fields a request sets, less what identifies the object (the API server's rule). */
function requestFields(body: unknown): Record<string, unknown> {
  if (!isObject(body)) return {};
  const { apiVersion: _a, kind: _k, metadata, ...rest } = body;
  const fields = fieldSet(rest);
  if (isObject(metadata)) {
    const {
      name: _n,
      namespace: _ns,
      resourceVersion: _rv,
      uid: _u,
      managedFields: _mf,
      ...meta
    } = metadata;
    const metaFields = fieldSet(meta);
    if (Object.keys(metaFields).length > 0) fields['f:metadata'] = metaFields;
  }
  return fields;
}

/**
 * Records a write in `metadata.managedFields`: one entry per manager, operation and
 * subresource, replaced by the manager's next write, with the time and the fields the request
 * set. Called only for writes that change the object, so a no-op apply records nothing.
 */
export function recordManagedWrite(obj: KubeObject, write: ManagedWrite): void {
  const entries = Array.isArray(obj.metadata.managedFields)
    ? (obj.metadata.managedFields as Record<string, unknown>[])
    : [];
  const same = (e: Record<string, unknown>) =>
    e.manager === write.manager &&
    e.operation === write.operation &&
    (e.subresource ?? undefined) === write.subresource;
  obj.metadata.managedFields = [
    ...entries.filter(e => !same(e)),
    {
      manager: write.manager,
      operation: write.operation,
      apiVersion: obj.apiVersion,
      time: timestamp(),
      fieldsType: 'FieldsV1',
      fieldsV1: requestFields(write.fields),
      ...(write.subresource ? { subresource: write.subresource } : {}),
    },
  ];
}
