import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { findSupportedKind } from '@kmop/plugin-kmop-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = resolvePackagePath('@kmop/bench', '../..');

/** The CRDs every simulated cluster serves: the ecosystem's and KMOP's. */
export const CRD_SEEDS = [
  join(REPO_ROOT, 'examples/cluster/crds'),
  join(REPO_ROOT, 'plugins/kmop-common/crds'),
];

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

// The three demo services are three real ways of writing the same things:
// KMOP kinds; Gateway API + Argo Rollouts + Istio + Sloth; Ingress/GRPCRoute +
// Flagger + Pyrra + Envoy Gateway. Each brings its Deployment or ReplicaSets,
// Pods and Services, so copies of them give realistic proportions.
const TEMPLATES = [
  { service: 'payments', file: 'payments.yaml' },
  { service: 'checkout', file: 'checkout.yaml' },
  { service: 'catalog-api', file: 'catalog-api.yaml' },
];

const NAMESPACES = 20;

function readTemplate(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, 'examples/cluster', file), 'utf8');
  return parseAllDocuments(text)
    .map(d => d.toJSON() as KubeObject | null)
    .filter((o): o is KubeObject => !!o && o.kind !== 'Namespace')
    .map(o => JSON.stringify(o));
}

/** The name of the benchmark's i-th service. */
export function serviceName(i: number): string {
  return `svc-${i}`;
}

/** One service's objects, copied from a demo service and renamed. */
function serviceObjects(templates: string[][], i: number): KubeObject[] {
  const template = TEMPLATES[i % TEMPLATES.length];
  const name = serviceName(i);
  const pattern = new RegExp(`\\b${template.service}\\b`, 'g');
  return templates[i % TEMPLATES.length].map(json => {
    const object = JSON.parse(json.replace(pattern, name)) as KubeObject;
    object.metadata.namespace = `team-${i % NAMESPACES}`;
    object.metadata.labels = {
      ...object.metadata.labels,
      'app.kubernetes.io/name': name,
      'backstage.io/kubernetes-id': name,
    };
    return object;
  });
}

/** What one simulated cluster holds. */
export interface ClusterObjects {
  objects: KubeObject[];
  /** Services with objects, `svc-0` … `svc-(services-1)`. */
  services: number;
  /** Objects of the kinds the KMOP cache keeps (Pods, Services, ReplicaSets are not). */
  cachedObjects: number;
  /** Objects per kind, for the report. */
  byKind: Record<string, number>;
}

/** Exactly `count` objects: whole services, the last one cut short if needed. */
export function generateClusterObjects(count: number): ClusterObjects {
  const templates = TEMPLATES.map(t => readTemplate(t.file));
  const objects: KubeObject[] = [];
  let services = 0;
  while (objects.length < count) {
    const next = serviceObjects(templates, services++);
    objects.push(...next.slice(0, count - objects.length));
  }
  const byKind: Record<string, number> = {};
  let cachedObjects = 0;
  for (const o of objects) {
    byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
    if (findSupportedKind(o.apiVersion, o.kind)) cachedObjects++;
  }
  return { objects, services, cachedObjects, byKind };
}

/** The catalog's Component for service i, linked the way existing entities are. */
export function benchEntity(i: number): Entity {
  const name = serviceName(i);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': name },
    },
    spec: {
      type: 'service',
      owner: 'group:default/bench',
      lifecycle: 'production',
    },
  };
}
