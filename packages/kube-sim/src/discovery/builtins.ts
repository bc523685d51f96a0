import { ResourceType } from '../types';

interface BuiltinSpec {
  group: string;
  version: string;
  kind: string;
  plural: string;
  shortNames?: string[];
  categories?: string[];
  namespaced?: boolean;
  status?: boolean;
  generation?: boolean;
  returnDeletedObject?: boolean;
}

function builtin(spec: BuiltinSpec): ResourceType {
  return {
    group: spec.group,
    versions: [spec.version],
    storageVersion: spec.version,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    plural: spec.plural,
    singular: spec.kind.toLowerCase(),
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    namespaced: spec.namespaced ?? true,
    statusSubresource: spec.status ?? false,
    hasGeneration: spec.generation ?? false,
    returnDeletedObject: spec.returnDeletedObject ?? false,
  };
}

const ALL = ['all'];

/**
 * The built-in kinds the simulator serves: the ones kubectl users reach for and every
 * kind Backstage's Kubernetes backend lists. Flags follow the upstream registry
 * strategies (status subresource, generation, what DELETE returns).
 */
export function builtinResourceTypes(): ResourceType[] {
  return [
    builtin({
      group: '',
      version: 'v1',
      kind: 'Namespace',
      plural: 'namespaces',
      shortNames: ['ns'],
      namespaced: false,
      status: true,
      returnDeletedObject: true,
    }),
    builtin({
      group: '',
      version: 'v1',
      kind: 'Pod',
      plural: 'pods',
      shortNames: ['po'],
      categories: ALL,
      status: true,
      generation: true,
      returnDeletedObject: true,
    }),
    builtin({
      group: '',
      version: 'v1',
      kind: 'Service',
      plural: 'services',
      shortNames: ['svc'],
      categories: ALL,
      status: true,
      returnDeletedObject: true,
    }),
    builtin({
      group: '',
      version: 'v1',
      kind: 'ConfigMap',
      plural: 'configmaps',
      shortNames: ['cm'],
    }),
    builtin({ group: '', version: 'v1', kind: 'Secret', plural: 'secrets' }),
    builtin({
      group: '',
      version: 'v1',
      kind: 'LimitRange',
      plural: 'limitranges',
      shortNames: ['limits'],
    }),
    builtin({
      group: '',
      version: 'v1',
      kind: 'ResourceQuota',
      plural: 'resourcequotas',
      shortNames: ['quota'],
      status: true,
    }),
    // Controllers record what they did; kubectl get events and kubectl events read these.
    builtin({
      group: '',
      version: 'v1',
      kind: 'Event',
      plural: 'events',
      shortNames: ['ev'],
    }),
    ...[
      { kind: 'Deployment', plural: 'deployments', shortNames: ['deploy'] },
      { kind: 'ReplicaSet', plural: 'replicasets', shortNames: ['rs'] },
      { kind: 'StatefulSet', plural: 'statefulsets', shortNames: ['sts'] },
      { kind: 'DaemonSet', plural: 'daemonsets', shortNames: ['ds'] },
    ].map(k =>
      builtin({
        group: 'apps',
        version: 'v1',
        ...k,
        categories: ALL,
        status: true,
        generation: true,
      }),
    ),
    builtin({
      group: 'batch',
      version: 'v1',
      kind: 'Job',
      plural: 'jobs',
      categories: ALL,
      status: true,
      generation: true,
    }),
    builtin({
      group: 'batch',
      version: 'v1',
      kind: 'CronJob',
      plural: 'cronjobs',
      shortNames: ['cj'],
      categories: ALL,
      status: true,
      generation: true,
    }),
    builtin({
      group: 'autoscaling',
      version: 'v2',
      kind: 'HorizontalPodAutoscaler',
      plural: 'horizontalpodautoscalers',
      shortNames: ['hpa'],
      categories: ALL,
      status: true,
      generation: true,
    }),
    builtin({
      group: 'policy',
      version: 'v1',
      kind: 'PodDisruptionBudget',
      plural: 'poddisruptionbudgets',
      shortNames: ['pdb'],
      status: true,
      generation: true,
    }),
    builtin({
      group: 'networking.k8s.io',
      version: 'v1',
      kind: 'Ingress',
      plural: 'ingresses',
      shortNames: ['ing'],
      status: true,
      generation: true,
    }),
    // Leader election: optimistic concurrency on resourceVersion is all a Lease needs.
    builtin({
      group: 'coordination.k8s.io',
      version: 'v1',
      kind: 'Lease',
      plural: 'leases',
    }),
    // The newer Events API. Upstream it shares storage with core/v1 Events under a field
    // conversion; here it is its own collection (see the README).
    builtin({
      group: 'events.k8s.io',
      version: 'v1',
      kind: 'Event',
      plural: 'events',
      shortNames: ['ev'],
    }),
    builtin({
      group: 'apiextensions.k8s.io',
      version: 'v1',
      kind: 'CustomResourceDefinition',
      plural: 'customresourcedefinitions',
      shortNames: ['crd', 'crds'],
      namespaced: false,
      status: true,
      generation: true,
      returnDeletedObject: true,
    }),
  ];
}
