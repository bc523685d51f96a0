import { isRecord } from '../util/isRecord';
import { KMOP_API_VERSION, KMOP_KIND_NAMES, isKmopKind } from './constants';
import { KmopValidationError, toValidationErrors } from './issues';
import { KmopResource, kmopResourceSchemas } from './resource';

/**
 * The outcome of validating one document.
 *
 * @public
 */
export type KmopValidationResult =
  | { ok: true; resource: KmopResource }
  | { ok: false; errors: KmopValidationError[] };

/**
 * A problem in one of several documents.
 *
 * @public
 */
export interface KmopDocumentError extends KmopValidationError {
  /** Position of the document in the list given. */
  index: number;
}

/**
 * The outcome of validating several documents.
 *
 * @public
 */
export type KmopValidationResults =
  | { ok: true; resources: KmopResource[] }
  | { ok: false; errors: KmopDocumentError[] };

function typeErrors(input: Record<string, unknown>): KmopValidationError[] {
  const errors: KmopValidationError[] = [];
  if (input.apiVersion === undefined) {
    errors.push({ path: 'apiVersion', message: 'is required' });
  } else if (input.apiVersion !== KMOP_API_VERSION) {
    errors.push({ path: 'apiVersion', message: `must be ${KMOP_API_VERSION}` });
  }
  if (input.kind === undefined) {
    errors.push({ path: 'kind', message: 'is required' });
  } else if (!isKmopKind(KMOP_API_VERSION, input.kind)) {
    errors.push({
      path: 'kind',
      message: `must be one of: ${KMOP_KIND_NAMES.join(', ')}`,
    });
  }
  return errors;
}

function validate(input: unknown): KmopValidationResult {
  if (!isRecord(input)) {
    return {
      ok: false,
      errors: [{ path: '', message: 'must be an object (a KMOP resource)' }],
    };
  }
  const kind = input.kind;
  if (!isKmopKind(KMOP_API_VERSION, kind)) {
    return { ok: false, errors: typeErrors(input) };
  }
  // The kind's own schema reports a wrong apiVersion along with every other error.
  const parsed = kmopResourceSchemas[kind].safeParse(input);
  if (parsed.success) {
    return { ok: true, resource: parsed.data };
  }
  return { ok: false, errors: toValidationErrors(parsed.error.issues) };
}

/**
 * Validates a KMOP resource: picks the schema by `kind`, applies defaults and returns the
 * resource, or every error at once with its field path. Never throws, whatever `input` is.
 *
 * @public
 */
export function validateKmopResource(input: unknown): KmopValidationResult {
  try {
    return validate(input);
  } catch (error) {
    // Only hostile input gets here (a getter that throws, a Proxy); report it, never rethrow.
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `could not be read: ${
            error instanceof Error ? error.message : String(error)
          }`,
        },
      ],
    };
  }
}

function identity(resource: KmopResource): string {
  const { kind, metadata } = resource;
  return `${kind}/${metadata.namespace ?? ''}/${metadata.name}`;
}

/**
 * Validates several documents (e.g. the documents of one YAML file). All must be KMOP
 * resources; filter others out first with `isKmopKind`. Two documents of the same kind, name
 * and namespace are an error on the later one.
 *
 * @public
 */
export function validateKmopResources(
  documents: readonly unknown[],
): KmopValidationResults {
  const resources: KmopResource[] = [];
  const errors: KmopDocumentError[] = [];
  const firstIndex = new Map<string, number>();
  documents.forEach((document, index) => {
    const result = validateKmopResource(document);
    if (!result.ok) {
      errors.push(...result.errors.map(error => ({ index, ...error })));
      return;
    }
    const key = identity(result.resource);
    const first = firstIndex.get(key);
    if (first !== undefined) {
      errors.push({
        index,
        path: 'metadata.name',
        message: `must be unique: document ${first} is a ${result.resource.kind} with the same name and namespace`,
      });
      return;
    }
    firstIndex.set(key, index);
    resources.push(result.resource);
  });
  return errors.length ? { ok: false, errors } : { ok: true, resources };
}
