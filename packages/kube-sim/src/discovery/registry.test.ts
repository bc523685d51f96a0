import { builtinResourceTypes } from './builtins';
import { ResourceRegistry, compareKubeVersions } from './registry';
import { ResourceType } from '../types';

const rollouts: ResourceType = {
  group: 'argoproj.io',
  versions: ['v1alpha1'],
  storageVersion: 'v1alpha1',
  kind: 'Rollout',
  listKind: 'RolloutList',
  plural: 'rollouts',
  singular: 'rollout',
  shortNames: ['ro'],
  categories: [],
  namespaced: true,
  statusSubresource: true,
  hasGeneration: true,
  returnDeletedObject: true,
  crdName: 'rollouts.argoproj.io',
};

describe('compareKubeVersions', () => {
  it('orders GA, then beta, then alpha, newest first, then anything else', () => {
    expect(
      ['v1alpha1', 'v2', 'foo', 'v1beta2', 'v1', 'v1beta1', 'v1alpha3'].sort(
        compareKubeVersions,
      ),
    ).toEqual([
      'v2',
      'v1',
      'v1beta2',
      'v1beta1',
      'v1alpha3',
      'v1alpha1',
      'foo',
    ]);
  });
});

describe('ResourceRegistry', () => {
  it('finds built-ins by group, version and plural or kind', () => {
    const registry = new ResourceRegistry(builtinResourceTypes());
    expect(registry.find('apps', 'v1', 'deployments')?.kind).toBe('Deployment');
    expect(registry.find('apps', 'v2', 'deployments')).toBeUndefined();
    expect(
      registry.findByKind('autoscaling', 'v2', 'HorizontalPodAutoscaler')
        ?.plural,
    ).toBe('horizontalpodautoscalers');
    expect(registry.resourcesOf('', 'v1').map(t => t.plural)).toEqual([
      'namespaces',
      'pods',
      'services',
      'configmaps',
      'secrets',
      'limitranges',
      'resourcequotas',
      'events',
    ]);
  });

  it('lists built-in groups first, then added groups by name, and notifies on change', () => {
    const registry = new ResourceRegistry(builtinResourceTypes());
    const start = registry.generation;
    const changes: number[] = [];
    registry.onChange(() => changes.push(registry.generation - start));
    registry.put({
      ...rollouts,
      group: 'zeta.io',
      crdName: 'rollouts.zeta.io',
    });
    registry.put(rollouts);
    expect(registry.groups().map(g => g.name)).toEqual([
      'apps',
      'batch',
      'autoscaling',
      'policy',
      'networking.k8s.io',
      'coordination.k8s.io',
      'events.k8s.io',
      'apiextensions.k8s.io',
      'argoproj.io',
      'zeta.io',
    ]);
    registry.remove(rollouts);
    expect(
      registry.find('argoproj.io', 'v1alpha1', 'rollouts'),
    ).toBeUndefined();
    expect(changes).toEqual([1, 2, 3]);
  });

  it('merges the versions of one group and replaces a kind whose resource is re-put', () => {
    const registry = new ResourceRegistry([]);
    registry.put({ ...rollouts, versions: ['v1alpha1'] });
    registry.put({
      ...rollouts,
      plural: 'analysisruns',
      kind: 'AnalysisRun',
      versions: ['v1', 'v1alpha1'],
    });
    expect(registry.groups()).toEqual([
      { name: 'argoproj.io', versions: ['v1', 'v1alpha1'] },
    ]);
    registry.put({ ...rollouts, kind: 'RolloutV2' });
    expect(
      registry.findByKind('argoproj.io', 'v1alpha1', 'Rollout'),
    ).toBeUndefined();
    expect(
      registry.findByKind('argoproj.io', 'v1alpha1', 'RolloutV2')?.plural,
    ).toBe('rollouts');
  });
});
