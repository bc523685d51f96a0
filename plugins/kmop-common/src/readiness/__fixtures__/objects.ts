import type {
  KmopResilienceView,
  KmopRolloutView,
  KmopRouteView,
  KmopSloView,
} from '../../view';
import { normalizeObject } from '../../normalizers';
import type { ReadinessInput } from '../context';
import { extractReadinessFact } from '../extractFacts';
import type { ReadinessFact } from '../facts';

export const CLUSTER = 'prod';
const NS = 'shop';
const LABELS = { 'app.kubernetes.io/name': 'shop' };

/**
 * A Deployment that passes every workload check; `patch` changes its spec.
 *
 * @public
 */
export function deployment(patch: (d: any) => void = () => {}): any {
  const d: any = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'shop', namespace: NS, labels: { ...LABELS } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { ...LABELS } },
      template: {
        metadata: {
          labels: { ...LABELS },
          annotations: {
            'sidecar.istio.io/inject': 'true',
            'prometheus.io/scrape': 'true',
          },
        },
        spec: {
          securityContext: { runAsNonRoot: true },
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'kubernetes.io/hostname' },
          ],
          containers: [
            {
              name: 'app',
              image: 'registry.example/shop:1.4.2',
              resources: {
                requests: { cpu: '100m' },
                limits: { memory: '256Mi' },
              },
              readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
              livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
              env: [
                {
                  name: 'DB_PASSWORD',
                  valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
                },
                { name: 'LOG_LEVEL', value: 'info' },
              ],
              envFrom: [{ configMapRef: { name: 'shop-config' } }],
            },
          ],
        },
      },
    },
  };
  patch(d);
  return d;
}

export function service(selector: unknown = { ...LABELS }, name = 'shop'): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NS, labels: { ...LABELS } },
    spec: { selector },
  };
}

export function configMap(name = 'shop-config'): any {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: NS },
    data: { a: 'b' },
  };
}

export function networkPolicy(
  podSelector: unknown = { matchLabels: { ...LABELS } },
): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'shop', namespace: NS },
    spec: { podSelector },
  };
}

export function monitor(
  kind: 'ServiceMonitor' | 'PodMonitor',
  selector: unknown = { matchLabels: { ...LABELS } },
): any {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind,
    metadata: { name: 'shop', namespace: NS },
    spec: { selector },
  };
}

export function claim(name: string, phase?: string): any {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: NS },
    ...(phase ? { status: { phase } } : {}),
  };
}

export function pdb(
  spec: unknown = { minAvailable: 1, selector: { matchLabels: { ...LABELS } } },
): any {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'shop', namespace: NS, labels: { ...LABELS } },
    spec,
  };
}

export function hpa(minReplicas = 2): any {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'shop', namespace: NS, labels: { ...LABELS } },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'shop',
      },
      minReplicas,
      maxReplicas: 6,
    },
  };
}

export function destinationRule(trafficPolicy: unknown): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'shop', namespace: NS, labels: { ...LABELS } },
    spec: { host: 'shop', trafficPolicy },
  };
}

export function slo(objective: unknown = 99.9): any {
  return {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'ServiceLevelObjective',
    metadata: {
      name: 'shop-availability',
      namespace: NS,
      labels: { ...LABELS },
    },
    spec: {
      serviceRef: 'shop',
      objective,
      window: '30d',
      indicator: {
        type: 'ratio',
        errorQuery: 'sum(rate(e[{{.window}}]))',
        totalQuery: 'sum(rate(t[{{.window}}]))',
      },
    },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'Evaluated' }],
    },
  };
}

export function gatewayRoute(auth: string | undefined): any {
  return {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'GatewayRoute',
    metadata: { name: 'shop', namespace: NS, labels: { ...LABELS } },
    spec: {
      serviceRef: 'shop',
      gateway: { name: 'public', namespace: 'gateways' },
      hostnames: ['shop.example.com'],
      port: 8080,
      ...(auth ? { auth: { type: auth } } : {}),
    },
    status: {
      url: 'https://shop.example.com',
      conditions: [
        { type: 'Accepted', status: 'True', reason: 'Accepted' },
        { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
      ],
    },
  };
}

export interface Fixture {
  /** Objects of the service (view items and facts). */
  own?: any[];
  /** Objects of its namespace, matched by selector or name. */
  around?: any[];
}

/** The readiness input for objects, through the real normalizers and fact extraction. */
export function input({ own = [], around = [] }: Fixture): ReadinessInput {
  const items = {
    routes: [] as KmopRouteView[],
    slos: [] as KmopSloView[],
    rollouts: [] as KmopRolloutView[],
    resilience: [] as KmopResilienceView[],
  };
  for (const o of own) {
    const n = normalizeObject(o, { cluster: CLUSTER });
    items.routes.push(...n.routes);
    items.slos.push(...n.slos);
    items.rollouts.push(...n.rollouts);
    items.resilience.push(...n.resilience);
  }
  const facts = (objects: any[]) =>
    objects
      .map(o => extractReadinessFact(o, CLUSTER))
      .filter((f): f is ReadinessFact => !!f);
  return {
    items,
    facts: facts(own),
    neighbours: facts([...own, ...around]),
    lookedFor: 'service shop',
  };
}

export function virtualService(): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'shop', namespace: NS, labels: { ...LABELS } },
    spec: {
      hosts: ['shop'],
      http: [
        {
          route: [{ destination: { host: 'shop' } }],
          timeout: '2s',
          retries: { attempts: 3, perTryTimeout: '500ms' },
        },
      ],
    },
  };
}
