import {
  ApiException,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  V1Lease,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { isRecord, parseApiVersion } from '@kmop/plugin-kmop-common';
import { FIELD_MANAGER } from './render';
import { WatchedResource, groupOf } from './resources';
import { KubeObject, ObjectMeta } from './types';

/** The HTTP status of a failed API call, if it reached the API server. */
export function statusCodeOf(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  const code = (error as { code?: unknown; statusCode?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** A short, loggable description of a failed API call; never the request's credentials. */
export function describeError(error: unknown): string {
  if (error instanceof ApiException) {
    const body = error.body as unknown;
    let message: string | undefined;
    if (typeof body === 'string') {
      try {
        message = (JSON.parse(body) as { message?: string }).message;
      } catch {
        message = body.slice(0, 200);
      }
    } else if (body && typeof body === 'object') {
      message = (body as { message?: string }).message;
    }
    return `HTTP ${error.code}${message ? `: ${message}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A list as the operator's informers read it. */
export interface KubeObjectList {
  metadata?: { resourceVersion?: string };
  items: KubeObject[];
}

/** An object with a name: what the operator needs of a listed item to key it. */
function hasName(value: unknown): value is { metadata: ObjectMeta } {
  return (
    isRecord(value) &&
    isRecord(value.metadata) &&
    typeof value.metadata.name === 'string'
  );
}

/**
 * The API server's list answer as KubeObjects. Lists leave apiVersion and kind out of their
 * items, and the cache keys on them, so each item gets the listed resource's.
 */
export function kubeObjectList(
  list: unknown,
  resource: WatchedResource,
): KubeObjectList {
  if (!isRecord(list) || !Array.isArray(list.items)) {
    throw new Error(`the ${resource.plural} list has no items`);
  }
  const metadata = isRecord(list.metadata) ? list.metadata : {};
  const items = list.items.map((item: unknown) => {
    if (!hasName(item)) {
      throw new Error(`a listed ${resource.kind} has no metadata.name`);
    }
    return { ...item, apiVersion: resource.apiVersion, kind: resource.kind };
  });
  return {
    metadata: {
      resourceVersion:
        typeof metadata.resourceVersion === 'string'
          ? metadata.resourceVersion
          : undefined,
    },
    items,
  };
}

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/**
 * The API calls the operator makes, on `@kubernetes/client-node`. Everything it calls is
 * here, so the ClusterRole test can check deploy/operator against this file's verbs.
 */
export class KubeClient {
  private readonly objects: KubernetesObjectApi;
  private readonly custom: CustomObjectsApi;
  private readonly core: CoreV1Api;
  private readonly coordination: CoordinationV1Api;

  constructor(options: { kubeConfig: KubeConfig }) {
    const kc = options.kubeConfig;
    this.objects = KubernetesObjectApi.makeApiClient(kc);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.core = kc.makeApiClient(CoreV1Api);
    this.coordination = kc.makeApiClient(CoordinationV1Api);
  }

  /** verb list: every object of a kind, in every namespace. */
  async list(resource: WatchedResource) {
    const { group, version } = parseApiVersion(resource.apiVersion);
    const list: unknown =
      group === ''
        ? await this.listCore(resource)
        : await this.custom.listClusterCustomObject({
            group,
            version,
            plural: resource.plural,
          });
    return kubeObjectList(list, resource);
  }

  private async listCore(resource: WatchedResource) {
    if (resource.plural !== 'services') {
      throw new Error(`no list call for core ${resource.plural}`);
    }
    return this.core.listServiceForAllNamespaces();
  }

  /** verb patch: server-side apply under the operator's field manager, taking over conflicts. */
  async apply(object: KubeObject): Promise<KubeObject> {
    return (await this.objects.patch(
      object,
      undefined,
      undefined,
      FIELD_MANAGER,
      true,
      PatchStrategy.ServerSideApply,
    )) as KubeObject;
  }

  /** verb delete, in the background as the garbage collector would. */
  async delete(object: KubeObject): Promise<void> {
    try {
      await this.objects.delete(
        {
          apiVersion: object.apiVersion,
          kind: object.kind,
          metadata: {
            name: object.metadata.name,
            namespace: object.metadata.namespace,
          },
        },
        undefined,
        undefined,
        undefined,
        undefined,
        'Background',
      );
    } catch (e) {
      if (statusCodeOf(e) !== 404) throw e;
    }
  }

  /** verb patch on the status subresource of a kmop.dev object (JSON merge patch). */
  async patchStatus(
    resource: WatchedResource,
    namespace: string,
    name: string,
    status: Record<string, unknown>,
  ): Promise<void> {
    const { group, version } = parseApiVersion(resource.apiVersion);
    await this.custom.patchNamespacedCustomObjectStatus(
      {
        group,
        version,
        namespace,
        plural: resource.plural,
        name,
        body: { status },
        fieldManager: FIELD_MANAGER,
      },
      MERGE_PATCH,
    );
  }

  /** verb create on core/v1 events. */
  async createEvent(namespace: string, event: Record<string, unknown>) {
    await this.core.createNamespacedEvent({
      namespace,
      body: event as never,
    });
  }

  /** verb get on coordination.k8s.io/v1 leases; undefined when there is none. */
  async getLease(
    namespace: string,
    name: string,
  ): Promise<V1Lease | undefined> {
    try {
      return await this.coordination.readNamespacedLease({ namespace, name });
    } catch (e) {
      if (statusCodeOf(e) === 404) return undefined;
      throw e;
    }
  }

  /** verb create on leases. */
  async createLease(namespace: string, lease: V1Lease): Promise<V1Lease> {
    return this.coordination.createNamespacedLease({ namespace, body: lease });
  }

  /** verb update on leases; a stale resourceVersion fails with 409. */
  async updateLease(namespace: string, lease: V1Lease): Promise<V1Lease> {
    return this.coordination.replaceNamespacedLease({
      namespace,
      name: lease.metadata!.name!,
      body: lease,
    });
  }
}

/** The API group of a watched resource, for RBAC rules. */
export const apiGroupOf = (r: WatchedResource) => groupOf(r.apiVersion);
