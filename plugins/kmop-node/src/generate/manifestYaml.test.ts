import { parseAllDocuments } from 'yaml';
import { manifestFileName, toYamlDocument } from './manifestYaml';

describe('manifestFileName', () => {
  it('is <kind>-<name>.yaml in lower case', () => {
    expect(
      manifestFileName({ kind: 'HTTPRoute', metadata: { name: 'payments' } }),
    ).toBe('httproute-payments.yaml');
  });
});

describe('toYamlDocument', () => {
  it('writes one document with a header comment, whatever the values hold', () => {
    const object = {
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      data: { a: '---\nkind: Secret', b: "'quoted' # not a comment", c: '...' },
    };
    const text = toYamlDocument(object, 'Generated');
    expect(text.startsWith('# Generated\n')).toBe(true);
    const docs = parseAllDocuments(text);
    expect(Array.isArray(docs) ? docs.map(d => d.toJS()) : docs).toEqual([
      object,
    ]);
  });
});
