/**
 * The view model the KMOP backend serves for one catalog entity: every gateway route,
 * SLO, rollout and resilience policy found for it, whatever CRD it was written as.
 */

/**
 * How an item is doing, in the one vocabulary every source kind is mapped onto.
 *
 * @public
 */
export type KmopHealth = 'ok' | 'progressing' | 'degraded' | 'unknown';

/**
 * Where an item came from.
 *
 * @public
 */
export interface KmopSource {
  /** Cluster name as configured in `kubernetes.clusterLocatorMethods`. */
  cluster: string;
  /** apiVersion of the object. */
  apiVersion: string;
  /** Kind of the object. */
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  /** Name of the object. */
  name: string;
}

/**
 * Fields every view item carries.
 *
 * @public
 */
export interface KmopItemBase {
  /** Stable key: `<cluster>/<apiVersion>/<kind>/<namespace>/<name>` (plus a suffix when one object yields several items). */
  id: string;
  /** The Kubernetes object the item was read from. */
  source: KmopSource;
  /** How the item is doing: `ok`, `progressing`, `degraded` or `unknown`. */
  health: KmopHealth;
  /** Why the health is what it is, in words a person can act on. */
  healthReason: string;
  /** Informational flags such as `paused`, `evictions blocked`, `overridden`. */
  badges: string[];
  /**
   * `metadata.generation` of the object. Absent when the object does not carry one (objects
   * read from files, or API servers that do not set it) or when it is not an integer.
   */
  generation?: number;
  /**
   * The generation the controller last reported on (`status.observedGeneration`, or the
   * oldest `observedGeneration` of the conditions it reads). Absent when no controller has
   * reported one. When it is lower than {@link KmopItemBase.generation} the health is
   * `progressing` with a reason saying the object is not yet reconciled: the status shown is
   * for an older spec.
   */
  observedGeneration?: number;
  /**
   * Set when the kind does not always report the generation its controller observed:
   * `none` — the kind has no such field (Ingress, Pyrra's ServiceLevelObjective, Flagger's
   * Canary), so nothing can be said about it; `optional` — the field is optional
   * (HorizontalPodAutoscaler), so its absence means "not reported", not "not yet observed".
   * Absent for kinds whose controllers always report it.
   */
  observedGenerationField?: 'none' | 'optional';
  /**
   * Dotted paths of fields of this item (`window`, `replicas.desired`, `rolling.maxSurge`,
   * `failureThreshold`) whose value the object does not set: the documented default its
   * tool applies, so the page can label it as a default. Absent or empty when every value
   * shown was written in the object.
   */
  defaults?: string[];
  /**
   * The object's controller: its `metadata.ownerReferences` entry with `controller: true`
   * (e.g. the KMOP GatewayRoute an operator rendered this HTTPRoute from). Absent when the
   * object has none.
   */
  controller?: KmopOwnerRef;
  /**
   * The objects rendered from this one — those whose controller it is — that the same view
   * found, each with its own health and source. Set on KMOP items by the view assembly
   * ({@link nestRenderedObjects}); those objects are then not items of their own, so nothing
   * is counted twice. Absent when there are none.
   */
  rendered?: KmopRenderedObject[];
}

/**
 * An owner reference, as the view keeps it.
 *
 * @public
 */
export interface KmopOwnerRef {
  /** apiVersion of the owner. */
  apiVersion: string;
  /** Kind of the owner. */
  kind: string;
  /** Name of the owner. */
  name: string;
  /** UID of the owner. */
  uid?: string;
}

/**
 * An object rendered from a KMOP resource, as listed under it: the common fields of the item
 * it would otherwise be, and the view section that item belongs to. When the object yields
 * items in several sections, the one with the worst health stands for it.
 *
 * @public
 */
export interface KmopRenderedObject extends KmopItemBase {
  /** The view section the rendered object is listed in. */
  section: 'routes' | 'slos' | 'rollouts' | 'resilience';
  /**
   * For a Rollout or Canary rendered from a RolloutPolicy: the whole rollout item. Operations
   * on the policy act on this object, and which are offered depends on its own state
   * (`release/operations.ts`).
   */
  rollout?: KmopRolloutView;
}

/**
 * A Kubernetes-style condition, as the source reported it.
 *
 * @public
 */
export interface KmopReportedCondition {
  /** Condition type, e.g. `Ready`. */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: string;
  /** Machine-readable reason, when reported. */
  reason?: string;
  /** Message in words, when reported. */
  message?: string;
  /** ISO 8601, when reported. */
  lastTransitionTime?: string;
}

/**
 * A path, method or header match of a route rule.
 *
 * @public
 */
export interface KmopRouteMatch {
  /** Path the request must have. */
  path?: {
    /** `Exact`, `PathPrefix` or `RegularExpression` (as the source writes it). */
    type: string;
    /** The path or pattern. */
    value: string;
  };
  /** HTTP method the request must have. */
  method?: string;
  /** Headers the request must have. */
  headers?: {
    /** Header name. */
    name: string;
    /** Value to match. */
    value: string;
    /** `Exact` or `RegularExpression`, when written. */
    type?: string;
  }[];
  /**
   * gRPC service/method matches (GRPCRoute). `type` is `Exact` or `RegularExpression`; it is
   * always set, to `Exact` (GRPCRoute's default, listed in the route's `defaults` as
   * `rules[i].matches[j].grpc.type`) when the route leaves it out.
   */
  grpc?: {
    /** gRPC service, when matched. */
    service?: string;
    /** gRPC method, when matched. */
    method?: string;
    /** `Exact` or `RegularExpression`. */
    type: string;
  };
  /** Destination port the match is for (Istio `tcp`/`tls` and HTTP `port` matches). */
  port?: number;
  /** SNI hosts of an Istio `tls` route match. */
  sniHosts?: string[];
}

/**
 * A backend of a route rule, with its configured weight and resulting traffic share.
 *
 * @public
 */
export interface KmopRouteBackend {
  /** Service (or other backend) name. */
  name: string;
  /** Namespace of the backend, when it names one. */
  namespace?: string;
  /** Port number, when the source gives one (absent when it names the port instead). */
  port?: number;
  /** Port name, when the source names the port (Ingress `service.port.name`). */
  portName?: string;
  /** Subset (Istio) or kind when it is not a Service. */
  subset?: string;
  /**
   * Relative weight as written, or the source's default (Gateway API 1, Istio 100 for a lone
   * destination; listed in the route's `defaults`). Absent when this weight is malformed.
   */
  weight?: number;
  /**
   * weight / sum of weights of the rule, in [0, 1]; 0 when all weights are 0. Absent when any
   * weight of the rule is malformed, since no share can be computed then.
   */
  share?: number;
}

/** @public */
export interface KmopRouteRule {
  /** Name of the rule, when the source names it. */
  name?: string;
  /**
   * What the rule routes: `http` (the default; HTTPRoute, Ingress, Istio `http`), `grpc`,
   * `tcp` or `tls` (Istio `tcp`/`tls` routes, which match on port and SNI only).
   */
  protocol?: 'http' | 'grpc' | 'tcp' | 'tls';
  /** Requests the rule takes (any match may apply); empty means every request. */
  matches: KmopRouteMatch[];
  /** Where the rule sends traffic, with weights and shares. */
  backends: KmopRouteBackend[];
  /**
   * Timeouts as written. Gateway API defines a zero duration (`0s`) as "no timeout": such a
   * timeout is `disabled`, never `0s`. Absent when the rule sets none.
   */
  timeouts?: {
    /** Time the whole request may take. */
    request?: string;
    /** Time one try at a backend may take. */
    backendRequest?: string;
  };
}

/**
 * TLS termination of a route (Ingress `spec.tls`).
 *
 * @public
 */
export interface KmopRouteTls {
  /** Hosts the certificate is for; empty means the Ingress's hosts (controller default). */
  hosts: string[];
  /** Secret holding the certificate. Only its name is read, never the Secret. Absent when the entry names none (SNI-only or controller default certificate). */
  secretName?: string;
}

/** @public */
export interface KmopRouteParent {
  /** Name of the Gateway (or other parent) the route attaches to. */
  name: string;
  /** Namespace of the parent, when it names one. */
  namespace?: string;
  /** Listener of the parent, when it names one. */
  sectionName?: string;
  /** Kind of the parent, when not a Gateway. */
  kind?: string;
  /** Condition `Accepted` of this parent, when reported. */
  accepted?: boolean;
  /** Condition `ResolvedRefs` of this parent, when reported. */
  resolvedRefs?: boolean;
  /** Message of the parent's conditions, when reported. */
  message?: string;
}

/**
 * How a route checks its callers (KMOP GatewayRoute `spec.auth`).
 *
 * @public
 */
export interface KmopRouteAuth {
  /** `jwt` or `apiKey`, as written. */
  type: string;
  /**
   * The request header that carries the API key (`auth.apiKey.header`; a KMOP GatewayRoute
   * has no query-parameter form). Absent when the route does not set it.
   */
  apiKeyHeader?: string;
  /** The issuer a JWT must come from (`auth.jwt.issuer`), when set. */
  jwtIssuer?: string;
}

/** @public */
export interface KmopRouteView extends KmopItemBase {
  /** Hostnames the route answers for; empty means every hostname of its parents. */
  hostnames: string[];
  /** Gateways (or other parents) the route attaches to, with what they reported. */
  parents: KmopRouteParent[];
  /** Rules in order: matches and backends. */
  rules: KmopRouteRule[];
  /** A URL a person can open, when the source says or implies one. */
  url?: string;
  /** TLS entries (Ingress `spec.tls`). Absent when the source has no TLS block. */
  tls?: KmopRouteTls[];
  /** Caller authentication (KMOP GatewayRoute). Absent when the route checks no callers. */
  auth?: KmopRouteAuth;
}

/**
 * How an SLO's service level indicator is measured.
 *
 * @public
 */
export interface KmopSloIndicator {
  /** Kind of indicator: `ratio`, `latency`, `raw`, `plugin`, `boolGauge` or `unknown`. */
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

/** @public */
export interface KmopBurnRate {
  /** Window such as `5m`, `1h`, `6h`, `3d`. */
  window: string;
  /** Error ratio over the window divided by the error budget (1 − objective). */
  rate: number;
}

/** @public */
export interface KmopBurnRateAlert {
  /**
   * Which tier: `page` for the fast tiers, `ticket` for the slow ones (Sloth's own names;
   * Pyrra's two fast tiers carry `severity: critical`, its slow ones `warning`).
   */
  severity: 'page' | 'ticket';
  /** Long window of the multiwindow alert (`1h`). */
  longWindow: string;
  /** Short window of the multiwindow alert (`5m`). */
  shortWindow: string;
  /** Burn rate both windows must exceed (the tool's own factor for this window). */
  threshold: number;
  /** True when both windows' burn rates are known and above the threshold. */
  firing?: boolean;
  /**
   * Name of the Prometheus alert the tool generates (Sloth `alerting.name`, Pyrra
   * `alerting.name` or its default `ErrorBudgetBurn`). Absent when the tool generates no
   * named alert (KMOP without an engine, or Sloth without `alerting.name`).
   */
  name?: string;
  /**
   * Labels the alert carries, as the tool writes them: the tool's severity label
   * (`sloth_severity`, Pyrra's `severity`) plus the object's own (routing keys, teams).
   */
  labels?: Record<string, string>;
  /** Annotations the object adds to the alert (summary, runbook). Absent when none. */
  annotations?: Record<string, string>;
}

/**
 * The error budget of an objective over its window.
 *
 * @public
 */
export interface KmopErrorBudget {
  /** 1 − objective: 0.001 for 99.9%. */
  ratio: number;
  /** The same as a percentage, rounded to 10 significant digits: 0.1 for 99.9%. */
  percent: number;
  /** Downtime the budget allows over the window, in seconds: 2592 for 99.9% over 30d. */
  seconds: number;
  /** The same in words: `43.2 minutes`, `7.2 hours`, `1 day 12 hours`. */
  text: string;
}

/** @public */
export interface KmopSloView extends KmopItemBase {
  /** Name of this objective (a Sloth object may hold several). */
  name: string;
  /** Description of the objective, when written. */
  description?: string;
  /**
   * The objective as a ratio in (0, 1] with the digits as written (99.9 → 0.999, never
   * 0.9990000000000001). Absent when the object's objective is missing or malformed — then
   * errorBudget, errorBudgetRemaining, burnRates and alerts are absent or empty too, since
   * none can be computed without it.
   */
  objective?: number;
  /**
   * SLO period such as `30d`. Sloth always uses `30d` (listed in `defaults`); KMOP defaults
   * to `30d` when unset (also listed). Absent when the window is malformed or (Pyrra)
   * missing.
   */
  window?: string;
  /** The error budget as a ratio and as time over the window. Absent without a valid objective and window (or for a 100% objective, which has no budget: then `ratio` is 0). */
  errorBudget?: KmopErrorBudget;
  /**
   * Pyrra only: whether Pyrra generates its absent-metric alerts for this SLO
   * (`alerting.absent`, on unless set to false; listed in `defaults` when not set).
   * Absent for other tools.
   */
  absentAlerts?: boolean;
  /** What the SLO measures and its queries. */
  indicator: KmopSloIndicator;
  /** Observed SLI over the window as a ratio, when known. */
  sli?: number;
  /** 1 − (error ratio ÷ budget); negative once the budget is overspent. Absent without an objective or figures. */
  errorBudgetRemaining?: number;
  /** Empty without an objective: a burn rate is relative to the budget. */
  burnRates: KmopBurnRate[];
  /**
   * The tool's own burn-rate alerts (Sloth: page 14.4 1h/5m and 6 6h/30m, ticket 3 1d/2h and
   * 1 3d/6h; Pyrra: its four tiers scaled from the window; KMOP: what its spec says), minus
   * disabled severities. Empty when alerting is off or there is no objective or window.
   */
  alerts: KmopBurnRateAlert[];
  /** Where the SLI figures came from. */
  dataSource: 'prometheus' | 'status' | 'none';
  /**
   * What the SLO's tool or operator says of the object itself (rules generated, reconciled,
   * generation observed), before the figures are weighed. The item's `health` is this verdict
   * made worse by the figures: a firing burn-rate alert or a spent budget is `degraded`,
   * whatever the tool reports (see `sloHealth`).
   */
  toolHealth: {
    /** Health as the tool's own status says it. */
    health: KmopHealth;
    /** Why, in words. */
    reason: string;
  };
  /** When the figures were computed (ISO 8601), when known. */
  evaluatedAt?: string;
}

/** @public */
export interface KmopRolloutStep {
  /** Position of the step, from 0. */
  index: number;
  /** What the step does. */
  type:
    | 'setWeight'
    | 'pause'
    | 'analysis'
    | 'experiment'
    | 'setCanaryScale'
    | 'setHeaderRoute'
    | 'setMirrorRoute'
    | 'plugin'
    | 'other';
  /** Canary weight for `setWeight`. */
  weight?: number;
  /** Pause length; absent on a `pause` step means until promoted by hand. */
  duration?: string;
  /** Analysis templates, for `analysis` steps. */
  templates?: string[];
  /** Name of the managed route, for `setHeaderRoute` and `setMirrorRoute` steps. */
  routeName?: string;
  /** Mirror percentage of a `setMirrorRoute` step (absent when it leaves it to the router, or removes the route). */
  mirrorPercent?: number;
  /** Name of the step plugin, for `plugin` steps. */
  plugin?: string;
  /** Whether the step is done, current or pending. */
  state: 'done' | 'current' | 'pending';
}

/**
 * Where a rollout shifts traffic (Argo `trafficRouting`, Flagger `provider`).
 *
 * @public
 */
export interface KmopTrafficRouting {
  /** The mesh, ingress or plugin: `istio`, `nginx`, `smi`, `alb`, `traefik`, `plugin:argoproj-labs/gatewayAPI`… */
  provider: string;
  /**
   * The object it rewrites, when named (`VirtualService payments`, `HTTPRoute payments`,
   * `Ingress payments`); `namespace` when the source names one (a plugin's `namespace`).
   */
  resource?: {
    /** Kind of the routing object. */
    kind: string;
    /** Name of the routing object. */
    name: string;
    /** Namespace of the routing object, when it names one. */
    namespace?: string;
  };
  /** Named routes inside that object, when listed (Istio `routes`). */
  routes?: string[];
}

/**
 * One metric check of a canary analysis (Flagger `analysis.metrics[]`).
 *
 * @public
 */
export interface KmopAnalysisMetric {
  /** Name of the metric check. */
  name: string;
  /** The accepted range; a bound is absent when the source sets none. */
  thresholdRange?: {
    /** Lowest passing value, when set. */
    min?: number;
    /** Highest passing value, when set. */
    max?: number;
  };
  /** Over how long the metric is measured (`1m`). Absent when unset (Flagger then uses the analysis interval). */
  interval?: string;
  /** The MetricTemplate it uses, as `namespace/name` or `name`, for custom metrics. */
  templateRef?: string;
}

/**
 * A webhook of a canary analysis (Flagger `analysis.webhooks[]`).
 *
 * @public
 */
export interface KmopAnalysisWebhook {
  /** Name of the webhook. */
  name: string;
  /** `pre-rollout`, `rollout`, `confirm-promotion`…; absent means `rollout` (Flagger's default). */
  type?: string;
  /** URL the webhook calls, when set. */
  url?: string;
  /** Timeout of the call, when set. */
  timeout?: string;
}

/**
 * One condition of an A/B-testing match (Flagger `analysis.match[]`, Istio's HTTPMatchRequest
 * shape, which Flagger translates for its other providers).
 *
 * @public
 */
export interface KmopMatchCondition {
  /**
   * What is matched: a request `header`, a `cookie` (Flagger matches cookies through the
   * `cookie` header, so a condition on that header is one on cookies), a `query` parameter,
   * the `uri`, the `method`, or a `sourceLabel` of the calling workload.
   */
  on: 'header' | 'cookie' | 'query' | 'uri' | 'method' | 'sourceLabel';
  /** Header, parameter or label name; absent for `uri` and `method`. */
  name?: string;
  /** `exact`, `prefix`, `suffix` or `regex`, as written; `exact` for source labels. */
  type: string;
  /** Value to match, as written. */
  value: string;
}

/**
 * How a canary is analysed (Flagger `spec.analysis`).
 *
 * @public
 */
export interface KmopAnalysisPlan {
  /** Time between checks (`1m`). Absent when unset. */
  interval?: string;
  /** Failed checks before rollback. Absent when unset. */
  threshold?: number;
  /** Weight added at each step. Absent when unset. */
  stepWeight?: number;
  /** Weight at which the canary is promoted. Absent when unset. */
  maxWeight?: number;
  /** Explicit weights (`stepWeights`), when listed instead of stepWeight. */
  stepWeights?: number[];
  /** Iterations of an A/B or blue-green analysis. */
  iterations?: number;
  /**
   * Which requests go to the canary in an A/B test (`analysis.match`): any entry may match,
   * and within an entry every condition must. Absent when the analysis has no match.
   */
  matches?: KmopMatchCondition[][];
  /** Metric checks of each analysis run. */
  metrics: KmopAnalysisMetric[];
  /** Webhooks called during the analysis. */
  webhooks: KmopAnalysisWebhook[];
}

/** @public */
export interface KmopRolloutView extends KmopItemBase {
  /**
   * `metadata.resourceVersion` of the object this item was read from. An operation sends it
   * back, so the API server refuses the change when the object changed since. Absent when
   * the object carries none (objects read from files).
   */
  resourceVersion?: string;
  /** Release strategy: `canary`, `blueGreen`, `rolling`, `recreate` or `unknown`. */
  strategy: 'canary' | 'blueGreen' | 'rolling' | 'recreate' | 'unknown';
  /** The source's own phase word (`Healthy`, `Paused`, `Progressing`, `Succeeded`…). */
  phase?: string;
  /** Message of the controller, when reported. */
  message?: string;
  /** Steps of a canary, each with its state; empty for other strategies. */
  steps: KmopRolloutStep[];
  /** Index of the current step, when the controller reports one. */
  currentStepIndex?: number;
  /**
   * The revision the object's controller counts, as a string: Argo's
   * `rollout.argoproj.io/revision` or the Deployment's `deployment.kubernetes.io/revision`
   * annotation — the revision being rolled out (or done). Absent until the controller sets it.
   */
  revision?: string;
  /** Traffic weight currently on the canary, 0–100. */
  canaryWeight?: number;
  /** Pod-template hash of the stable ReplicaSet (Argo, KMOP). Absent for Deployments, which have no stable revision. */
  stableRevision?: string;
  /** Revision of the canary (new) pods, when reported. */
  canaryRevision?: string;
  /** True when the controller aborted the rollout. Absent when the field that says so is malformed. */
  aborted?: boolean;
  /**
   * True only when the object says so (a pause condition, `spec.paused`, `controllerPause`,
   * `suspend`, a `Paused` phase). Absent when a field that says so is malformed: the item is
   * then `unknown` and its reason names the field.
   */
  paused?: boolean;
  /** Why the rollout is paused, when it is. */
  pauseReasons: string[];
  /** When the current pause began (ISO 8601, Argo `pauseConditions[].startTime`). Absent when not paused or not reported. */
  pauseStartedAt?: string;
  /**
   * Replica counts. `desired` is the spec's (absent when malformed; Kubernetes' default 1 is
   * listed in `defaults` as `replicas.desired`); the others come from the status and are
   * absent until reported: `total` is every pod of the workload, old and new.
   */
  replicas?: {
    /** Replicas asked for. */
    desired?: number;
    /** Replicas that exist, old and new. */
    total?: number;
    /** Replicas of the new revision. */
    updated?: number;
    /** Replicas ready. */
    ready?: number;
    /** Replicas available. */
    available?: number;
  };
  /** Services the rollout switches traffic with, when named. */
  services?: {
    /** Service of the active (blue-green) revision. */
    active?: string;
    /** Service of the preview (blue-green) revision. */
    preview?: string;
    /** Service of the canary. */
    canary?: string;
    /** Service of the stable revision. */
    stable?: string;
  };
  /** The analysis run of the current step or the background analysis. */
  analysis?: {
    /** Name of the analysis run. */
    name?: string;
    /** Status of the run as reported (`Running`, `Successful`, `Failed`…). */
    status: string;
    /** Message of the run, when reported. */
    message?: string;
  };
  /** How the canary is analysed (Flagger). Absent when the source has no analysis block. */
  analysisPlan?: KmopAnalysisPlan;
  /** Traffic routing (Argo `trafficRouting`, Flagger `provider`). Absent when the rollout only scales replicas. */
  trafficRouting?: KmopTrafficRouting[];
  /** Service port the rollout routes to (Flagger `service.port`). */
  servicePort?: number;
  /** Flagger's `Promoted` condition, as reported. Absent until Flagger reports it. */
  promoted?: KmopReportedCondition;
  /** Flagger: failed checks so far and the threshold that triggers a rollback. */
  failedChecks?: number;
  /** Flagger `analysis.threshold`. Absent when unset or malformed. */
  failureThreshold?: number;
  /** Rolling-update limits (Deployment, KMOP rolling strategy): an integer or a percentage like `25%`. */
  rolling?: {
    /** Pods above the desired count during the update (a number or a percentage). */
    maxSurge?: number | string;
    /** Pods that may be unavailable during the update (a number or a percentage). */
    maxUnavailable?: number | string;
  };
  /** The workload the rollout drives, when it is a reference (Flagger `targetRef`, Argo `workloadRef`, KMOP). */
  target?: {
    /** Kind of the workload. */
    kind: string;
    /** Name of the workload. */
    name: string;
  };
  /**
   * The facts each tool's own client reads before it acts (see `release/operations.ts`).
   * A fact is absent when its field is malformed or, where the tool gives no default, not
   * reported: an operation that needs it is then not offered, with the reason.
   */
  control?: KmopRolloutControl;
  /**
   * The KMOP object this one was rendered from: the controller `ownerReference` the KMOP
   * operator sets (`via: 'ownerReference'`), else the `kmop.dev/compiled-from` annotation
   * the compilers write (`via: 'annotation'`, for manifests applied by GitOps). Absent for
   * objects written by hand.
   */
  renderedFrom?: {
    /** Kind of the KMOP object. */
    kind: string;
    /** Name of the KMOP object. */
    name: string;
    /** How the link is known. */
    via: 'ownerReference' | 'annotation';
  };
  /**
   * The GitOps tool that manages the object, from its markers (Argo CD: label
   * `app.kubernetes.io/instance` or annotation `argocd.argoproj.io/tracking-id`; Flux: label
   * `kustomize.toolkit.fluxcd.io/name` or `helm.toolkit.fluxcd.io/name`). A change to its
   * `spec` may be put back from Git. Absent when no marker is present.
   */
  gitOps?: {
    /** The GitOps tool. */
    tool: 'Argo CD' | 'Flux';
    /** The label or annotation that shows it. */
    marker: string;
  };
}

/**
 * What a tool's own client reads before it acts on a rollout.
 *
 * @public
 */
export interface KmopRolloutControl {
  /** `spec.paused` (Argo Rollout, Deployment); false when unset. */
  specPaused?: boolean;
  /** Number of Argo `status.pauseConditions`; 0 when unset. */
  pauseConditions?: number;
  /** Argo `status.controllerPause`; false when unset. */
  controllerPause?: boolean;
  /**
   * Argo: `status.currentPodHash == status.stableRS`, Argo CD's `fullyPromoted`. Absent
   * until the controller has reported both (Argo CD would compare two absent fields as
   * equal; KMOP does not guess).
   */
  fullyPromoted?: boolean;
  /** Flagger `spec.suspend`; false when unset. */
  suspended?: boolean;
  /** Flagger `spec.skipAnalysis`; false when unset. */
  skipAnalysis?: boolean;
  /** KMOP RolloutPolicy `spec.engine` (`argo-rollouts`, `flagger`), when set. */
  engine?: string;
}

/**
 * One resilience setting a policy applies.
 *
 * @public
 */
export interface KmopResilienceSetting {
  /** Kind of setting. */
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
    | 'autoscaling'
    | 'loadBalancer'
    | 'healthCheck'
    // Envoy Gateway BackendTrafficPolicy settings KMOP names and summarises from the scalar
    // values written, without reading their meaning into health.
    | 'responseOverride'
    | 'admissionControl'
    | 'bandwidthLimit'
    | 'compression'
    | 'dns'
    | 'proxyProtocol'
    | 'clientProtocol'
    | 'telemetry';
  /**
   * One line a person can read, e.g. `3 attempts on 5xx,reset, 2s per try`. Values that are
   * defaults are marked in it (`2 attempts (mesh default)`); a setting the tool turns off is
   * said as such (`none (fault injection)`). On an `unknown` item, a summary that would have
   * been made from a malformed field reads `… not shown: a field it depends on is malformed`.
   */
  summary: string;
  /**
   * The individual values, for tooltips and tests. Only values the object sets or the tool
   * applies by default; a malformed field is left out (and named in the item's reason).
   */
  values: Record<string, string | number | boolean>;
  /**
   * Keys of `values` whose value is the tool's documented default rather than written in the
   * object (e.g. `['attempts', 'retryOn']` for Istio's mesh-default retries). Absent or empty
   * when every value was written in the object.
   */
  defaults?: string[];
  /** Autoscaling only: each metric with its target and, when reported, its current value. */
  metrics?: KmopAutoscalingMetric[];
}

/**
 * One HPA metric: `cpu` at `86%` of a `60%` utilization target.
 *
 * @public
 */
export interface KmopAutoscalingMetric {
  /** `Resource`, `ContainerResource`, `Pods`, `Object` or `External`. */
  type: string;
  /** The metric or resource name (`cpu`, `http_requests_per_second`). */
  name: string;
  /** The target in words: `60% utilization`, `1k average`, `30 total`. */
  target: string;
  /** The current value in the same terms (`86% utilization`). Absent until the HPA reports it. */
  current?: string;
}

/**
 * A named subset of a destination (Istio DestinationRule `subsets[]`).
 *
 * @public
 */
export interface KmopSubset {
  /** Name of the subset. */
  name: string;
  /** Pod labels that select the subset. */
  labels: Record<string, string>;
  /** Settings the subset overrides (load balancer, connection pool…), labelled with its name. */
  settings: KmopResilienceSetting[];
}

/** @public */
export interface KmopResilienceView extends KmopItemBase {
  /** What the policy applies to (a host, Service, route or workload). */
  target?: string;
  /** Settings the policy applies. */
  settings: KmopResilienceSetting[];
  /** Istio DestinationRule subsets. Absent for other kinds and when none are defined. */
  subsets?: KmopSubset[];
}

/**
 * The state of one cluster's cache, as seen by the backend.
 *
 * @public
 */
export interface KmopClusterStatus {
  /** Cluster name as configured. */
  name: string;
  /** State of the cluster in the cache: `syncing`, `ready` or `error`. */
  state: 'syncing' | 'ready' | 'error';
  /** Set when the cluster is in error. */
  error?: {
    /** What failed: `unreachable`, `timeout`, `unauthorized`, `forbidden`, `server`, `malformed`, `config`. */
    kind: string;
    /** HTTP status when the cluster answered. */
    status?: number;
    /** What went wrong, in words. */
    message: string;
    /** The resource the error is about, when it is about one (e.g. `argoproj.io/v1alpha1/rollouts`). */
    resource?: string;
  };
  /** Set while the data served from this cluster may be out of date (ISO 8601). */
  staleSince?: string;
  /** Last time every watched kind was in sync (ISO 8601). */
  lastSyncedAt?: string;
  /** The cluster's dashboard (`dashboardUrl` of its locator), when one is configured. */
  dashboardUrl?: string;
}

/**
 * What the backend looked for in the clusters for an entity.
 *
 * @public
 */
export interface KmopEntityTarget {
  /** KMOP service name (`kmop.dev/service-name`), matched on `spec.serviceRef` and `app.kubernetes.io/name`. */
  serviceName?: string;
  /** Label selector objects must match (from `backstage.io/kubernetes-id` or `-label-selector`). */
  labelSelector?: string;
  /** Namespace the search was narrowed to (`backstage.io/kubernetes-namespace`). */
  namespace?: string;
  /** Cluster the search was narrowed to, when the entity names one. */
  cluster?: string;
}

/**
 * Everything KMOP knows about one catalog entity.
 *
 * @public
 */
export interface KmopEntityView {
  /** The entity, as `kind:namespace/name`. */
  entityRef: string;
  /** What KMOP looked for, from the entity's annotations; empty when none link it. */
  target: KmopEntityTarget;
  /** Gateway routes. */
  routes: KmopRouteView[];
  /** Service level objectives. */
  slos: KmopSloView[];
  /** Rollouts and their strategies. */
  rollouts: KmopRolloutView[];
  /** Resilience policies. */
  resilience: KmopResilienceView[];
  /** Every configured cluster and its state; a cluster in error is listed here and the others' items are still returned. */
  clusters: KmopClusterStatus[];
  /** ISO 8601. */
  generatedAt: string;
}
