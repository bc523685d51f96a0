import {
  isRecord,
  KMOP_GROUP,
  parseApiVersion,
  validateKmopResource,
} from '@kmop/plugin-kmop-common';
import {
  DocumentProblem,
  formatDocumentProblem,
  ManifestDocument,
} from './manifestDocuments';
import { validateNativeObjects } from './validateNative';

/**
 * What validating manifest documents found.
 *
 * @public
 */
export interface DocumentsCheck {
  /** Every problem, in document order. */
  problems: DocumentProblem[];
  /** The same problems as lines a person reads: `<file> doc <n>: <path>: <message>`. */
  errors: string[];
  /**
   * Documents of kinds no schema is known for, which were not validated, and what a schema
   * that trails its upstream project did not know (not failures).
   */
  warnings: string[];
}

function identity(value: Record<string, unknown>): string | undefined {
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  if (typeof value.kind !== 'string' || typeof metadata.name !== 'string') {
    return undefined;
  }
  const group =
    typeof value.apiVersion === 'string'
      ? parseApiVersion(value.apiVersion).group
      : '';
  const namespace =
    typeof metadata.namespace === 'string' ? metadata.namespace : '';
  return `${value.kind}.${group} ${namespace}/${metadata.name}`;
}

function line(doc: ManifestDocument, path: string, message: string): string {
  return `${doc.file} doc ${doc.index}: ${path ? `${path}: ` : ''}${message}`;
}

/**
 * Validates manifest documents: KMOP resources (apiVersion `kmop.dev/…`)
 * against the KMOP schemas, everything else against the Kubernetes schemas
 * of its kind. Two documents for the same object are an error on the later.
 *
 * @public
 */
export async function validateDocuments(
  documents: readonly ManifestDocument[],
): Promise<DocumentsCheck> {
  const problems: DocumentProblem[] = [];
  const problem = (doc: ManifestDocument, path: string, message: string) =>
    problems.push({ file: doc.file, document: doc.index, path, message });
  const warnings: string[] = [];
  const native: ManifestDocument[] = [];
  const seen = new Map<string, ManifestDocument>();

  for (const doc of documents) {
    const value = doc.value;
    if (!isRecord(value)) {
      problem(
        doc,
        '',
        'must be a Kubernetes object (a map with apiVersion and kind)',
      );
      continue;
    }
    const id = identity(value);
    const first = id ? seen.get(id) : undefined;
    if (first) {
      problem(
        doc,
        'metadata.name',
        `is already used by ${first.file} doc ${first.index} (${id})`,
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
        for (const e of result.errors) problem(doc, e.path, e.message);
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
      for (const e of result.errors) problem(doc, e.path, e.message);
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
  return { problems, errors: problems.map(formatDocumentProblem), warnings };
}
