import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readFileSync } from 'node:fs';
import { KmopClusterConfig, KmopClusterConfigProblem } from './types';

/** The result of reading the cluster configuration. */
export interface KmopClusters {
  clusters: KmopClusterConfig[];
  /** Clusters that are configured but cannot be used, each with the reason. */
  problems: KmopClusterConfigProblem[];
}

const SUPPORTED_AUTH = ['serviceAccount', 'none'];

/**
 * Reads the clusters of every `type: config` entry of
 * `kubernetes.clusterLocatorMethods`, so that a cluster is configured once for
 * Backstage's Kubernetes plugin and KMOP. Other locator types are skipped: they
 * need Backstage's cluster supplier and are not supported yet.
 */
export function readKmopClusters(config: Config): KmopClusters {
  const clusters: KmopClusterConfig[] = [];
  const problems: KmopClusterConfigProblem[] = [];
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods) {
    if (method.getString('type') !== 'config') {
      continue;
    }
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      try {
        clusters.push(readCluster(cluster, name));
      } catch (error) {
        problems.push({ name, message: (error as Error).message });
      }
    }
  }
  const seen = new Set<string>();
  for (const cluster of clusters) {
    if (seen.has(cluster.name)) {
      throw new InputError(
        `kubernetes.clusterLocatorMethods: cluster name '${cluster.name}' is used twice; names must be unique`,
      );
    }
    seen.add(cluster.name);
  }
  return { clusters, problems };
}

function readCluster(cluster: Config, name: string): KmopClusterConfig {
  const url = cluster.getString('url');
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error('not http');
    }
  } catch {
    throw new InputError(
      `cluster '${name}': url '${url}' is not an http(s) URL`,
    );
  }
  const authProvider =
    cluster.getOptionalString('authProvider') ??
    authMetadataProvider(cluster) ??
    'serviceAccount';
  if (!SUPPORTED_AUTH.includes(authProvider)) {
    throw new InputError(
      `cluster '${name}': authProvider '${authProvider}' is not supported by KMOP yet; use ${SUPPORTED_AUTH.join(
        ' or ',
      )}`,
    );
  }
  const skipTLSVerify = cluster.getOptionalBoolean('skipTLSVerify') ?? false;
  const caData = readCa(cluster);
  if (authProvider === 'none') {
    return { name, url, auth: { type: 'none' }, skipTLSVerify, caData };
  }
  const token = cluster.getOptionalString('serviceAccountToken');
  if (!token) {
    throw new InputError(
      `cluster '${name}': authProvider serviceAccount needs serviceAccountToken`,
    );
  }
  return {
    name,
    url,
    auth: { type: 'serviceAccount', token },
    skipTLSVerify,
    caData,
  };
}

// `authMetadata` keys contain dots, which Config's getters treat as paths.
function authMetadataProvider(cluster: Config): string | undefined {
  const metadata = cluster.getOptional('authMetadata');
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    const value = metadata['kubernetes.io/auth-provider'];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

function readCa(cluster: Config): string | undefined {
  const caData = cluster.getOptionalString('caData');
  if (caData) {
    return Buffer.from(caData, 'base64').toString('utf8');
  }
  const caFile = cluster.getOptionalString('caFile');
  return caFile ? readFileSync(caFile, 'utf8') : undefined;
}
