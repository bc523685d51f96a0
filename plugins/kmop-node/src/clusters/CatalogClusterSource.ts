import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_DASHBOARD_APP,
  ANNOTATION_KUBERNETES_DASHBOARD_URL,
  ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY,
} from '@backstage/plugin-kubernetes-common';
import { KmopClusterList } from '../config/types';
import { KmopClusterSource } from './KmopClusterSource';
import { validateCatalogClusterUrl } from './validateCatalogClusterUrl';

/**
 * Options of {@link CatalogClusterSource.fromConfig}.
 *
 * @public
 */
export interface CatalogClusterSourceOptions {
  catalog: CatalogService;
  auth: AuthService;
}

/**
 * `type: catalog`: Resource entities of type `kubernetes-cluster`, read as
 * Backstage's catalog locator reads them (same annotations, same refusal of
 * `serviceAccount` and of private or plain-HTTP URLs unless allowed by
 * `dangerouslyAllowClusterUrls`). Each call asks the catalog again, so the
 * cache follows clusters added to or removed from it.
 *
 * @public
 */
export class CatalogClusterSource implements KmopClusterSource {
  private readonly options: CatalogClusterSourceOptions;
  private readonly allowUrls: string[];
  private readonly allowSkipTLSVerify: boolean;

  static fromConfig(
    locator: Config,
    options: CatalogClusterSourceOptions,
  ): CatalogClusterSource {
    return new CatalogClusterSource(locator, options);
  }

  private constructor(locator: Config, options: CatalogClusterSourceOptions) {
    this.options = options;
    this.allowUrls =
      locator.getOptionalStringArray('dangerouslyAllowClusterUrls') ?? [];
    this.allowSkipTLSVerify =
      locator.getOptionalBoolean('dangerouslyAllowSkipTLSVerify') ?? false;
  }

  async getClusterList(): Promise<KmopClusterList> {
    const exists = (a: string) => [
      `metadata.annotations.${a}`,
      CATALOG_FILTER_EXISTS,
    ];
    const { items } = await this.options.catalog.getEntities(
      {
        filter: [
          {
            kind: 'Resource',
            'spec.type': 'kubernetes-cluster',
            ...Object.fromEntries([
              exists(ANNOTATION_KUBERNETES_API_SERVER),
              exists(ANNOTATION_KUBERNETES_API_SERVER_CA),
              exists(ANNOTATION_KUBERNETES_AUTH_PROVIDER),
            ]),
          },
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const list: KmopClusterList = { clusters: [], problems: [] };
    for (const entity of items) {
      try {
        list.clusters.push(await this.toCluster(entity));
      } catch (error) {
        list.problems.push({
          name: entity.metadata.name,
          message: `kubernetes-cluster Resource '${entity.metadata.name}': ${
            (error as Error).message
          }`,
        });
      }
    }
    return list;
  }

  private async toCluster(entity: Entity) {
    const annotations = entity.metadata.annotations ?? {};
    const authProvider = annotations[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
    if (authProvider === 'serviceAccount') {
      throw new Error(
        'the catalog locator does not support the serviceAccount auth provider (a token must not live in the catalog); use aws, googleServiceAccount or azure, or a config locator',
      );
    }
    const url = annotations[ANNOTATION_KUBERNETES_API_SERVER];
    await validateCatalogClusterUrl(url, this.allowUrls);
    const authMetadata: Record<string, string> = {};
    for (const [key, value] of Object.entries(annotations)) {
      // Only provider settings; never a token, like Backstage's locator.
      if (key.startsWith('kubernetes.io/') && key !== 'serviceAccountToken') {
        authMetadata[key] = value;
      }
    }
    return {
      name: entity.metadata.name,
      title: entity.metadata.title,
      url,
      authMetadata,
      caData: annotations[ANNOTATION_KUBERNETES_API_SERVER_CA],
      skipTLSVerify:
        this.allowSkipTLSVerify &&
        annotations[ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY] === 'true',
      dashboardUrl: annotations[ANNOTATION_KUBERNETES_DASHBOARD_URL],
      dashboardApp: annotations[ANNOTATION_KUBERNETES_DASHBOARD_APP],
    };
  }
}
