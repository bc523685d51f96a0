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
}
