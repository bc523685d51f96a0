import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { builtinResourceTypes } from './builtins';
import { establishedStatus, resourceTypeFromCrd } from './crds';
import { ApiError } from '../errors';
import { ResourceRegistry } from './registry';
import { KubeObject } from '../types';

const CRD_DIR = resolve(__dirname, '../../../../examples/cluster/crds');

function crd(
  overrides: Record<string, unknown> = {},
  name = 'widgets.example.com',
): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group: 'example.com',
      names: { kind: 'Widget', plural: 'widgets', shortNames: ['wd'] },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1beta1',
          served: true,
          storage: false,
          schema: { openAPIV3Schema: { type: 'object' } },
        },
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object' } },
        },
        {
          name: 'v1alpha1',
          served: false,
          storage: false,
          schema: { openAPIV3Schema: { type: 'object' } },
        },
      ],
      ...overrides,
    },
  };
}

function causesOf(obj: KubeObject) {
  try {
    resourceTypeFromCrd(obj);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(422);
    return (e as ApiError).details?.causes?.map(c => c.field);
  }
  throw new Error('expected a 422');
}

describe('resourceTypeFromCrd', () => {
  it('reads names, scope, served versions and the status subresource', () => {
    expect(resourceTypeFromCrd(crd())).toEqual({
      group: 'example.com',
      versions: ['v1', 'v1beta1'],
      storageVersion: 'v1',
      kind: 'Widget',
      listKind: 'WidgetList',
      plural: 'widgets',
      singular: 'widget',
      shortNames: ['wd'],
      categories: [],
      namespaced: true,
      statusSubresource: true,
      hasGeneration: true,
      returnDeletedObject: true,
      crdName: 'widgets.example.com',
    });
  });

  it('names every invalid field in one 422', () => {
    expect(
      causesOf(
        crd({
          group: 'nodot',
          names: { plural: 'Bad_Plural' },
          scope: 'Everywhere',
          versions: [{ name: 'v1', served: true }],
        }),
      ),
    ).toEqual([
      'spec.group',
      'spec.names.plural',
      'spec.names.kind',
      'metadata.name',
      'spec.scope',
      'spec.versions[0].schema.openAPIV3Schema',
      'spec.versions',
    ]);
  });

  it('refuses to take over a resource that is already served', () => {
    const registry = new ResourceRegistry(builtinResourceTypes());
    const takeover = crd(
      { group: 'apps', names: { kind: 'Deployment', plural: 'deployments' } },
      'deployments.apps',
    );
    expect(() => resourceTypeFromCrd(takeover, registry)).toThrow(
      /already served/,
    );
  });

  it('describes the Established status with the accepted names', () => {
    const status = establishedStatus(
      resourceTypeFromCrd(crd()),
      '2025-01-01T00:00:00Z',
    );
    expect(status.conditions).toEqual([
      expect.objectContaining({ type: 'NamesAccepted', status: 'True' }),
      expect.objectContaining({ type: 'Established', status: 'True' }),
    ]);
    expect(status.acceptedNames).toMatchObject({
      kind: 'Widget',
      plural: 'widgets',
      shortNames: ['wd'],
    });
    expect(status.storedVersions).toEqual(['v1']);
  });

  it('accepts every shipped ecosystem CRD, one per file, with a status subresource where upstream has one', () => {
    const files = readdirSync(CRD_DIR).filter(f => f.endsWith('.yaml'));
    expect(files).toHaveLength(12);
    for (const file of files) {
      const type = resourceTypeFromCrd(
        parse(readFileSync(join(CRD_DIR, file), 'utf8')),
      );
      expect(`${type.plural}.${type.group}.yaml`).toBe(file);
      expect(type.statusSubresource).toBe(type.kind !== 'AnalysisTemplate');
      expect(type.namespaced).toBe(true);
    }
  });
});
