import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * KMOP reads its clusters from the same configuration as Backstage's
   * Kubernetes plugin, which declares this block in full; these are the keys
   * KMOP uses, declared here too so that they stay secret without that plugin.
   */
  kubernetes?: {
    /**
     * Google credentials (JSON: a service account key or an external account)
     * for `googleServiceAccount` clusters; without it, Application Default
     * Credentials are used.
     * @visibility secret
     */
    googleServiceAccountCredentials?: string;
    clusterLocatorMethods?: Array<{
      /**
       * `config`, `catalog`, `gke` or `localKubectlProxy`, read as Backstage's
       * Kubernetes plugin reads them. `catalog` needs the KMOP backend plugin.
       */
      type: string;
      /** `catalog`: hosts (`*.example.com` allowed) that may be private or plain HTTP. */
      dangerouslyAllowClusterUrls?: string[];
      /** `catalog`: honour `kubernetes.io/skip-tls-verify` annotations. Default false. */
      dangerouslyAllowSkipTLSVerify?: boolean;
      /** `gke`: the Google Cloud project. */
      projectId?: string;
      /** `gke`: the region or zone; default `-` (all). */
      region?: string;
      /** `gke`: only clusters with all these resource labels. */
      matchingResourceLabels?: Array<{ key: string; value: string }>;
      /** `gke`: `public` (default) or `dns` endpoints. */
      endpointType?: string;
      /** `gke`: `google` (per user; KMOP cannot use it) or `googleServiceAccount`. */
      authProvider?: string;
      /** `gke`: skip TLS verification of the listed clusters. Default false. */
      skipTLSVerify?: boolean;
      /** `config`: the clusters. */
      clusters?: Array<{
        /** Unique cluster name; KMOP's views and errors name clusters by it. */
        name: string;
        /** Name shown to people. */
        title?: string;
        /** API server URL. */
        url: string;
        /**
         * `serviceAccount`, `aws`, `googleServiceAccount`, `azure`,
         * `localKubectlProxy` or `none` (no credentials). The per-user providers
         * `oidc`, `google` and `aks` cannot feed KMOP's shared cache; such a
         * cluster is shown with an error saying what to configure instead.
         */
        authProvider?: string;
        /**
         * Provider settings as Backstage reads them, e.g.
         * `kubernetes.io/auth-provider`, `kubernetes.io/x-k8s-aws-id`.
         */
        authMetadata?: { [key: string]: string };
        /**
         * Bearer token for `serviceAccount`; without it, the pod's mounted
         * service account token is used.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /** `aws`: the role to assume before signing. */
        assumeRole?: string;
        /** `aws`: the external id the role requires. */
        externalId?: string;
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
        /** The cluster's dashboard; KMOP links to it from the cluster's status. */
        dashboardUrl?: string;
        /** The dashboard's kind (`standard`, `rancher`, `openshift`, `gke`, `aks`, `eks`). */
        dashboardApp?: string;
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
      /**
       * How often the cluster locators are asked again, so that clusters
       * added to or removed from the catalog (or GKE) are followed. Default 1 minute.
       */
      clusterRefreshInterval?: HumanDuration | string;
    };
  };
}
