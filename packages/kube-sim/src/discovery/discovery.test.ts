import { builtinResourceTypes } from './builtins';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  aggregatedDiscoveryVersion,
  apiGroupInfo,
  apiGroupList,
  apiResourceList,
  coreApiVersions,
} from './discovery';
import { ResourceRegistry } from './registry';

const KUBECTL_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('discovery', () => {
  const registry = new ResourceRegistry(builtinResourceTypes());

  it('recognises the aggregated discovery Accept header kubectl sends', () => {
    expect(aggregatedDiscoveryVersion(KUBECTL_ACCEPT)).toBe('v2');
    expect(
      aggregatedDiscoveryVersion(
        'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
      ),
    ).toBe('v2beta1');
    expect(aggregatedDiscoveryVersion('application/json')).toBeUndefined();
    expect(aggregatedDiscoveryVersion(undefined)).toBeUndefined();
    expect(aggregatedContentType('v2')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
  });

  it('serves the legacy documents', () => {
    expect(coreApiVersions('127.0.0.1:6443')).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [
        { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' },
      ],
    });
    expect(
      apiGroupList(registry).groups.find(g => g.name === 'autoscaling'),
    ).toEqual({
      name: 'autoscaling',
      versions: [{ groupVersion: 'autoscaling/v2', version: 'v2' }],
      preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
    });
    expect(apiGroupInfo(registry, 'policy')).toMatchObject({
      kind: 'APIGroup',
      name: 'policy',
    });
    expect(apiGroupInfo(registry, 'nope.io')).toBeUndefined();
  });

  it('lists resources with kind, scope, verbs, short names and the status subresource', () => {
    const list = apiResourceList(registry, 'apps', 'v1');
    expect(list?.groupVersion).toBe('apps/v1');
    expect(list?.resources.slice(0, 2)).toEqual([
      {
        name: 'deployments',
        singularName: 'deployment',
        namespaced: true,
        kind: 'Deployment',
        verbs: [
          'create',
          'delete',
          'deletecollection',
          'get',
          'list',
          'patch',
          'update',
          'watch',
        ],
        shortNames: ['deploy'],
        categories: ['all'],
      },
      {
        name: 'deployments/status',
        singularName: '',
        namespaced: true,
        kind: 'Deployment',
        verbs: ['get', 'patch', 'update'],
      },
    ]);
    expect(
      apiResourceList(registry, '', 'v1')?.resources.find(
        r => r.name === 'namespaces',
      )?.namespaced,
    ).toBe(false);
    expect(apiResourceList(registry, 'apps', 'v9')).toBeUndefined();
  });

  it('serves aggregated discovery with responseKind and scope for every resource', () => {
    const core = aggregatedDiscovery(registry, true, 'v2');
    expect(core.apiVersion).toBe('apidiscovery.k8s.io/v2');
    const coreResources = core.items[0].versions[0].resources;
    expect(coreResources.find(r => r.resource === 'configmaps')).toEqual({
      resource: 'configmaps',
      responseKind: { group: '', version: 'v1', kind: 'ConfigMap' },
      scope: 'Namespaced',
      singularResource: 'configmap',
      verbs: expect.arrayContaining(['list', 'watch']),
      shortNames: ['cm'],
    });
    const groups = aggregatedDiscovery(registry, false, 'v2');
    const crds = groups.items.find(
      i => i.metadata.name === 'apiextensions.k8s.io',
    )?.versions[0].resources[0];
    expect(crds).toMatchObject({
      resource: 'customresourcedefinitions',
      scope: 'Cluster',
      subresources: [{ subresource: 'status' }],
    });
    expect(
      groups.items.every(i => i.versions.every(v => v.freshness === 'Current')),
    ).toBe(true);
  });
});
