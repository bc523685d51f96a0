/** How KMOP authenticates to a cluster. */
export type KmopClusterAuth =
  | { type: 'serviceAccount'; token: string }
  | { type: 'none' };

/**
 * One cluster, read from the same `kubernetes.clusterLocatorMethods` config that
 * Backstage's Kubernetes plugin uses.
 */
export interface KmopClusterConfig {
  name: string;
  /** API server URL, e.g. `https://10.0.0.1:6443`. */
  url: string;
  auth: KmopClusterAuth;
  skipTLSVerify: boolean;
  /** PEM certificate authority data (already base64-decoded). */
  caData?: string;
}

/** A configured cluster KMOP cannot use, with the reason. */
export interface KmopClusterConfigProblem {
  name: string;
  message: string;
}
