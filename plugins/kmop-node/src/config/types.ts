import { ClusterDetails } from '@backstage/plugin-kubernetes-node';

/**
 * One cluster, exactly as Backstage's Kubernetes plugin describes it (its
 * `ClusterDetails`): `caData` is base64 as in app-config, `authMetadata` holds
 * `kubernetes.io/auth-provider` and the provider's settings.
 *
 * @public
 */
export type KmopClusterConfig = ClusterDetails;

/**
 * A configured cluster (or locator) KMOP cannot use, with the reason.
 *
 * @public
 */
export interface KmopClusterConfigProblem {
  name: string;
  message: string;
  /** The cluster's dashboard, when one is configured. */
  dashboardUrl?: string;
}

/**
 * Clusters found by the locators, and those that cannot be used.
 *
 * @public
 */
export interface KmopClusterList {
  clusters: KmopClusterConfig[];
  problems: KmopClusterConfigProblem[];
}
