import { parseAllDocuments } from 'yaml';

/**
 * One YAML document of a manifest file.
 *
 * @public
 */
export interface ManifestDocument {
  /** The file (or text) it came from, as shown in messages. */
  file: string;
  /** 1-based position in the file. */
  index: number;
  value: unknown;
}

/**
 * One problem in one document.
 *
 * @public
 */
export interface DocumentProblem {
  file: string;
  /** 1-based position of the document in its file. */
  document: number;
  /** Field path such as `spec.rules[0].backendRefs[1].weight`; empty for the document itself. */
  path: string;
  message: string;
}

/**
 * `<file> doc <n>: <path>: <message>`.
 *
 * @public
 */
export function formatDocumentProblem(problem: DocumentProblem): string {
  const { file, document, path, message } = problem;
  return `${file} doc ${document}: ${path ? `${path}: ` : ''}${message}`;
}

/**
 * The documents of one YAML text, and its syntax errors.
 *
 * @public
 */
export interface ParsedManifests {
  /** Non-empty documents that parsed, in order. */
  documents: ManifestDocument[];
  /**
   * How many documents the text holds, empty ones aside: those with syntax errors count too
   * (they are in `problems`, not in `documents`), so five documents with one broken are 5.
   */
  count: number;
  /** YAML syntax errors. */
  problems: DocumentProblem[];
  /** The same, as `<file> doc <n>: <message>`. */
  errors: string[];
}

/**
 * Parses every YAML document of a manifest text. A document with a syntax
 * error is reported and left out; empty documents are skipped.
 *
 * @public
 */
export function parseManifestText(text: string, file: string): ParsedManifests {
  const documents: ManifestDocument[] = [];
  const problems: DocumentProblem[] = [];
  const problem = (document: number, message: string) =>
    problems.push({ file, document, path: '', message });
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs))
    return { documents, problems, errors: [], count: 0 };
  let count = 0;
  for (const [d, doc] of docs.entries()) {
    const index = d + 1;
    if (doc.errors.length > 0) {
      count++;
      for (const e of doc.errors) problem(index, e.message);
      continue;
    }
    let value: unknown;
    try {
      // Caps alias expansion, so a small text cannot expand into a huge value.
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      count++;
      problem(index, (error as Error).message);
      continue;
    }
    if (value !== null && value !== undefined) {
      count++;
      documents.push({ file, index, value });
    }
  }
  return {
    documents,
    problems,
    errors: problems.map(formatDocumentProblem),
    count,
  };
}
