import { InputError } from '@backstage/errors';
import { isDeepStrictEqual } from 'node:util';
import { Document, parseAllDocuments } from 'yaml';

/**
 * An object about to be written: enough to name its file.
 *
 * @public
 */
export interface ManifestObject {
  kind: string;
  metadata: { name: string };
}

/**
 * `<kind>-<name>.yaml`, lower case.
 *
 * @public
 */
export function manifestFileName(object: ManifestObject): string {
  return `${object.kind}-${object.metadata.name}.yaml`.toLowerCase();
}

/**
 * One object as one YAML document. Values go through the yaml library, never
 * a string template, and the text is parsed back: it must hold exactly the
 * object, in one document, or nothing is written.
 *
 * @public
 */
export function toYamlDocument(object: object, header: string): string {
  const doc = new Document(object);
  doc.commentBefore = ` ${header}`;
  const text = doc.toString({ lineWidth: 0 });
  const back = parseAllDocuments(text);
  const plain = JSON.parse(JSON.stringify(object));
  if (
    !Array.isArray(back) ||
    back.length !== 1 ||
    back[0].errors.length > 0 ||
    !isDeepStrictEqual(back[0].toJS(), plain)
  ) {
    const { kind, metadata } = object as ManifestObject;
    throw new InputError(
      `${kind} ${metadata?.name}: its YAML does not read back as the same single document`,
    );
  }
  return text;
}
