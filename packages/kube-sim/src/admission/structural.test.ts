import { join, resolve } from 'node:path';
import { schemaOfCrd } from '.';
import { readSeeds } from '../demo/seeds';
import { KubeObject } from '../types';
import { pruneAndDefault } from './structural';

const REPO = resolve(__dirname, '../../../..');

describe('pruning and defaulting', () => {
  it('drops undeclared fields and nulls, keeps preserved ones, fills defaults', () => {
    const schema = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            replicas: { type: 'integer', default: 2 },
            ports: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  port: { type: 'integer' },
                  protocol: { type: 'string', default: 'TCP' },
                },
              },
            },
            extra: {
              type: 'object',
              'x-kubernetes-preserve-unknown-fields': true,
            },
            labels: {
              type: 'object',
              additionalProperties: { type: 'string' },
            },
            note: { type: 'string' },
          },
        },
        status: { type: 'object', properties: { ready: { type: 'boolean' } } },
      },
    };
    const obj = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', anything: 1 },
      spec: {
        ports: [{ port: 80, bogus: true }],
        extra: { free: { form: 1 } },
        labels: { a: 'b' },
        note: null,
        typo: 3,
      },
      status: { ready: true, children: ['x'] },
    };
    expect(pruneAndDefault(schema, obj)).toEqual([
      'spec.ports[0].bogus',
      'spec.typo',
      'status.children',
    ]);
    expect(obj).toEqual({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', anything: 1 },
      spec: {
        ports: [{ port: 80, protocol: 'TCP' }],
        extra: { free: { form: 1 } },
        labels: { a: 'b' },
        replicas: 2,
      },
      status: { ready: true },
    });
  });

  it('finds nothing to prune in the example cluster objects under their CRDs', async () => {
    const docs = await readSeeds([
      join(REPO, 'plugins/kmop-common/crds'),
      join(REPO, 'examples/cluster'),
    ]);
    const crds = new Map<string, KubeObject>();
    for (const { object } of docs) {
      if (object.kind === 'CustomResourceDefinition') {
        const spec = object.spec as { group: string; names: { kind: string } };
        crds.set(`${spec.group}/${spec.names.kind}`, object);
      }
    }
    const pruned: string[] = [];
    for (const { object } of docs) {
      const [group, version] = object.apiVersion.split('/');
      const crd = crds.get(`${group}/${object.kind}`);
      const schema = crd && schemaOfCrd(crd, version);
      if (schema) {
        const copy = structuredClone(object);
        for (const p of pruneAndDefault(schema, copy)) {
          pruned.push(`${object.kind} ${object.metadata.name}: ${p}`);
        }
      }
    }
    expect(pruned).toEqual([]);
  });
});
