import { KubeClient } from './KubeClient';

/**
 * A resource an API server serves, as discovery reports it.
 *
 * @public
 */
export interface KubeApiResource {
  group: string;
  version: string;
  /** `group/version`, or `version` for the core group. */
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  verbs: string[];
}

interface ApiResourceList {
  resources?: {
    name: string;
    kind: string;
    namespaced: boolean;
    verbs?: string[];
  }[];
}

interface ApiGroupList {
  groups?: { name: string; versions?: { version: string }[] }[];
}

/**
 * Lists the resources a cluster serves through legacy discovery. `groups`, when
 * given, limits the group versions fetched (`''` is the core group) so a caller
 * interested in a few kinds does not read every group of a large cluster.
 *
 * @public
 */
export async function discoverApiResources(
  client: KubeClient,
  options: { groups?: string[]; signal?: AbortSignal } = {},
): Promise<KubeApiResource[]> {
  const wanted = options.groups ? new Set(options.groups) : undefined;
  const groupVersions: { group: string; version: string }[] = [];
  if (!wanted || wanted.has('')) {
    groupVersions.push({ group: '', version: 'v1' });
  }
  const groups = await client.request<ApiGroupList>({
    path: '/apis',
    signal: options.signal,
  });
  for (const group of groups?.groups ?? []) {
    if (wanted && !wanted.has(group.name)) continue;
    for (const version of group.versions ?? []) {
      groupVersions.push({ group: group.name, version: version.version });
    }
  }
  const lists = await Promise.all(
    groupVersions.map(async ({ group, version }) => {
      const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
      const list = await client.request<ApiResourceList>({
        path,
        signal: options.signal,
      });
      return (list?.resources ?? [])
        .filter(r => !r.name.includes('/'))
        .map(r => ({
          group,
          version,
          apiVersion: group ? `${group}/${version}` : version,
          kind: r.kind,
          plural: r.name,
          namespaced: r.namespaced,
          verbs: r.verbs ?? [],
        }));
    }),
  );
  return lists.flat();
}

/**
 * The REST path of a collection or one object.
 *
 * @public
 */
export function resourcePath(options: {
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
}): string {
  const root = options.group
    ? `/apis/${options.group}/${options.version}`
    : `/api/${options.version}`;
  const ns = options.namespace
    ? `/namespaces/${encodeURIComponent(options.namespace)}`
    : '';
  const name = options.name ? `/${encodeURIComponent(options.name)}` : '';
  return `${root}${ns}/${options.plural}${name}`;
}
