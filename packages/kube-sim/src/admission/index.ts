import { ApiError } from '../errors';
import { KubeObject, ResourceType, isObject } from '../types';
import { Cause, validateValue } from './schema';

export type { Cause } from './schema';
export { ruleCompileErrors } from './cel';

/**
 * Admission of a custom resource: the object (status included) must satisfy its CRD's
 * structural schema and validation rules, or the write is refused with 422 Invalid and
 * one cause per field, as the apiextensions API server answers. On updates, transition
 * rules see the old object.
 */
export function admitCustomResource(
  type: ResourceType,
  schema: Record<string, unknown> | undefined,
  obj: KubeObject,
  old?: KubeObject,
) {
  if (!schema) {
    return;
  }
  const causes: Cause[] = [];
  validateValue(schema, obj, '', causes, old ? { value: old } : undefined);
  if (causes.length > 0) {
    throw ApiError.invalid(type, obj.metadata.name ?? '', causes);
  }
}

/** The `openAPIV3Schema` a stored CRD object declares for one version. */
export function schemaOfCrd(
  crd: KubeObject | undefined,
  version: string,
): Record<string, unknown> | undefined {
  const spec = crd && isObject(crd.spec) ? crd.spec : {};
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  const match = versions.find(v => isObject(v) && v.name === version);
  const schema =
    isObject(match) && isObject(match.schema)
      ? match.schema.openAPIV3Schema
      : undefined;
  return isObject(schema) ? schema : undefined;
}
