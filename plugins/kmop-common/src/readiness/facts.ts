/**
 * Readiness facts: the few fields of an object the readiness checks read, extracted once
 * when the object changes so the cache keeps them instead of the object (a Deployment's
 * full pod template can be several KB; its facts are a few hundred bytes). Never a value
 * of a Secret, and never the value of an environment variable: only names.
 */

/**
 * A selector as written: `matchLabels` only, or `malformed` with the reason.
 *
 * @public
 */
export type FactSelector =
  | { labels: Record<string, string> }
  | { malformed: string };

/** @public */
export interface ContainerFact {
  name: string;
  /** Absent when the container names no image (or not as a string). */
  image?: string;
  requests: boolean;
  limits: boolean;
  /** `runAsNonRoot: true` on the container or its pod. */
  nonRoot: boolean;
  liveness: boolean;
  readiness: boolean;
  /** Names of env variables whose name looks secret and whose value is a literal. */
  literalSecretEnv: string[];
}

/** @public */
export interface FactBase {
  cluster: string;
  namespace: string;
  name: string;
  /** Labels of the object, to find a service's objects like its view items. */
  labels: Record<string, string>;
  /** `spec.serviceRef` of KMOP kinds. */
  serviceRef?: string;
  /** What was wrong with the object, when something was: a check never passes on it. */
  problems?: string[];
}

/** @public */
export interface WorkloadFact extends FactBase {
  type: 'workload';
  kind: 'Deployment' | 'StatefulSet' | 'Rollout';
  /** Labels of the pod template. */
  podLabels: Record<string, string>;
  /** Desired replicas (1 when unset, as Kubernetes defaults it). Absent when malformed. */
  replicas?: number;
  containers: ContainerFact[];
  /** topologySpreadConstraints or a pod anti-affinity. */
  spread: boolean;
  /** The pod template asks for a mesh sidecar (Istio or Linkerd). */
  mesh: boolean;
  /** `prometheus.io/scrape: "true"` on the pod template or the object. */
  scrapeAnnotated: boolean;
  /** Argo CD or Flux manages it (their tracking labels or annotations). */
  gitOps?: string;
  /** ConfigMaps referenced by env/envFrom/volumes, optional ones left out. */
  configMaps: string[];
  /** How many Secret references (names only are counted; nothing of a Secret is read). */
  secretRefs: number;
  /** Claims mounted as volumes. */
  claims: string[];
  /** StatefulSet volumeClaimTemplates. */
  claimTemplates: number;
  /**
   * An Argo Rollout's `spec.workloadRef` (in its namespace): its pods are those of the
   * template of that object, which the KMOP operator's rollouts render.
   */
  workloadRef?: { kind: string; name: string };
}

/** @public */
export interface ServiceFact extends FactBase {
  type: 'service';
  selector: FactSelector;
}

/** @public */
export interface NetworkPolicyFact extends FactBase {
  type: 'networkPolicy';
  /** An empty selector selects every pod of the namespace. */
  podSelector: FactSelector;
}

/** @public */
export interface MonitorFact extends FactBase {
  type: 'monitor';
  kind: 'ServiceMonitor' | 'PodMonitor';
  /** Labels of the Services (ServiceMonitor) or pods (PodMonitor) it scrapes. */
  selector: FactSelector;
}

/** @public */
export interface ConfigMapFact extends FactBase {
  type: 'configMap';
}

/** @public */
export interface ClaimFact extends FactBase {
  type: 'claim';
  /** `status.phase`, when reported. */
  phase?: string;
}

/** @public */
export interface RouteAuthFact extends FactBase {
  type: 'routeAuth';
  kind: 'GatewayRoute' | 'SecurityPolicy';
  /** GatewayRoute: its `spec.auth.type`; SecurityPolicy: the methods it configures. */
  methods: string[];
  /** SecurityPolicy: names of the routes it targets. GatewayRoute: its own name. */
  targets: string[];
}

/** @public */
export type ReadinessFact =
  | WorkloadFact
  | ServiceFact
  | NetworkPolicyFact
  | MonitorFact
  | ConfigMapFact
  | ClaimFact
  | RouteAuthFact;
