import { InputError } from '@backstage/errors';
import { Document, isMap, isScalar, parseAllDocuments, YAMLMap } from 'yaml';

/** What to annotate and with which values. */
export interface AnnotateCatalogInfoOptions {
  /** The file's text. */
  source: string;
  /** Workspace-relative path, for error messages. */
  displayPath: string;
  /** Name of the Component to annotate; may be left out when the file holds exactly one. */
  entityName?: string;
  /** Annotation keys and values to set. */
  annotations: Record<string, string>;
}

export interface AnnotateCatalogInfoResult {
  text: string;
  entityName: string;
  /** 1-based index of the annotated document in the file. */
  documentIndex: number;
}

function scalarString(doc: Document, path: string[]): string | undefined {
  const node = doc.getIn(path, true);
  return isScalar(node) && typeof node.value === 'string'
    ? node.value
    : undefined;
}

/**
 * Sets annotations on one Component of a (possibly multi-document)
 * catalog-info.yaml through yaml's Document API, so comments, key order and
 * the other documents survive.
 */
export function annotateCatalogInfo(
  options: AnnotateCatalogInfoOptions,
): AnnotateCatalogInfoResult {
  const { source, displayPath, entityName, annotations } = options;
  const docs = parseAllDocuments(source);
  if (!Array.isArray(docs)) {
    throw new InputError(`${displayPath} holds no YAML documents`);
  }
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      throw new InputError(
        `${displayPath} doc ${index + 1}: ${doc.errors[0].message}`,
      );
    }
  });

  const components = docs
    .map((doc, index) => ({
      doc,
      index,
      name: scalarString(doc, ['metadata', 'name']),
    }))
    .filter(c => scalarString(c.doc, ['kind']) === 'Component');
  const names = components.map(c => c.name ?? '(unnamed)').join(', ');

  let target: (typeof components)[number] | undefined;
  if (entityName !== undefined) {
    target = components.find(c => c.name === entityName);
    if (!target) {
      throw new InputError(
        `input.entityName: ${displayPath} has no Component named "${entityName}" (Components: ${
          names || 'none'
        })`,
      );
    }
  } else if (components.length === 1) {
    target = components[0];
  } else {
    throw new InputError(
      components.length === 0
        ? `${displayPath} holds no Component to annotate`
        : `input.entityName is required: ${displayPath} holds ${components.length} Components (${names})`,
    );
  }

  const existing = target.doc.getIn(['metadata', 'annotations'], true);
  if (isScalar(existing) && existing.value === null) {
    // `annotations:` with nothing after it parses as null.
    target.doc.setIn(['metadata', 'annotations'], new YAMLMap());
  } else if (existing !== undefined && !isMap(existing)) {
    throw new InputError(
      `${displayPath} doc ${
        target.index + 1
      }: metadata.annotations must be a map`,
    );
  }
  for (const [key, value] of Object.entries(annotations)) {
    target.doc.setIn(['metadata', 'annotations', key], value);
  }

  return {
    // lineWidth 0 keeps long lines (descriptions, URLs) as they were written.
    text: docs.map(doc => doc.toString({ lineWidth: 0 })).join(''),
    entityName: target.name ?? '',
    documentIndex: target.index + 1,
  };
}
