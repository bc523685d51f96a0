import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * KMOP backend. Clusters are not configured here: KMOP reads the same
   * `kubernetes.clusterLocatorMethods` (type `config`) as Backstage's Kubernetes
   * plugin, with auth providers `serviceAccount` and `none`.
   */
  kmop?: {
    /**
     * Reuse of access checks. Each entity view reads the entity through the
     * catalog with the caller's credentials and asks the permission framework
     * for `kmop.entity.read`; that is most of what a view costs. KMOP keeps a
     * granted answer, per caller (user entity, or service subject) and entity,
     * for `cacheTtl`, and never answers one caller from another's. A denied
     * or missing entity is asked again on every request.
     *
     * What it means when a right is revoked: a caller who could see an entity
     * keeps seeing its KMOP view (and its items' source objects) for at most
     * `cacheTtl` after the catalog or the permission policy stops allowing it;
     * the same holds for a change of the entity's annotations. Set `cacheTtl`
     * to 0 to check on every request.
     */
    authorization?: {
      /** How long a granted access check is reused. Default 10 seconds; 0 turns reuse off. */
      cacheTtl?: HumanDuration | string;
      /** Most (caller, entity) pairs kept; the oldest are dropped first. Default 10000. */
      cacheSize?: number;
    };
    /**
     * Operating rollouts from Backstage: `POST /api/kmop/v1/entities/:kind/:namespace/:name/operations`
     * and the `operate-rollout` action (promote, promote-full, abort, retry, pause, resume,
     * restart, suspend — each tool's own semantics). Off unless `enabled` is true. Every
     * attempt needs the `kmop.rollout.operate` permission on the entity and is an auditor
     * event (`rollout-operate`); KMOP's cluster credentials then need `patch` on the kinds
     * listed in docs/operations-rbac.md.
     */
    operations?: {
      /**
       * Allow operations at all. Default false: every operation answers 403 saying to set
       * this key. The KMOP page reads it too, and shows no operation buttons without it.
       * @visibility frontend
       */
      enabled?: boolean;
      /**
       * Service principals (`subject` of the caller's credentials, e.g. the `subject` of a
       * static external-access token such as `mcp-clients`) that may operate. Backstage's
       * permission client lets service principals bypass the permission policy, so none
       * may operate unless listed here. Default: none.
       */
      allowServicePrincipals?: string[];
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
      /**
       * Queries in flight at once to each Prometheus at most; more wait their turn.
       * Default 16. The organisation page evaluates every listed service's SLOs (six
       * queries each), so at hundreds of services this is what Prometheus sees at once.
       */
      maxConcurrentQueries?: number;
      /**
       * How often each SLO viewed in the last 10 minutes is evaluated: one set
       * of queries per SLO per interval, shared by every open page (a page
       * hears of new figures by a signal). An SLO is also evaluated when first
       * viewed and when its object changes. Default 30 seconds.
       */
      evaluationInterval?: HumanDuration | string;
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
