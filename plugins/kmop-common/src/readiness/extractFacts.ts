import { isRecord } from '../normalizers/access';
import { parseApiVersion } from '../util/apiVersion';
import {
  ContainerFact,
  FactBase,
  FactSelector,
  ReadinessFact,
  WorkloadFact,
} from './facts';

/**
 * A kind readiness reads, as the Kubernetes API serves it.
 *
 * @public
 */
export interface ReadinessKind {
  /** `''` is the core group. */
  group: string;
  versions: string[];
  plural: string;
  kind: string;
}

/**
 * Kinds cached only for readiness (the view's kinds are cached already; Deployments,
 * Rollouts and KMOP GatewayRoutes give facts too). Secrets are never among them, and Pods
 * are left out on purpose: there are many, they change all the time, and what the checks
 * need of them (probes, resources, spread) is in their workload's pod template.
 *
 * @public
 */
export const READINESS_KINDS: readonly ReadinessKind[] = [
  { group: '', versions: ['v1'], plural: 'services', kind: 'Service' },
  { group: '', versions: ['v1'], plural: 'configmaps', kind: 'ConfigMap' },
  {
    group: '',
    versions: ['v1'],
    plural: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
  },
  {
    group: 'apps',
    versions: ['v1'],
    plural: 'statefulsets',
    kind: 'StatefulSet',
  },
  {
    group: 'networking.k8s.io',
    versions: ['v1'],
    plural: 'networkpolicies',
    kind: 'NetworkPolicy',
  },
  {
    group: 'monitoring.coreos.com',
    versions: ['v1'],
    plural: 'servicemonitors',
    kind: 'ServiceMonitor',
  },
  {
    group: 'monitoring.coreos.com',
    versions: ['v1'],
    plural: 'podmonitors',
    kind: 'PodMonitor',
  },
  {
    group: 'gateway.envoyproxy.io',
    versions: ['v1alpha1'],
    plural: 'securitypolicies',
    kind: 'SecurityPolicy',
  },
];

// Kinds matched by name or selector keep no labels of their own: one shared empty map
// instead of a copy per object (a cluster has a ConfigMap or more per namespace).
const NO_LABELS: Record<string, string> = Object.freeze({}) as Record<
  string,
  string
>;

// Env names that usually hold a credential. A literal value under such a name is a secret
// written into the manifest (and into every copy of it).
const SECRET_NAME =
  /(pass(word)?|secret|token|api[_-]?key|credential|private[_-]?key)/i;

/**
 * The readiness facts of one object, or undefined for objects readiness does not read.
 * Never throws; a malformed field becomes a `problems` entry (or an absent value), never a
 * value a check would pass on.
 *
 * @public
 */
export function extractReadinessFact(
  object: unknown,
  cluster: string,
): ReadinessFact | undefined {
  if (!isRecord(object) || !isRecord(object.metadata)) return undefined;
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return undefined;
  }
  const { group } = parseApiVersion(apiVersion);
  const meta = object.metadata;
  const base: FactBase = {
    cluster,
    namespace: str(meta.namespace) ?? '',
    name: str(meta.name) ?? '',
    labels: stringMap(meta.labels) ?? {},
  };
  const spec = isRecord(object.spec) ? object.spec : undefined;
  const serviceRef = spec && str(spec.serviceRef);
  if (serviceRef) base.serviceRef = serviceRef;
  const key = `${group}/${kind}`;
  switch (key) {
    case 'apps/Deployment':
    case 'apps/StatefulSet':
    case 'argoproj.io/Rollout':
      return workloadFact(
        base,
        kind as WorkloadFact['kind'],
        spec,
        stringMap(meta.annotations) ?? {},
      );
    case '/Service':
      return {
        ...base,
        type: 'service',
        selector:
          spec?.selector === undefined
            ? { malformed: 'no spec.selector (endpoints managed by hand)' }
            : serviceSelector(spec.selector),
      };
    case '/ConfigMap':
      return { ...base, labels: NO_LABELS, type: 'configMap' };
    case '/PersistentVolumeClaim': {
      const status = isRecord(object.status) ? object.status : {};
      const phase = str(status.phase);
      return {
        ...base,
        labels: NO_LABELS,
        type: 'claim',
        ...(phase ? { phase } : {}),
      };
    }
    case 'networking.k8s.io/NetworkPolicy':
      return {
        ...base,
        labels: NO_LABELS,
        type: 'networkPolicy',
        podSelector: labelSelector(spec?.podSelector, 'spec.podSelector'),
      };
    case 'monitoring.coreos.com/ServiceMonitor':
    case 'monitoring.coreos.com/PodMonitor':
      return {
        ...base,
        labels: NO_LABELS,
        type: 'monitor',
        kind: kind as 'ServiceMonitor' | 'PodMonitor',
        selector: labelSelector(spec?.selector, 'spec.selector'),
      };
    case 'kmop.dev/GatewayRoute': {
      const auth =
        spec && isRecord(spec.auth) ? str(spec.auth.type) : undefined;
      return {
        ...base,
        type: 'routeAuth',
        kind: 'GatewayRoute',
        methods: auth && auth !== 'none' ? [auth] : [],
        targets: [base.name],
      };
    }
    case 'gateway.envoyproxy.io/SecurityPolicy':
      return securityPolicyFact(base, spec);
    default:
      return undefined;
  }
}

function workloadFact(
  base: FactBase,
  kind: WorkloadFact['kind'],
  spec: Record<string, unknown> | undefined,
  annotations: Record<string, string>,
): WorkloadFact {
  const problems: string[] = [];
  const template = spec && isRecord(spec.template) ? spec.template : undefined;
  if (!template) {
    problems.push(
      spec && isRecord(spec.workloadRef)
        ? 'spec.workloadRef: the pod template is in another object'
        : 'spec.template is missing',
    );
  }
  const tMeta =
    template && isRecord(template.metadata) ? template.metadata : {};
  const podSpec =
    template && isRecord(template.spec) ? template.spec : undefined;
  const podLabels = stringMap(tMeta.labels) ?? {};
  const podAnnotations = stringMap(tMeta.annotations) ?? {};
  let replicas: number | undefined = 1;
  if (spec?.replicas !== undefined) {
    replicas =
      Number.isInteger(spec.replicas) && (spec.replicas as number) >= 0
        ? (spec.replicas as number)
        : undefined;
    if (replicas === undefined) problems.push('spec.replicas is not a count');
  }
  const podNonRoot =
    podSpec && isRecord(podSpec.securityContext)
      ? podSpec.securityContext.runAsNonRoot === true
      : false;
  const rawContainers = podSpec?.containers;
  if (podSpec && !Array.isArray(rawContainers)) {
    problems.push('spec.template.spec.containers is not a list');
  }
  const configMaps = new Set<string>();
  let secretRefs = 0;
  const containers: ContainerFact[] = [];
  for (const c of Array.isArray(rawContainers) ? rawContainers : []) {
    if (!isRecord(c)) {
      problems.push('a container is not an object');
      continue;
    }
    const resources = isRecord(c.resources) ? c.resources : {};
    const sc = isRecord(c.securityContext) ? c.securityContext : {};
    const literalSecretEnv: string[] = [];
    for (const e of Array.isArray(c.env) ? c.env : []) {
      if (!isRecord(e) || typeof e.name !== 'string') continue;
      if (typeof e.value === 'string' && e.value && SECRET_NAME.test(e.name)) {
        literalSecretEnv.push(e.name);
      }
      const from = isRecord(e.valueFrom) ? e.valueFrom : {};
      if (isRecord(from.configMapKeyRef)) {
        addRef(configMaps, from.configMapKeyRef);
      }
      if (isRecord(from.secretKeyRef)) secretRefs++;
    }
    for (const e of Array.isArray(c.envFrom) ? c.envFrom : []) {
      if (!isRecord(e)) continue;
      if (isRecord(e.configMapRef)) addRef(configMaps, e.configMapRef);
      if (isRecord(e.secretRef)) secretRefs++;
    }
    containers.push({
      name: str(c.name) ?? '(unnamed)',
      ...(str(c.image) ? { image: str(c.image) } : {}),
      requests: nonEmpty(resources.requests),
      limits: nonEmpty(resources.limits),
      nonRoot:
        sc.runAsNonRoot === true || (podNonRoot && sc.runAsNonRoot !== false),
      liveness: isRecord(c.livenessProbe),
      readiness: isRecord(c.readinessProbe),
      literalSecretEnv,
    });
  }
  const claims: string[] = [];
  for (const v of Array.isArray(podSpec?.volumes) ? podSpec!.volumes : []) {
    if (!isRecord(v)) continue;
    if (isRecord(v.configMap)) addRef(configMaps, v.configMap);
    if (isRecord(v.secret)) secretRefs++;
    const claim = isRecord(v.persistentVolumeClaim)
      ? str(v.persistentVolumeClaim.claimName)
      : undefined;
    if (claim) claims.push(claim);
  }
  const affinity =
    podSpec && isRecord(podSpec.affinity) ? podSpec.affinity : {};
  const spread =
    (Array.isArray(podSpec?.topologySpreadConstraints) &&
      (podSpec!.topologySpreadConstraints as unknown[]).length > 0) ||
    isRecord(affinity.podAntiAffinity);
  const mesh =
    podAnnotations['sidecar.istio.io/inject'] === 'true' ||
    podLabels['sidecar.istio.io/inject'] === 'true' ||
    podLabels['istio.io/rev'] !== undefined ||
    podAnnotations['linkerd.io/inject'] === 'enabled';
  const scrapeAnnotated =
    podAnnotations['prometheus.io/scrape'] === 'true' ||
    annotations['prometheus.io/scrape'] === 'true';
  const gitOps = gitOpsManager(base.labels, annotations);
  const ref = spec && isRecord(spec.workloadRef) ? spec.workloadRef : undefined;
  const workloadRef =
    !template && ref && str(ref.kind) && str(ref.name)
      ? { kind: str(ref.kind)!, name: str(ref.name)! }
      : undefined;
  const claimTemplates = Array.isArray(spec?.volumeClaimTemplates)
    ? (spec!.volumeClaimTemplates as unknown[]).length
    : 0;
  return {
    ...base,
    type: 'workload',
    kind,
    podLabels,
    ...(replicas !== undefined ? { replicas } : {}),
    containers,
    spread,
    mesh,
    scrapeAnnotated,
    ...(gitOps ? { gitOps } : {}),
    configMaps: [...configMaps],
    secretRefs,
    claims,
    claimTemplates,
    ...(workloadRef ? { workloadRef } : {}),
    ...(problems.length ? { problems } : {}),
  };
}

function securityPolicyFact(
  base: FactBase,
  spec: Record<string, unknown> | undefined,
): ReadinessFact {
  const methods = ['jwt', 'apiKeyAuth', 'oidc', 'basicAuth', 'extAuth'].filter(
    m => spec && isRecord(spec[m]),
  );
  const refs = [
    ...(Array.isArray(spec?.targetRefs) ? spec!.targetRefs : []),
    ...(spec && isRecord(spec.targetRef) ? [spec.targetRef] : []),
  ];
  const targets = refs
    .filter(isRecord)
    .map(r => str(r.name))
    .filter((n): n is string => !!n);
  return {
    ...base,
    type: 'routeAuth',
    kind: 'SecurityPolicy',
    methods,
    targets,
  };
}

function addRef(into: Set<string>, ref: Record<string, unknown>) {
  const name = str(ref.name);
  if (name && ref.optional !== true) into.add(name);
}

function nonEmpty(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length > 0;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** A Service's `spec.selector`: a plain map. */
function mapSelector(value: unknown, path: string): FactSelector {
  if (!isRecord(value)) return { malformed: `${path} is not a map` };
  const labels = stringMap(value)!;
  if (Object.keys(labels).length !== Object.keys(value).length) {
    return { malformed: `${path} has a value that is not a string` };
  }
  return { labels };
}

/**
 * A LabelSelector (`matchLabels`, `matchExpressions`). Only `matchLabels` is read: a
 * selector with expressions is reported as not understood rather than guessed at.
 */
function labelSelector(value: unknown, path: string): FactSelector {
  if (value === undefined) return { malformed: `${path} is missing` };
  if (!isRecord(value)) return { malformed: `${path} is not an object` };
  if (Array.isArray(value.matchExpressions) && value.matchExpressions.length) {
    return { malformed: `${path}.matchExpressions are not read by KMOP` };
  }
  if (value.matchLabels === undefined) return { labels: {} };
  return mapSelector(value.matchLabels, `${path}.matchLabels`);
}

/** A Service selector; an empty one selects no pods (its endpoints are managed by hand). */
function serviceSelector(value: unknown): FactSelector {
  const selector = mapSelector(value, 'spec.selector');
  if ('labels' in selector && Object.keys(selector.labels).length === 0) {
    return { malformed: 'spec.selector is empty: the Service selects no pods' };
  }
  return selector;
}

/** Which GitOps tool manages an object, by the labels and annotations each one writes. */
function gitOpsManager(
  labels: Record<string, string>,
  annotations: Record<string, string>,
): string | undefined {
  if (
    annotations['argocd.argoproj.io/tracking-id'] !== undefined ||
    labels['argocd.argoproj.io/instance'] !== undefined
  ) {
    return 'Argo CD';
  }
  if (
    labels['kustomize.toolkit.fluxcd.io/name'] !== undefined ||
    labels['helm.toolkit.fluxcd.io/name'] !== undefined
  ) {
    return 'Flux';
  }
  return undefined;
}
