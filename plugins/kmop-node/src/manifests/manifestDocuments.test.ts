import { parseManifestText } from './manifestDocuments';

describe('parseManifestText', () => {
  it('counts documents with YAML errors, and leaves empty ones out', () => {
    const parsed = parseManifestText(
      '---\na: 1\n---\nb: [\n---\n# only a comment\n---\nc: 3\n---\nd: 4\n---\ne: 5\n',
      'x.yaml',
    );
    expect(parsed.count).toBe(5);
    expect(parsed.documents.map(d => d.index)).toEqual([1, 4, 5, 6]);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ document: 2, path: '' }),
    ]);
  });
});
