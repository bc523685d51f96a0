import { Config } from '@backstage/config';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
  ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER,
} from '@backstage/plugin-kubernetes-common';
import { JsonObject } from '@backstage/types';
import { KmopClusterConfig, KmopClusterList } from '../config/types';
import { KmopClusterSource } from './KmopClusterSource';

/**
 * The clusters of one `type: config` locator, read as Backstage's
 * `ConfigClusterLocator` reads them (same keys, same `authMetadata`), except
 * that a broken cluster becomes a problem instead of stopping the backend.
 *
 * @public
 */
export class ConfigClusterSource implements KmopClusterSource {
  private readonly list: KmopClusterList;

  static fromConfig(locator: Config): ConfigClusterSource {
    return new ConfigClusterSource(readClusters(locator));
  }

  private constructor(list: KmopClusterList) {
    this.list = list;
  }

  async getClusterList(): Promise<KmopClusterList> {
    return this.list;
  }
}

function readClusters(locator: Config): KmopClusterList {
  const list: KmopClusterList = { clusters: [], problems: [] };
  for (const c of locator.getOptionalConfigArray('clusters') ?? []) {
    const name = c.getString('name');
    try {
      list.clusters.push(readCluster(c, name));
    } catch (error) {
      list.problems.push({ name, message: (error as Error).message });
    }
  }
  return list;
}

function readCluster(c: Config, name: string): KmopClusterConfig {
  const url = c.getString('url');
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') {
    throw new Error(`cluster '${name}': url '${url}' is not an http(s) URL`);
  }
  // `authMetadata` keys contain dots, which Config's getters read as paths.
  const authMetadataBlock = c.getOptional<JsonObject>('authMetadata') ?? {};
  const authMetadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(authMetadataBlock)) {
    if (typeof value === 'string') authMetadata[key] = value;
  }
  const authProvider =
    authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
    c.getOptionalString('authProvider');
  if (!authProvider) {
    throw new Error(
      `cluster '${name}' has no auth provider configured; set 'authProvider' or 'authMetadata.${ANNOTATION_KUBERNETES_AUTH_PROVIDER}'`,
    );
  }
  const optional = (key: string) => c.getOptionalString(key);
  const settings: Record<string, string | undefined> = {
    serviceAccountToken: optional('serviceAccountToken'),
    [ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE]: optional('assumeRole'),
    [ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID]: optional('externalId'),
    [ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER]: optional('oidcTokenProvider'),
  };
  const cluster: KmopClusterConfig = {
    name,
    url,
    skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
    skipMetricsLookup: c.getOptionalBoolean('skipMetricsLookup') ?? false,
    caData: optional('caData'),
    caFile: optional('caFile'),
    authMetadata: {
      [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: authProvider,
      ...Object.fromEntries(
        Object.entries(settings).filter(
          (e): e is [string, string] => e[1] !== undefined,
        ),
      ),
      ...authMetadata,
    },
  };
  const title = optional('title');
  if (title) cluster.title = title;
  const dashboardUrl = optional('dashboardUrl');
  if (dashboardUrl) cluster.dashboardUrl = dashboardUrl;
  const dashboardApp = optional('dashboardApp');
  if (dashboardApp) cluster.dashboardApp = dashboardApp;
  return cluster;
}
