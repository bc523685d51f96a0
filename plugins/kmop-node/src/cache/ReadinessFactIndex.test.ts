import { ReadinessFactIndex } from './ReadinessFactIndex';

const app = { 'app.kubernetes.io/name': 'shop' };
const deployment = (
  namespace: string,
  labels: Record<string, string> = app,
) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'shop', namespace, labels },
  spec: { template: { metadata: { labels }, spec: { containers: [] } } },
});
const service = (namespace: string, name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { selector: app },
});

describe('ReadinessFactIndex', () => {
  it('finds a service’s workloads by name or selector, and the facts of their namespaces only', () => {
    const index = new ReadinessFactIndex();
    const apps = index.sinkFor('prod', 'apps/v1/deployments');
    const core = index.sinkFor('prod', 'v1/services');
    apps.replaceAll([deployment('shop'), deployment('other', { app: 'x' })]);
    core.replaceAll([service('shop', 'shop'), service('other', 'other')]);
    index.sinkFor('prod', 'v1/secrets').upsert({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'shop' },
    });

    const byName = index.lookup({ serviceName: 'shop' });
    expect(byName.facts.map(f => `${f.type}/${f.namespace}`)).toEqual([
      'workload/shop',
    ]);
    expect(
      byName.neighbours.map(f => `${f.type}/${f.namespace}/${f.name}`).sort(),
    ).toEqual(['service/shop/shop', 'workload/shop/shop']);
    expect(
      index.lookup({ labelSelector: 'app=x' }).facts.map(f => f.namespace),
    ).toEqual(['other']);
    expect(index.lookup({ serviceName: 'shop', cluster: 'dev' }).facts).toEqual(
      [],
    );
    // Secrets give no facts and are not kept.
    expect(index.size).toBe(4);

    core.remove(service('shop', 'shop'));
    expect(
      index.lookup({ serviceName: 'shop' }).neighbours.map(f => f.type),
    ).toEqual(['workload']);
    index.dropCluster('prod');
    expect(index.size).toBe(0);
    expect(index.lookup({ serviceName: 'shop' }).facts).toEqual([]);
  });
});
