import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { CredentialSource } from '../auth/ClusterCredentials';
import { KubeClient } from '../client/KubeClient';
import { KmopClusterConfig, KmopClusterList } from '../config/types';
import { KmopClusterSupplier } from './KmopClusterSource';

/**
 * The clusters KMOP reaches and how it authenticates to them, shared by the
 * cache, the KMOP backend and the scaffolder module (a root service).
 *
 * @public
 */
export interface KmopClusterService {
  /**
   * The clusters every locator offers now, and those that cannot be used
   * (broken config, client-side auth providers, duplicate names), each with
   * the reason. Never throws: a failing locator becomes a problem.
   */
  list(): Promise<KmopClusterList>;
  /** A cluster by name, or undefined with the problem that keeps it out. */
  find(name: string): Promise<{
    cluster?: KmopClusterConfig;
    problem?: string;
    known: string[];
  }>;
  /** The credential source for a cluster (one per cluster, renewed before expiry). */
  credentials(cluster: KmopClusterConfig): CredentialSource;
  /** A client for a cluster with its credentials; close it when done. */
  client(
    cluster: KmopClusterConfig,
    options?: { requestTimeoutMs?: number },
  ): KubeClient;
  /** Adds a locator, e.g. a custom `KubernetesClustersSupplier`. */
  addClusterSupplier(supplier: KmopClusterSupplier): void;
  /**
   * Connects the `catalog` locators to the catalog. A root service cannot
   * reach the catalog itself; the KMOP backend plugin calls this.
   */
  useCatalog(deps: { catalog: CatalogService; auth: AuthService }): void;
  /** Adds or replaces the strategy of an auth provider. */
  addAuthStrategy(provider: string, strategy: AuthenticationStrategy): void;
}
