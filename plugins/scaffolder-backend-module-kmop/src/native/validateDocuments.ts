import { KMOP_GROUP, validateKmopResource } from '@kmop/plugin-kmop-common';
import type { ManifestDocument } from '../util/manifestDocuments';
import { validateNativeObjects } from './validateNative';

/** What validating manifest documents found, as lines a person reads. */
export interface DocumentsCheck {
  /** `<file> doc <n>: <path>: <message>`, every problem. */
  errors: string[];
  /**
   * Documents of kinds no schema is known for, which were not validated, and what a schema
   * that trails its upstream project did not know (not failures).
   */
  warnings: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function line(doc: ManifestDocument, path: string, message: string): string {
  return `${doc.file} doc ${doc.index}: ${path ? `${path}: ` : ''}${message}`;
}

function identity(value: Record<string, unknown>): string | undefined {
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  if (typeof value.kind !== 'string' || typeof metadata.name !== 'string') {
    return undefined;
  }
  const group =
    typeof value.apiVersion === 'string'
      ? value.apiVersion.split('/').slice(0, -1).join('/')
      : '';
  const namespace =
    typeof metadata.namespace === 'string' ? metadata.namespace : '';
  return `${value.kind}.${group} ${namespace}/${metadata.name}`;
}

/**
 * Validates manifest documents: KMOP resources (apiVersion `kmop.dev/…`)
 * against the KMOP schemas, everything else against the Kubernetes schemas
 * of its kind. Two documents for the same object are an error on the later.
 */
export async function validateDocuments(
  documents: readonly ManifestDocument[],
): Promise<DocumentsCheck> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const native: ManifestDocument[] = [];
  const seen = new Map<string, ManifestDocument>();

  for (const doc of documents) {
    const value = doc.value;
    if (!isRecord(value)) {
      errors.push(
        line(
          doc,
          '',
          'must be a Kubernetes object (a map with apiVersion and kind)',
        ),
      );
      continue;
    }
    const id = identity(value);
    const first = id ? seen.get(id) : undefined;
    if (first) {
      errors.push(
        line(
          doc,
          'metadata.name',
          `is already used by ${first.file} doc ${first.index} (${id})`,
        ),
      );
    } else if (id) {
      seen.set(id, doc);
    }
    if (
      typeof value.apiVersion === 'string' &&
      value.apiVersion.startsWith(`${KMOP_GROUP}/`)
    ) {
      const result = validateKmopResource(value);
      if (!result.ok) {
        errors.push(...result.errors.map(e => line(doc, e.path, e.message)));
      }
    } else {
      native.push(doc);
    }
  }

  const results = await validateNativeObjects(native.map(d => d.value));
  native.forEach((doc, i) => {
    const result = results[i];
    for (const w of result.warnings ?? []) {
      warnings.push(line(doc, w.path, w.message));
    }
    if (result.status === 'invalid') {
      errors.push(...result.errors.map(e => line(doc, e.path, e.message)));
    } else if (result.status === 'unknown') {
      const value = doc.value as Record<string, unknown>;
      warnings.push(
        line(
          doc,
          '',
          `${String(value.apiVersion)} ${String(
            value.kind,
          )} is not a kind KMOP has a schema for; not validated`,
        ),
      );
    }
  });
  return { errors, warnings };
}
