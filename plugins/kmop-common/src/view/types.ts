/**
 * The view model the KMOP backend serves for one catalog entity: every gateway route,
 * SLO, rollout and resilience policy found for it, whatever CRD it was written as.
 */

/** How an item is doing, in the one vocabulary every source kind is mapped onto. */
export type KmopHealth = 'ok' | 'progressing' | 'degraded' | 'unknown';

/** Where an item came from. */
export interface KmopSource {
  /** Cluster name as configured in `kubernetes.clusterLocatorMethods`. */
  cluster: string;
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  name: string;
}

/** Fields every view item carries. */
export interface KmopItemBase {
  /** Stable key: `<cluster>/<apiVersion>/<kind>/<namespace>/<name>` (plus a suffix when one object yields several items). */
  id: string;
  source: KmopSource;
  health: KmopHealth;
  /** Why the health is what it is, in words a person can act on. */
  healthReason: string;
  /** Informational flags such as `paused`, `evictions blocked`, `overridden`. */
  badges: string[];
}

/** A path, method or header match of a route rule. */
export interface KmopRouteMatch {
  path?: { type: string; value: string };
  method?: string;
  headers?: { name: string; value: string; type?: string }[];
  /** gRPC service/method matches (GRPCRoute). */
  grpc?: { service?: string; method?: string };
}

/** A backend of a route rule, with its configured weight and resulting traffic share. */
export interface KmopRouteBackend {
  name: string;
  namespace?: string;
  port?: number;
  /** Subset (Istio) or kind when it is not a Service. */
  subset?: string;
  weight: number;
  /** weight / sum of weights of the rule, in [0, 1]; 0 when all weights are 0. */
  share: number;
}

export interface KmopRouteRule {
  name?: string;
  matches: KmopRouteMatch[];
  backends: KmopRouteBackend[];
  timeouts?: { request?: string; backendRequest?: string };
}

export interface KmopRouteParent {
  name: string;
  namespace?: string;
  sectionName?: string;
  kind?: string;
  /** Condition `Accepted` of this parent, when reported. */
  accepted?: boolean;
  /** Condition `ResolvedRefs` of this parent, when reported. */
  resolvedRefs?: boolean;
  message?: string;
}

export interface KmopRouteView extends KmopItemBase {
  hostnames: string[];
  parents: KmopRouteParent[];
  rules: KmopRouteRule[];
  /** A URL a person can open, when the source says or implies one. */
  url?: string;
}

/** How an SLO's service level indicator is measured. */
export interface KmopSloIndicator {
  type: 'ratio' | 'latency' | 'raw' | 'plugin' | 'boolGauge' | 'unknown';
  /** PromQL for bad events (ratio) or slow requests (latency), when known. */
  errorQuery?: string;
  /** PromQL for all events, when known. */
  totalQuery?: string;
  /** PromQL for the error ratio itself (Sloth raw SLIs). */
  errorRatioQuery?: string;
  /** PromQL for good events: Pyrra's latency `success` metric or its bool_gauge metric. */
  goodQuery?: string;
  /** Latency threshold, for latency indicators (e.g. `300ms`). */
  threshold?: string;
}

export interface KmopBurnRate {
  /** Window such as `5m`, `1h`, `6h`, `3d`. */
  window: string;
  /** Error ratio over the window divided by the error budget (1 − objective). */
  rate: number;
}

export interface KmopBurnRateAlert {
  severity: 'page' | 'ticket';
  longWindow: string;
  shortWindow: string;
  /** Burn rate both windows must exceed. */
  threshold: number;
  /** True when both windows' burn rates are known and above the threshold. */
  firing?: boolean;
}

export interface KmopSloView extends KmopItemBase {
  /** Name of this objective (a Sloth object may hold several). */
  name: string;
  description?: string;
  /** The objective as a ratio in (0, 1), e.g. 0.999. */
  objective: number;
  /** SLO period such as `30d`. */
  window: string;
  indicator: KmopSloIndicator;
  /** Observed SLI over the window as a ratio, when known. */
  sli?: number;
  /** 1 − (error ratio ÷ budget); negative once the budget is overspent. */
  errorBudgetRemaining?: number;
  burnRates: KmopBurnRate[];
  alerts: KmopBurnRateAlert[];
  /** Where the SLI figures came from. */
  dataSource: 'prometheus' | 'status' | 'none';
  /** When the figures were computed (ISO 8601), when known. */
  evaluatedAt?: string;
}

export interface KmopRolloutStep {
  index: number;
  type:
    | 'setWeight'
    | 'pause'
    | 'analysis'
    | 'experiment'
    | 'setCanaryScale'
    | 'other';
  /** Canary weight for `setWeight`. */
  weight?: number;
  /** Pause length; absent on a `pause` step means until promoted by hand. */
  duration?: string;
  /** Analysis templates, for `analysis` steps. */
  templates?: string[];
  state: 'done' | 'current' | 'pending';
}

export interface KmopRolloutView extends KmopItemBase {
  strategy: 'canary' | 'blueGreen' | 'rolling' | 'recreate' | 'unknown';
  /** The source's own phase word (`Healthy`, `Paused`, `Progressing`, `Succeeded`…). */
  phase?: string;
  message?: string;
  steps: KmopRolloutStep[];
  currentStepIndex?: number;
  /** Traffic weight currently on the canary, 0–100. */
  canaryWeight?: number;
  stableRevision?: string;
  canaryRevision?: string;
  aborted: boolean;
  paused: boolean;
  pauseReasons: string[];
  replicas?: {
    desired?: number;
    updated?: number;
    ready?: number;
    available?: number;
  };
  services?: {
    active?: string;
    preview?: string;
    canary?: string;
    stable?: string;
  };
  /** The analysis run of the current step or the background analysis. */
  analysis?: { name?: string; status: string; message?: string };
  /** Flagger: failed checks so far and the threshold that triggers a rollback. */
  failedChecks?: number;
  failureThreshold?: number;
  /** Rolling-update limits (Deployment, KMOP rolling strategy): an integer or a percentage like `25%`. */
  rolling?: { maxSurge?: number | string; maxUnavailable?: number | string };
  /** The workload the rollout drives, when it is a reference (Flagger, KMOP). */
  target?: { kind: string; name: string };
}

/** One resilience setting a policy applies. */
export interface KmopResilienceSetting {
  type:
    | 'timeout'
    | 'retry'
    | 'circuitBreaker'
    | 'connectionPool'
    | 'outlierDetection'
    | 'rateLimit'
    | 'bulkhead'
    | 'fault'
    | 'disruptionBudget'
    | 'autoscaling';
  /** One line a person can read, e.g. `3 attempts on 5xx,reset, 2s per try`. */
  summary: string;
  /** The individual values, for tooltips and tests. */
  values: Record<string, string | number | boolean>;
}

export interface KmopResilienceView extends KmopItemBase {
  /** What the policy applies to (a host, Service, route or workload). */
  target?: string;
  settings: KmopResilienceSetting[];
}

/** The state of one cluster's cache, as seen by the backend. */
export interface KmopClusterStatus {
  name: string;
  state: 'syncing' | 'ready' | 'error';
  error?: {
    /** What failed: `unreachable`, `timeout`, `unauthorized`, `forbidden`, `server`, `malformed`, `config`. */
    kind: string;
    /** HTTP status when the cluster answered. */
    status?: number;
    message: string;
    /** The resource the error is about, when it is about one (e.g. `argoproj.io/v1alpha1/rollouts`). */
    resource?: string;
  };
  /** Set while the data served from this cluster may be out of date (ISO 8601). */
  staleSince?: string;
  /** Last time every watched kind was in sync (ISO 8601). */
  lastSyncedAt?: string;
}

/** What the backend looked for in the clusters for an entity. */
export interface KmopEntityTarget {
  /** KMOP service name (`kmop.dev/service-name`), matched on `spec.serviceRef` and `app.kubernetes.io/name`. */
  serviceName?: string;
  /** Label selector objects must match (from `backstage.io/kubernetes-id` or `-label-selector`). */
  labelSelector?: string;
  namespace?: string;
  cluster?: string;
}

/** Everything KMOP knows about one catalog entity. */
export interface KmopEntityView {
  entityRef: string;
  target: KmopEntityTarget;
  routes: KmopRouteView[];
  slos: KmopSloView[];
  rollouts: KmopRolloutView[];
  resilience: KmopResilienceView[];
  clusters: KmopClusterStatus[];
  /** ISO 8601. */
  generatedAt: string;
}
