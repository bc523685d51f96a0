import { KubeClient } from './KubeClient';
import { KubeApiResource, resourcePath } from './discovery';
import { KubeRequestError } from './KubeRequestError';

/**
 * A manifest to apply: any Kubernetes object with apiVersion, kind and name.
 *
 * @public
 */
export interface KubeManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * Options of {@link applyServerSide}.
 *
 * @public
 */
export interface ApplyServerSideOptions {
  client: KubeClient;
  /** Discovery of the cluster, to find each kind's plural and scope. */
  resources: KubeApiResource[];
  manifest: KubeManifest;
  fieldManager: string;
  /** Server-side dry run: the server validates and answers, stores nothing. */
  dryRun?: boolean;
  /** Take ownership of fields another manager owns. */
  force?: boolean;
  /** Namespace for namespaced objects that name none. */
  defaultNamespace?: string;
}

/**
 * What the server answered for one applied object.
 *
 * @public
 */
export interface ApplyResult {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** `created` when the object did not exist before, else `configured`. */
  action: 'created' | 'configured';
  object: Record<string, unknown>;
}

/**
 * Server-side apply of one object, the way `kubectl apply --server-side` sends it
 * (a PATCH with `application/apply-patch+yaml`, whose JSON body is valid YAML).
 *
 * @public
 */
export async function applyServerSide(
  options: ApplyServerSideOptions,
): Promise<ApplyResult> {
  const { manifest, client } = options;
  const resource = options.resources.find(
    r => r.apiVersion === manifest.apiVersion && r.kind === manifest.kind,
  );
  if (!resource) {
    throw new KubeRequestError({
      kind: 'notFound',
      path: manifest.apiVersion,
      message: `${client.name} does not serve ${manifest.kind} in ${manifest.apiVersion}; install its CRD first`,
    });
  }
  const namespace = resource.namespaced
    ? manifest.metadata.namespace ?? options.defaultNamespace ?? 'default'
    : undefined;
  const path = resourcePath({
    group: resource.group,
    version: resource.version,
    plural: resource.plural,
    namespace,
    name: manifest.metadata.name,
  });
  const existed = await client
    .request({ path })
    .then(() => true)
    .catch(error => {
      if (error instanceof KubeRequestError && error.kind === 'notFound') {
        return false;
      }
      throw error;
    });
  const body = {
    ...manifest,
    metadata: { ...manifest.metadata, ...(namespace ? { namespace } : {}) },
  };
  const object = await client.request<Record<string, unknown>>({
    method: 'PATCH',
    path,
    query: {
      fieldManager: options.fieldManager,
      force: options.force ?? false,
      dryRun: options.dryRun ? 'All' : undefined,
    },
    contentType: 'application/apply-patch+yaml',
    body,
  });
  return {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    namespace,
    name: manifest.metadata.name,
    action: existed ? 'configured' : 'created',
    object,
  };
}
