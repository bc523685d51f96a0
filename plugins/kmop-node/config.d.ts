import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * KMOP reads its clusters from the same configuration as Backstage's
   * Kubernetes plugin, which declares this block in full; these are the keys
   * KMOP uses, declared here too so that they stay secret without that plugin.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      /** Only `config` locators are read by KMOP. */
      type: string;
      clusters?: Array<{
        /** Unique cluster name; KMOP's views and errors name clusters by it. */
        name: string;
        /** API server URL. */
        url: string;
        /** `serviceAccount` (default) or `none`; others are reported as unsupported. */
        authProvider?: string;
        /**
         * Bearer token for `serviceAccount`.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /** Skip TLS certificate verification. Default false. */
        skipTLSVerify?: boolean;
        /**
         * Base64-encoded PEM certificate authority.
         * @visibility secret
         */
        caData?: string;
        /**
         * Path to a PEM certificate authority file.
         * @visibility secret
         */
        caFile?: string;
      }>;
    }>;
  };
  /** KMOP settings read by the shared cluster cache. */
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
  };
}
