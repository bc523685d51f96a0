import { builtinResourceTypes } from './builtins';
import { openApiDocument, openApiIndex, schemaName } from './openapi';
import { ResourceRegistry } from './registry';
import { JsonObject, ResourceType } from '../types';

const widgets: ResourceType = {
  group: 'example.com',
  versions: ['v1'],
  storageVersion: 'v1',
  kind: 'Widget',
  listKind: 'WidgetList',
  plural: 'widgets',
  singular: 'widget',
  shortNames: [],
  categories: [],
  namespaced: false,
  statusSubresource: false,
  hasGeneration: true,
  returnDeletedObject: true,
  crdName: 'widgets.example.com',
};

type Doc = {
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, JsonObject> };
};

describe('OpenAPI v3', () => {
  const registry = new ResourceRegistry([...builtinResourceTypes(), widgets]);
  const declared: JsonObject = {
    type: 'object',
    properties: {
      spec: { type: 'object', properties: { size: { type: 'integer' } } },
    },
  };
  const lookup = (type: ResourceType) =>
    type === widgets ? declared : undefined;

  it('indexes every served group version with a content hash', () => {
    const index = openApiIndex(registry, lookup);
    expect(Object.keys(index.paths)).toEqual(
      expect.arrayContaining([
        'api/v1',
        'apis/apps/v1',
        'apis/autoscaling/v2',
        'apis/example.com/v1',
      ]),
    );
    expect(index.paths['apis/apps/v1'].serverRelativeURL).toMatch(
      /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{32}$/,
    );
  });

  it('gives each kind a PATCH operation with its group-version-kind and a fieldValidation parameter', () => {
    const doc = openApiDocument(
      registry,
      'apps',
      'v1',
      lookup,
    ) as unknown as Doc;
    const patch =
      doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']
        .patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
    });
    expect(patch.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'fieldValidation', in: 'query' }),
      ]),
    );
    expect(
      doc.paths[
        '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status'
      ].patch,
    ).toBeDefined();
    expect(
      doc.components.schemas['io.k8s.api.apps.v1.Deployment'][
        'x-kubernetes-group-version-kind'
      ],
    ).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
  });

  it("publishes a CRD's declared schema and cluster-scoped paths", () => {
    const doc = openApiDocument(
      registry,
      'example.com',
      'v1',
      lookup,
    ) as unknown as Doc;
    expect(Object.keys(doc.paths)).toEqual([
      '/apis/example.com/v1/widgets',
      '/apis/example.com/v1/widgets/{name}',
    ]);
    const schema = doc.components.schemas[schemaName(widgets, 'v1')];
    expect(schemaName(widgets, 'v1')).toBe('com.example.v1.Widget');
    expect(schema.properties).toMatchObject({
      spec: { properties: { size: { type: 'integer' } } },
      kind: { type: 'string' },
    });
    expect(
      openApiDocument(registry, 'example.com', 'v2', lookup),
    ).toBeUndefined();
  });

  it('changes the hash when a group changes', () => {
    const before = openApiIndex(registry, lookup).paths['apis/example.com/v1']
      .serverRelativeURL;
    registry.put({ ...widgets, shortNames: ['wd'], statusSubresource: true });
    expect(
      openApiIndex(registry, lookup).paths['apis/example.com/v1']
        .serverRelativeURL,
    ).not.toBe(before);
  });
});
