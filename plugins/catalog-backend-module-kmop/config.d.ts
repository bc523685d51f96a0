import { HumanDuration } from '@backstage/types';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The KMOP entity provider: every KMOP `Microservice` in the clusters of
       * `kubernetes.clusterLocatorMethods` becomes a catalog Component.
       */
      kmop?: {
        /** Whether the provider runs. Default true. */
        enabled?: boolean;
        /** Names of the clusters to read. Default: every configured cluster. */
        clusters?: string[];
        /** Namespaces to read. Default: every namespace. */
        namespaces?: string[];
        /**
         * How often every entity is written again in one full mutation, besides
         * the changes applied as they happen. Default 5 minutes.
         */
        resyncInterval?: HumanDuration | string;
      };
    };
  };
}
