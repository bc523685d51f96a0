import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orderSeeds, parseSeedText, readSeeds } from './seeds';

describe('seeds', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-seeds-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads folders recursively, multi-document, CRDs then Namespaces first', async () => {
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    writeFileSync(
      join(dir, 'a/app.yaml'),
      [
        'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r, namespace: shop}',
        '',
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}',
      ].join('\n---\n'),
    );
    writeFileSync(
      join(dir, 'a/b/crd.yml'),
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: rollouts.argoproj.io}\n',
    );
    writeFileSync(
      join(dir, 'list.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
        ],
      }),
    );
    writeFileSync(join(dir, 'notes.txt'), 'not a seed');
    const docs = await readSeeds([dir]);
    expect(docs.map(d => `${d.object.kind}/${d.object.metadata.name}`)).toEqual(
      [
        'CustomResourceDefinition/rollouts.argoproj.io',
        'Namespace/shop',
        'Rollout/r',
        'ConfigMap/c',
      ],
    );
    expect(docs[1]).toMatchObject({
      file: join(dir, 'a/app.yaml'),
      document: 3,
    });
  });

  it('names the file and document of a bad object or bad YAML', async () => {
    expect(() =>
      parseSeedText(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n',
        'x.yaml',
      ),
    ).toThrow('x.yaml: document 1: metadata.name is required');
    expect(() => parseSeedText('---\nkind: ConfigMap\n', 'y.yaml')).toThrow(
      'y.yaml: document 1: apiVersion is required',
    );
    expect(() => parseSeedText('a: [\n', 'z.yaml')).toThrow(
      /^z\.yaml: document 1: /,
    );
    expect(() => parseSeedText('- 1\n', 'w.yaml')).toThrow(
      'w.yaml: document 1: expected a Kubernetes object',
    );
    await expect(readSeeds([join(dir, 'missing')])).rejects.toThrow(
      'seed path not found',
    );
  });

  it('keeps file order within each rank', () => {
    const doc = (kind: string, name: string, apiVersion = 'v1') => ({
      file: 'f',
      document: 1,
      object: { apiVersion, kind, metadata: { name } },
    });
    expect(
      orderSeeds([
        doc('ConfigMap', 'b'),
        doc('Namespace', 'n'),
        doc('ConfigMap', 'a'),
        doc('CustomResourceDefinition', 'x', 'apiextensions.k8s.io/v1'),
      ]).map(d => d.object.metadata.name),
    ).toEqual(['x', 'n', 'b', 'a']);
  });
});
