import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  KmopEntityView,
  KmopOrgPage,
  KmopOrgQuery,
} from '@kmop/plugin-kmop-common';
import { KmopApi, KmopEntityReadinessResponse } from './KmopApi';

/**
 * Options of {@link KmopClient}.
 *
 * @public
 */
export interface KmopClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/**
 * The KMOP backend's HTTP API (`/api/kmop`).
 *
 * @public
 */
export class KmopClient implements KmopApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: KmopClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityView(entityRef: CompoundEntityRef): Promise<KmopEntityView> {
    return this.request<KmopEntityView>(entityPath(entityRef));
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
    const baseUrl = await this.discoveryApi.getBaseUrl('kmop');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      // The entity routes answer 404 for an unknown entity or item too, so a 404 only
      // means "not installed" when the plugin's own health route is missing as well.
      if (response.status === 404 && !(await this.isInstalled(baseUrl))) {
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

  private async isInstalled(baseUrl: string): Promise<boolean> {
    try {
      const health = await this.fetchApi.fetch(`${baseUrl}/health`);
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
