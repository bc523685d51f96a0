import { kubeObjectList } from './kube';

const routes = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  plural: 'httproutes',
};

describe('kubeObjectList', () => {
  it('stamps each item with the listed kind and keeps the resourceVersion', () => {
    const list = kubeObjectList(
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRouteList',
        metadata: { resourceVersion: '42' },
        items: [{ metadata: { name: 'a', namespace: 'n' }, spec: { x: 1 } }],
      },
      routes,
    );
    expect(list).toEqual({
      metadata: { resourceVersion: '42' },
      items: [
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: 'a', namespace: 'n' },
          spec: { x: 1 },
        },
      ],
    });
  });

  it('refuses an answer that is not a list of named objects', () => {
    expect(() => kubeObjectList({ kind: 'Status' }, routes)).toThrow(
      'the httproutes list has no items',
    );
    expect(() =>
      kubeObjectList({ items: [{ metadata: { namespace: 'n' } }] }, routes),
    ).toThrow('a listed HTTPRoute has no metadata.name');
  });
});
