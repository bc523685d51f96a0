import { KmopRouteView } from '@kmop/plugin-kmop-common';
import { KmopItems, ObjectIndex } from './ObjectIndex';
import { KubeObject } from './types';

function route(object: KubeObject, cluster: string): KmopRouteView {
  const name = object.metadata?.name ?? '';
  return {
    id: `${cluster}/${object.metadata?.namespace}/${name}`,
    source: {
      cluster,
      apiVersion: 'v1',
      kind: 'Test',
      namespace: object.metadata?.namespace,
      name,
    },
    health: 'ok',
    healthReason: '',
    badges: [],
    hostnames: [],
    parents: [],
    rules: [],
  };
}

function index() {
  const normalize = jest.fn(
    (object: KubeObject, cluster: string): KmopItems => ({
      routes: [route(object, cluster)],
      slos: [],
      rollouts: [],
      resilience: [],
    }),
  );
  return { index: new ObjectIndex({ normalize }), normalize };
}

function obj(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  spec?: object,
): KubeObject {
  return { metadata: { name, namespace, labels }, spec };
}

const names = (items: KmopItems) => items.routes.map(r => r.source.name);

describe('ObjectIndex', () => {
  it('finds objects by serviceRef, name label or label selector, within namespace and cluster', () => {
    const { index: idx } = index();
    const a = idx.sinkFor('a', 'x/v1/things');
    const b = idx.sinkFor('b', 'x/v1/things');
    a.upsert(obj('by-ref', 'ns1', {}, { serviceRef: 'pay' }));
    a.upsert(obj('by-label', 'ns1', { 'app.kubernetes.io/name': 'pay' }));
    a.upsert(obj('other', 'ns1', { 'app.kubernetes.io/name': 'shop' }));
    b.upsert(
      obj('by-id', 'ns2', { 'backstage.io/kubernetes-id': 'pay', tier: 'web' }),
    );

    expect(names(idx.lookup({ serviceName: 'pay' }))).toEqual([
      'by-label',
      'by-ref',
    ]);
    expect(
      names(idx.lookup({ labelSelector: 'backstage.io/kubernetes-id=pay' })),
    ).toEqual(['by-id']);
    expect(
      names(
        idx.lookup({
          labelSelector: 'backstage.io/kubernetes-id in (pay),tier!=db',
        }),
      ),
    ).toEqual(['by-id']);
    expect(names(idx.lookup({ labelSelector: 'tier,!missing' }))).toEqual([
      'by-id',
    ]);
    expect(names(idx.lookup({ serviceName: 'pay', namespace: 'ns2' }))).toEqual(
      [],
    );
    expect(
      names(idx.lookup({ labelSelector: 'tier=web', cluster: 'a' })),
    ).toEqual([]);
  });

  it('follows updates and deletes, re-indexing changed labels', () => {
    const { index: idx } = index();
    const sink = idx.sinkFor('a', 'x/v1/things');
    sink.upsert(obj('o', 'ns', { 'app.kubernetes.io/name': 'pay' }));
    sink.upsert(obj('o', 'ns', { 'app.kubernetes.io/name': 'shop' }));
    expect(names(idx.lookup({ serviceName: 'pay' }))).toEqual([]);
    expect(names(idx.lookup({ serviceName: 'shop' }))).toEqual(['o']);
    sink.remove(obj('o', 'ns', {}));
    expect(names(idx.lookup({ serviceName: 'shop' }))).toEqual([]);
    expect(idx.size).toBe(0);
  });

  it('replaces a resource after a re-list, dropping what disappeared', () => {
    const { index: idx } = index();
    const sink = idx.sinkFor('a', 'x/v1/things');
    sink.upsert(obj('gone', 'ns', { 'app.kubernetes.io/name': 'pay' }));
    sink.upsert(obj('kept', 'ns', { 'app.kubernetes.io/name': 'pay' }));
    idx
      .sinkFor('a', 'y/v1/others')
      .upsert(obj('elsewhere', 'ns', { 'app.kubernetes.io/name': 'pay' }));
    sink.replaceAll([obj('kept', 'ns', { 'app.kubernetes.io/name': 'pay' })]);
    expect(names(idx.lookup({ serviceName: 'pay' }))).toEqual([
      'elsewhere',
      'kept',
    ]);
    idx.dropResource('a', 'y/v1/others');
    expect(names(idx.lookup({ serviceName: 'pay' }))).toEqual(['kept']);
  });

  it('keeps only what fieldsToNormalize gives until the first lookup, and normalizes that', () => {
    const normalize = jest.fn(
      (object: KubeObject, cluster: string): KmopItems => ({
        routes: [route(object, cluster)],
        slos: [],
        rollouts: [],
        resilience: [],
      }),
    );
    const idx = new ObjectIndex({
      normalize,
      fieldsToNormalize: ({ spec: _spec, ...rest }) => rest,
    });
    const object = obj(
      'o',
      'ns',
      { 'app.kubernetes.io/name': 'pay' },
      { serviceRef: 'pay', template: { big: true } },
    );
    idx.sinkFor('a', 'r').upsert(object);
    // Found by the whole object's serviceRef, normalized from the trimmed one.
    expect(names(idx.lookup({ serviceName: 'pay' }))).toEqual(['o']);
    expect(normalize).toHaveBeenCalledWith(
      {
        metadata: {
          name: 'o',
          namespace: 'ns',
          labels: object.metadata!.labels,
        },
      },
      'a',
    );
    expect(object.spec).toEqual({ serviceRef: 'pay', template: { big: true } });
  });

  it('normalizes an object once per change, not per lookup', () => {
    const { index: idx, normalize } = index();
    idx
      .sinkFor('a', 'r')
      .upsert(obj('o', 'ns', { 'app.kubernetes.io/name': 'pay' }));
    for (let i = 0; i < 5; i++) idx.lookup({ serviceName: 'pay' });
    expect(normalize).toHaveBeenCalledTimes(1);
  });
});
