import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * KMOP backend. Clusters are not configured here: KMOP reads the same
   * `kubernetes.clusterLocatorMethods` (type `config`) as Backstage's Kubernetes
   * plugin, with auth providers `serviceAccount` and `none`.
   */
  kmop?: {
    /**
     * Prometheus to compute SLIs, error budgets and burn rates from each SLO's
     * own queries. Without it, the SLO objects' status fields are shown.
     */
    prometheus?: {
      /** Base URL of the Prometheus HTTP API used for every cluster without its own, e.g. `http://prometheus:9090`. */
      baseUrl?: string;
      /** Time allowed for one query. Default 5 seconds. */
      timeout?: HumanDuration | string;
      /** Per-cluster Prometheus, by cluster name. */
      clusters?: Array<{
        /** Cluster name as in `kubernetes.clusterLocatorMethods`. */
        name: string;
        /** Base URL of that cluster's Prometheus HTTP API. */
        baseUrl: string;
      }>;
    };
  };
}
