import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * KMOP backend. Clusters are not configured here: KMOP reads the same
   * `kubernetes.clusterLocatorMethods` (type `config`) as Backstage's Kubernetes
   * plugin, with auth providers `serviceAccount` and `none`.
   */
  kmop?: {
    /** How the cluster cache talks to the clusters. */
    cache?: {
      /**
       * Time allowed for one list or discovery request before the cluster is
       * reported as slow. Default 10 seconds.
       */
      requestTimeout?: HumanDuration | string;
      /**
       * How long the server keeps each watch open before KMOP opens the next
       * one from the last resourceVersion. Default 5 minutes.
       */
      watchTimeout?: HumanDuration | string;
      /** Objects per list page. Default 500. */
      pageSize?: number;
      /** First retry delay after an error; doubles up to `maxBackoff`. Default 1 second. */
      initialBackoff?: HumanDuration | string;
      /** Longest retry delay after repeated errors. Default 1 minute. */
      maxBackoff?: HumanDuration | string;
      /** How often the supported kinds are discovered again, to find new CRDs. Default 5 minutes. */
      rediscoveryInterval?: HumanDuration | string;
    };
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
