import { ResourceRegistry } from './registry';
import { ResourceType, groupVersion } from '../types';

/** The Kubernetes version the simulator reports; kubectl 1.32 is within its skew. */
export const KUBE_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-kube-sim',
};

export const RESOURCE_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const STATUS_VERBS = ['get', 'patch', 'update'];

/** Which aggregated discovery version an Accept header asks for, if any. */
export function aggregatedDiscoveryVersion(
  accept: string | undefined,
): 'v2' | 'v2beta1' | undefined {
  if (!accept) {
    return undefined;
  }
  for (const part of accept.split(',')) {
    const params = part.split(';').map(p => p.trim());
    if (
      params[0] === 'application/json' &&
      params.includes('g=apidiscovery.k8s.io') &&
      params.includes('as=APIGroupDiscoveryList')
    ) {
      if (params.includes('v=v2')) {
        return 'v2';
      }
      if (params.includes('v=v2beta1')) {
        return 'v2beta1';
      }
    }
  }
  return undefined;
}

/** The Content-Type of an aggregated discovery reply. */
export function aggregatedContentType(version: 'v2' | 'v2beta1') {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

export function versionInfo() {
  return {
    ...KUBE_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: `${process.platform}/${
      process.arch === 'x64' ? 'amd64' : process.arch
    }`,
  };
}

/** `GET /api`. */
export function coreApiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(name: string, versions: string[]) {
  return {
    name,
    versions: versions.map(v => ({
      groupVersion: groupVersion(name, v),
      version: v,
    })),
    preferredVersion: {
      groupVersion: groupVersion(name, versions[0]),
      version: versions[0],
    },
  };
}

/** `GET /apis`. */
export function apiGroupList(registry: ResourceRegistry) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry.groups().map(g => apiGroup(g.name, g.versions)),
  };
}

/** `GET /apis/{group}`, or undefined if no such group is served. */
export function apiGroupInfo(registry: ResourceRegistry, name: string) {
  const group = registry.groups().find(g => g.name === name);
  return group
    ? {
        kind: 'APIGroup',
        apiVersion: 'v1',
        ...apiGroup(group.name, group.versions),
      }
    : undefined;
}

/** `GET /api/v1` or `/apis/{group}/{version}`, or undefined if nothing is served there. */
export function apiResourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
) {
  const types = registry.resourcesOf(group, version);
  if (types.length === 0) {
    return undefined;
  }
  const resources = types.flatMap((t: ResourceType) => {
    const main = {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: RESOURCE_VERBS,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
    };
    if (!t.statusSubresource) {
      return [main];
    }
    const status = {
      name: `${t.plural}/status`,
      singularName: '',
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: STATUS_VERBS,
    };
    return [main, status];
  });
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion(group, version),
    resources,
  };
}

function discoveryResource(t: ResourceType, version: string) {
  const responseKind = { group: t.group, version, kind: t.kind };
  return {
    resource: t.plural,
    responseKind,
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: RESOURCE_VERBS,
    ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length ? { categories: t.categories } : {}),
    ...(t.statusSubresource
      ? {
          subresources: [
            { subresource: 'status', responseKind, verbs: STATUS_VERBS },
          ],
        }
      : {}),
  };
}

function discoveryGroup(
  registry: ResourceRegistry,
  name: string,
  versions: string[],
) {
  return {
    metadata: { name, creationTimestamp: null },
    versions: versions.map(version => ({
      version,
      resources: registry
        .resourcesOf(name, version)
        .map(t => discoveryResource(t, version)),
      freshness: 'Current',
    })),
  };
}

/** The aggregated discovery document for `/api` (core) or `/apis` (all other groups). */
export function aggregatedDiscovery(
  registry: ResourceRegistry,
  core: boolean,
  version: 'v2' | 'v2beta1',
) {
  const items = core
    ? [discoveryGroup(registry, '', ['v1'])]
    : registry.groups().map(g => discoveryGroup(registry, g.name, g.versions));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items,
  };
}
