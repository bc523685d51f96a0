import {
  formatPath,
  isDns1123Label,
  isDns1123Subdomain,
  isLabelValue,
  isQualifiedName,
  isRecord,
  toValidationErrors,
} from '@kmop/plugin-kmop-common';
import type { ZodIssue } from 'zod/v3';
import { ECOSYSTEM_SPEC_SCHEMAS } from './ecosystemSchemas';
import { AjvError, modelPackage, validateWithModels } from './models';

/**
 * One problem in an object: the field, and what is wrong with it.
 *
 * @public
 */
export interface FieldError {
  /** e.g. `spec.rules[0].backendRefs[1].weight`; empty for the object itself. */
  path: string;
  message: string;
}

/**
 * What validating a native object found.
 *
 * @public
 */
export type NativeValidation = (
  | { status: 'valid' }
  | { status: 'invalid'; errors: FieldError[] }
  /** No schema is known for this apiVersion and kind. */
  | { status: 'unknown' }
) & {
  /**
   * What a schema that trails its upstream project did not know (a field, an enum value, a
   * field it still requires), each naming the package and version checked. Not failures.
   */
  warnings?: FieldError[];
};

/** ajv keywords a trailing schema may fail on for a valid newer manifest. */
const NEWER_UPSTREAM_KEYWORDS = new Set([
  'additionalProperties',
  'enum',
  'required',
]);

/** `/spec/rules/0/weight` → `['spec', 'rules', 0, 'weight']`. */
function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map(s => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

function readable(message: string): string {
  return message.replace(/<=/g, '≤').replace(/>=/g, '≥');
}

/**
 * ajv errors as field errors. An `anyOf`/`oneOf` failure also reports why
 * each branch failed at the same place (e.g. "must be integer", "must be
 * string" for an int-or-string); only the summary is kept.
 */
function fromAjv(errors: AjvError[]): FieldError[] {
  const unionPaths = new Set(
    errors
      .filter(e => e.keyword === 'anyOf' || e.keyword === 'oneOf')
      .map(e => e.instancePath),
  );
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const path = pointerToPath(e.instancePath);
    let message = readable(e.message ?? `fails ${e.keyword}`);
    if (
      e.keyword === 'required' &&
      typeof e.params?.missingProperty === 'string'
    ) {
      path.push(e.params.missingProperty);
      message = 'is required';
    } else if (
      e.keyword === 'additionalProperties' &&
      typeof e.params?.additionalProperty === 'string'
    ) {
      path.push(e.params.additionalProperty);
      message = 'is not a known field';
    } else if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      message = 'does not match any allowed form';
    } else if (unionPaths.has(e.instancePath)) {
      continue;
    }
    const error = { path: formatPath(path), message };
    const key = `${error.path}\u0000${error.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(error);
    }
  }
  return out;
}

function metadataErrors(
  obj: Record<string, unknown>,
  kind: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const metadata = obj.metadata;
  if (!isRecord(metadata)) {
    return [{ path: 'metadata', message: 'is required' }];
  }
  const { name, namespace, labels, annotations } = metadata;
  // Services become DNS names, so their names must be labels.
  const nameIsLabel = kind === 'Service' || kind === 'Namespace';
  if (typeof name !== 'string' || name === '') {
    errors.push({ path: 'metadata.name', message: 'is required' });
  } else if (nameIsLabel ? !isDns1123Label(name) : !isDns1123Subdomain(name)) {
    errors.push({
      path: 'metadata.name',
      message: nameIsLabel
        ? 'must be a DNS-1123 label (lower case letters, digits and "-", ≤ 63 characters)'
        : 'must be a DNS-1123 subdomain (lower case letters, digits, "-" and ".", ≤ 253 characters)',
    });
  }
  if (
    namespace !== undefined &&
    (typeof namespace !== 'string' || !isDns1123Label(namespace))
  ) {
    errors.push({
      path: 'metadata.namespace',
      message: 'must be a DNS-1123 label',
    });
  }
  for (const [field, values, checkValue] of [
    ['labels', labels, isLabelValue],
    ['annotations', annotations, (v: string) => typeof v === 'string'],
  ] as const) {
    if (values === undefined) continue;
    if (!isRecord(values)) {
      errors.push({
        path: `metadata.${field}`,
        message: 'must be a map of strings',
      });
      continue;
    }
    for (const [key, value] of Object.entries(values)) {
      const path = formatPath(['metadata', field, key]);
      if (!isQualifiedName(key)) {
        errors.push({
          path,
          message: 'has a key that is not a qualified name',
        });
      } else if (typeof value !== 'string' || !checkValue(value)) {
        errors.push({
          path,
          message:
            field === 'labels'
              ? 'must be a label value (≤ 63 characters)'
              : 'must be a string',
        });
      }
    }
  }
  return errors;
}

function schemaErrors(obj: Record<string, unknown>): FieldError[] | undefined {
  const schema = ECOSYSTEM_SPEC_SCHEMAS[`${obj.apiVersion}/${obj.kind}`];
  if (!schema) return undefined;
  const result = schema.safeParse(obj.spec);
  return result.success
    ? []
    : toValidationErrors(result.error.issues as ZodIssue[], ['spec']);
}

/**
 * Validates native Kubernetes objects: their metadata, then their bodies
 * against the kind's schema — the OpenAPI schema kubernetes-models ships, or
 * for Sloth, Pyrra and Flagger kinds the schemas in `ecosystemSchemas`. Never
 * throws for bad objects; `unknown` means no schema is known for the
 * apiVersion and kind. Results are in the order given.
 *
 * @public
 */
export async function validateNativeObjects(
  objects: readonly unknown[],
): Promise<NativeValidation[]> {
  const typed: {
    index: number;
    obj: Record<string, unknown> & { apiVersion: string; kind: string };
  }[] = [];
  const results: NativeValidation[] = objects.map((obj, index) => {
    if (!isRecord(obj)) {
      return {
        status: 'invalid',
        errors: [{ path: '', message: 'must be an object' }],
      };
    }
    const { apiVersion, kind } = obj;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      const errors: FieldError[] = [];
      if (typeof apiVersion !== 'string')
        errors.push({ path: 'apiVersion', message: 'is required' });
      if (typeof kind !== 'string')
        errors.push({ path: 'kind', message: 'is required' });
      return { status: 'invalid', errors };
    }
    typed.push({ index, obj: { ...obj, apiVersion, kind } });
    return { status: 'valid' };
  });
  // Status is never applied (the API server ignores it on create and apply), and upstream
  // examples carry snapshots of it: only what is applied is validated.
  const models = await validateWithModels(
    typed.map(({ obj: { status: _status, ...applied } }) => applied),
  );
  typed.forEach(({ index, obj }, i) => {
    const errors = metadataErrors(obj, obj.kind);
    const warnings: FieldError[] = [];
    const model = models[i];
    let known = true;
    if (model.status === 'invalid') {
      const pkg = modelPackage(obj.apiVersion);
      const lenient = model.errors.filter(
        e => pkg?.trails && NEWER_UPSTREAM_KEYWORDS.has(e.keyword),
      );
      errors.push(...fromAjv(model.errors.filter(e => !lenient.includes(e))));
      for (const w of fromAjv(lenient)) {
        warnings.push({
          path: w.path,
          message: `${w.message} according to ${pkg?.name} ${pkg?.version}, the schema checked; ${pkg?.trails} may be newer, so this is a warning, not a failure`,
        });
      }
    } else if (model.status === 'no-model') {
      const found = schemaErrors(obj);
      if (found) errors.push(...found);
      else known = false;
    }
    const extra = warnings.length > 0 ? { warnings } : {};
    if (errors.length > 0) {
      results[index] = { status: 'invalid', errors, ...extra };
    } else {
      results[index] = known
        ? { status: 'valid', ...extra }
        : { status: 'unknown', ...extra };
    }
  });
  return results;
}

/**
 * {@link validateNativeObjects} for one object.
 *
 * @public
 */
export async function validateNativeObject(
  obj: unknown,
): Promise<NativeValidation> {
  const [result] = await validateNativeObjects([obj]);
  return result;
}
