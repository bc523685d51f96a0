import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  KmopEntityView,
  KmopOrgPage,
  KmopOrgQuery,
} from '@kmop/plugin-kmop-common';
import {
  KmopApi,
  KmopEntityReadinessResponse,
  KmopOperationRequest,
  KmopOperationResult,
} from './KmopApi';

/**
 * Options of {@link KmopClient}.
 *
 * @public
 */
export interface KmopClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/** A page shows a handful of entities; the client keeps the last views of this many. */
const MAX_KEPT_VIEWS = 20;

/**
 * The KMOP backend's HTTP API (`/api/kmop`).
 *
 * @public
 */
export class KmopClient implements KmopApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  /** The last view read per entity, with its ETag, to ask "changed since?". */
  private readonly views = new Map<
    string,
    { etag: string; view: KmopEntityView }
  >();

  constructor(options: KmopClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /**
   * Sends the ETag of the last view read for the entity; an unchanged view is
   * answered `304` with no body and the last view is returned, with
   * `generatedAt` set to now, since the backend just confirmed it.
   */
  async getEntityView(entityRef: CompoundEntityRef): Promise<KmopEntityView> {
    const path = entityPath(entityRef);
    const known = this.views.get(path);
    const response = await this.fetch(path, {
      // The browser's HTTP cache stays out of it: the ETag is handled here.
      cache: 'no-store',
      headers: known ? { 'If-None-Match': known.etag } : {},
    });
    if (response.status === 304 && known) {
      return { ...known.view, generatedAt: new Date().toISOString() };
    }
    const view = await this.read<KmopEntityView>(response);
    const etag = response.headers.get('ETag');
    this.views.delete(path);
    if (etag) {
      if (this.views.size >= MAX_KEPT_VIEWS) {
        this.views.delete(this.views.keys().next().value!);
      }
      this.views.set(path, { etag, view });
    }
    return view;
  }

  async getSourceObject(
    entityRef: CompoundEntityRef,
    itemId: string,
  ): Promise<string> {
    const body = await this.request<{ yaml: string }>(
      `${entityPath(entityRef)}/source?item=${encodeURIComponent(itemId)}`,
    );
    return body.yaml;
  }

  async operateRollout(
    entityRef: CompoundEntityRef,
    request: KmopOperationRequest,
  ): Promise<KmopOperationResult> {
    const response = await this.fetch(`${entityPath(entityRef)}/operations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    return this.read<KmopOperationResult>(response);
  }

  async getEntityReadiness(
    entityRef: CompoundEntityRef,
  ): Promise<KmopEntityReadinessResponse> {
    return this.request<KmopEntityReadinessResponse>(
      `/v1/readiness${entityPath(entityRef).slice('/v1'.length)}`,
    );
  }

  async listServices(query: KmopOrgQuery): Promise<KmopOrgPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return this.request<KmopOrgPage>(
      `/v1/readiness/services${search ? `?${search}` : ''}`,
    );
  }

  private async request<T>(path: string): Promise<T> {
    return this.read<T>(await this.fetch(path));
  }

  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('kmop');
    const url = `${baseUrl}${path}`;
    return init ? this.fetchApi.fetch(url, init) : this.fetchApi.fetch(url);
  }

  private async read<T>(response: Response): Promise<T> {
    if (!response.ok) {
      // The entity routes answer 404 for an unknown entity or item too, so a 404 only
      // means "not installed" when the plugin's own health route is missing as well.
      if (response.status === 404 && !(await this.isInstalled())) {
        throw new Error(
          'The KMOP backend is not installed (HTTP 404 from /api/kmop). Add ' +
            "backend.add(import('@kmop/plugin-kmop-backend')) to packages/backend/src/index.ts; " +
            'see the @kmop/plugin-kmop-backend README.',
        );
      }
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async isInstalled(): Promise<boolean> {
    try {
      const health = await this.fetch('/health');
      return health.status !== 404;
    } catch {
      // Unreachable: say nothing about installation, report the original response.
      return true;
    }
  }
}

function entityPath(ref: CompoundEntityRef): string {
  const parts = [ref.kind.toLocaleLowerCase('en-US'), ref.namespace, ref.name];
  return `/v1/entities/${parts.map(encodeURIComponent).join('/')}`;
}
