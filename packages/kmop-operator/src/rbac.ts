import {
  CHILD_RESOURCES,
  KMOP_RESOURCES,
  READ_RESOURCES,
  WatchedResource,
  groupOf,
} from './resources';

/** A ClusterRole or Role rule. */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/*
 * The verbs each of KubeClient's calls needs (src/kube.ts):
 * - informers: list + watch of every kind they cache (children, and the Gateways that
 *   GatewayRoutes' URLs are read from);
 * - apply: patch (server-side apply), and create, which the API server also checks when an
 *   apply creates the object;
 * - delete: delete of children no longer rendered;
 * - patchStatus: patch on the status subresource of the kmop.dev kinds;
 * - createEvent: create of core events;
 * - leader election: get, create and update of one Lease (a namespaced Role).
 */
const INFORMER_VERBS = ['list', 'watch'];
const CHILD_WRITE_VERBS = ['create', 'patch', 'delete'];

function byGroup(
  resources: readonly WatchedResource[],
  suffix: string,
  verbs: string[],
): PolicyRule[] {
  const groups = new Map<string, string[]>();
  for (const r of resources) {
    const g = groupOf(r.apiVersion);
    const plural = `${r.plural}${suffix}`;
    const list = groups.get(g) ?? [];
    if (!list.includes(plural)) list.push(plural);
    groups.set(g, list);
  }
  return [...groups.entries()].map(([g, plurals]) => ({
    apiGroups: [g],
    resources: plurals,
    verbs,
  }));
}

/** The ClusterRole rules the operator needs, derived from the kinds it watches and writes. */
export function clusterRoleRules(): PolicyRule[] {
  return [
    ...byGroup(KMOP_RESOURCES, '', INFORMER_VERBS),
    ...byGroup(KMOP_RESOURCES, '/status', ['patch']),
    ...byGroup(CHILD_RESOURCES, '', [...INFORMER_VERBS, ...CHILD_WRITE_VERBS]),
    ...byGroup(READ_RESOURCES, '', INFORMER_VERBS),
    { apiGroups: [''], resources: ['events'], verbs: ['create'] },
  ];
}

/** The Role rules in the operator's namespace: its leader Lease. */
export function leaseRoleRules(): PolicyRule[] {
  return [
    {
      apiGroups: ['coordination.k8s.io'],
      resources: ['leases'],
      verbs: ['get', 'create', 'update'],
    },
  ];
}
