import { parseApiPath } from './paths';

describe('parseApiPath', () => {
  it.each([
    ['/version', { kind: 'version' }],
    ['/healthz', { kind: 'health' }],
    ['/api', { kind: 'coreRoot' }],
    ['/apis', { kind: 'groupsRoot' }],
    ['/apis/apps', { kind: 'group', group: 'apps' }],
    ['/api/v1', { kind: 'groupVersion', group: '', version: 'v1' }],
    ['/apis/apps/v1', { kind: 'groupVersion', group: 'apps', version: 'v1' }],
    ['/openapi/v3', { kind: 'openapiIndex' }],
    [
      '/openapi/v3/api/v1',
      { kind: 'openapiDocument', group: '', version: 'v1' },
    ],
    [
      '/openapi/v3/apis/argoproj.io/v1alpha1',
      { kind: 'openapiDocument', group: 'argoproj.io', version: 'v1alpha1' },
    ],
    ['/openapi/v2', { kind: 'unknown' }],
    ['/nope', { kind: 'unknown' }],
  ])('classifies %s', (path, expected) => {
    expect(parseApiPath(path)).toEqual(expected);
  });

  it('reads collections, objects and subresources, namespaced or not', () => {
    const base = {
      kind: 'resource',
      group: 'apps',
      version: 'v1',
      watchPath: false,
    };
    expect(parseApiPath('/apis/apps/v1/deployments')).toEqual({
      ...base,
      plural: 'deployments',
    });
    expect(parseApiPath('/apis/apps/v1/namespaces/shop/deployments')).toEqual({
      ...base,
      plural: 'deployments',
      namespace: 'shop',
    });
    expect(
      parseApiPath('/apis/apps/v1/namespaces/shop/deployments/web/status'),
    ).toEqual({
      ...base,
      plural: 'deployments',
      namespace: 'shop',
      name: 'web',
      subresource: 'status',
    });
    expect(
      parseApiPath('/apis/apps/v1/watch/namespaces/shop/deployments/web'),
    ).toEqual({
      ...base,
      watchPath: true,
      plural: 'deployments',
      namespace: 'shop',
      name: 'web',
    });
    expect(
      parseApiPath(
        '/apis/apps/v1/namespaces/shop/deployments/web/status/extra',
      ),
    ).toEqual({ kind: 'unknown' });
  });

  it('tells a namespace object and its status apart from namespaced collections', () => {
    expect(parseApiPath('/api/v1/namespaces/shop')).toMatchObject({
      plural: 'namespaces',
      name: 'shop',
    });
    expect(parseApiPath('/api/v1/namespaces/shop/status')).toMatchObject({
      plural: 'namespaces',
      name: 'shop',
      subresource: 'status',
    });
    expect(parseApiPath('/api/v1/namespaces/shop/pods')).toMatchObject({
      plural: 'pods',
      namespace: 'shop',
    });
    expect(
      parseApiPath('/api/v1/namespaces/%E2%9C%93/pods/a%2Fb'),
    ).toMatchObject({ namespace: '✓', name: 'a/b' });
    expect(parseApiPath('/api/v1/namespaces/%E0%A4%A/pods')).toEqual({
      kind: 'unknown',
    });
  });
});
