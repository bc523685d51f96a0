import { KubeObject, isObject } from '../../types';
import { ageOf } from './age';

/** One Table column and how to fill it from an object. */
export interface Column {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority?: number;
  cell(obj: KubeObject, now: number): unknown;
}

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj {
  return isObject(value) ? value : {};
}
function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
function text(value: unknown, none = '<none>'): string {
  return typeof value === 'string' && value !== '' ? value : none;
}
const spec = (o: KubeObject) => obj(o.spec);
const status = (o: KubeObject) => obj(o.status);

export const NAME: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. More info: http://kubernetes.io/docs/user-guide/identifiers#names',
  cell: o => o.metadata.name ?? '',
};

export const AGE: Column = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
  cell: (o, now) => ageOf(o.metadata.creationTimestamp, now),
};

const col = (
  name: string,
  cell: Column['cell'],
  extra: Partial<Column> = {},
): Column => ({
  name,
  type: 'string',
  description: name,
  cell,
  ...extra,
});
const int = (name: string, cell: Column['cell']) =>
  col(name, cell, { type: 'integer' });

function images(o: KubeObject) {
  const containers = list(obj(obj(spec(o).template).spec).containers);
  return {
    names: containers.map(c => String(obj(c).name)).join(','),
    images: containers.map(c => String(obj(c).image)).join(','),
  };
}

function selector(o: KubeObject) {
  const labels = obj(obj(spec(o).selector).matchLabels);
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`);
  return pairs.length ? pairs.join(',') : '<none>';
}

function podReady(o: KubeObject) {
  const statuses = list(status(o).containerStatuses);
  const ready = statuses.filter(s => obj(s).ready === true).length;
  return `${ready}/${list(spec(o).containers).length}`;
}

function podRestarts(o: KubeObject) {
  return list(status(o).containerStatuses).reduce<number>(
    (n, s) => n + num(obj(s).restartCount),
    0,
  );
}

function servicePorts(o: KubeObject) {
  const ports = list(spec(o).ports).map(p => {
    const port = obj(p);
    const node = port.nodePort ? `:${String(port.nodePort)}` : '';
    return `${String(port.port)}${node}/${text(port.protocol, 'TCP')}`;
  });
  return ports.length ? ports.join(',') : '<none>';
}

function externalIps(o: KubeObject) {
  const ingress = list(obj(status(o).loadBalancer).ingress).map(
    i => obj(i).ip ?? obj(i).hostname,
  );
  const ips = [...list(spec(o).externalIPs), ...ingress].map(String);
  if (ips.length) return ips.join(',');
  return spec(o).type === 'LoadBalancer' ? '<pending>' : '<none>';
}

function condition(o: KubeObject, type: string) {
  return list(status(o).conditions)
    .map(obj)
    .find(c => c.type === type && c.status === 'True');
}

function jobStatus(o: KubeObject) {
  if (condition(o, 'Complete')) return 'Complete';
  if (condition(o, 'Failed')) return 'Failed';
  if (condition(o, 'Suspended')) return 'Suspended';
  return 'Running';
}

function eventObject(o: KubeObject) {
  const ref = obj(o.involvedObject ?? o.regarding);
  return `${String(ref.kind ?? '').toLowerCase()}/${String(ref.name ?? '')}`;
}

function eventLastSeen(o: KubeObject, now: number) {
  const series = obj(o.series);
  return ageOf(
    o.lastTimestamp ??
      series.lastObservedTime ??
      o.eventTime ??
      o.deprecatedLastTimestamp ??
      o.metadata.creationTimestamp,
    now,
  );
}

const EVENT_COLUMNS: Column[] = [
  col('Last Seen', eventLastSeen),
  col('Type', o => text(o.type, '')),
  col('Reason', o => text(o.reason, '')),
  col('Object', eventObject),
  col('Message', o => text(o.message ?? o.note, '')),
];

/**
 * The columns `kubectl get` shows for the built-in kinds the simulator serves, as the
 * API server's printers (pkg/printers/internalversion) define them; priority 1 columns
 * appear with `-o wide`.
 */
export const BUILTIN_COLUMNS: Record<string, Column[]> = {
  '/namespaces': [NAME, col('Status', o => text(status(o).phase, '')), AGE],
  '/pods': [
    NAME,
    col('Ready', podReady),
    col('Status', o => text(status(o).reason ?? status(o).phase, 'Unknown')),
    int('Restarts', podRestarts),
    AGE,
    col('IP', o => text(status(o).podIP), { priority: 1 }),
    col('Node', o => text(spec(o).nodeName), { priority: 1 }),
  ],
  '/services': [
    NAME,
    col('Type', o => text(spec(o).type, 'ClusterIP')),
    col('Cluster-IP', o => text(spec(o).clusterIP)),
    col('External-IP', externalIps),
    col('Port(s)', servicePorts),
    AGE,
    col(
      'Selector',
      o => {
        const pairs = Object.entries(obj(spec(o).selector));
        return pairs.length
          ? pairs.map(([k, v]) => `${k}=${String(v)}`).join(',')
          : '<none>';
      },
      { priority: 1 },
    ),
  ],
  '/configmaps': [
    NAME,
    int(
      'Data',
      o => Object.keys({ ...obj(o.data), ...obj(o.binaryData) }).length,
    ),
    AGE,
  ],
  '/secrets': [
    NAME,
    col('Type', o => text(o.type, 'Opaque')),
    int('Data', o => Object.keys(obj(o.data)).length),
    AGE,
  ],
  '/limitranges': [
    NAME,
    col('Created At', o => o.metadata.creationTimestamp ?? ''),
  ],
  '/resourcequotas': [NAME, AGE],
  '/events': EVENT_COLUMNS,
  'events.k8s.io/events': EVENT_COLUMNS,
  'apps/deployments': [
    NAME,
    col(
      'Ready',
      o => `${num(status(o).readyReplicas)}/${num(spec(o).replicas ?? 1)}`,
    ),
    int('Up-to-date', o => num(status(o).updatedReplicas)),
    int('Available', o => num(status(o).availableReplicas)),
    AGE,
    col('Containers', o => images(o).names, { priority: 1 }),
    col('Images', o => images(o).images, { priority: 1 }),
    col('Selector', selector, { priority: 1 }),
  ],
  'apps/replicasets': [
    NAME,
    int('Desired', o => num(spec(o).replicas ?? 1)),
    int('Current', o => num(status(o).replicas)),
    int('Ready', o => num(status(o).readyReplicas)),
    AGE,
  ],
  'apps/statefulsets': [
    NAME,
    col(
      'Ready',
      o => `${num(status(o).readyReplicas)}/${num(spec(o).replicas ?? 1)}`,
    ),
    AGE,
  ],
  'apps/daemonsets': [
    NAME,
    int('Desired', o => num(status(o).desiredNumberScheduled)),
    int('Current', o => num(status(o).currentNumberScheduled)),
    int('Ready', o => num(status(o).numberReady)),
    int('Up-to-date', o => num(status(o).updatedNumberScheduled)),
    int('Available', o => num(status(o).numberAvailable)),
    AGE,
  ],
  'batch/jobs': [
    NAME,
    col('Status', jobStatus),
    col(
      'Completions',
      o => `${num(status(o).succeeded)}/${num(spec(o).completions ?? 1)}`,
    ),
    AGE,
  ],
  'batch/cronjobs': [
    NAME,
    col('Schedule', o => text(spec(o).schedule, '')),
    col('Timezone', o => text(spec(o).timeZone)),
    col('Suspend', o => String(spec(o).suspend === true), { type: 'boolean' }),
    int('Active', o => list(status(o).active).length),
    col('Last Schedule', o => ageOf(status(o).lastScheduleTime)),
    AGE,
  ],
  'autoscaling/horizontalpodautoscalers': [
    NAME,
    col('Reference', o => {
      const ref = obj(spec(o).scaleTargetRef);
      return `${String(ref.kind)}/${String(ref.name)}`;
    }),
    int('MinPods', o => num(spec(o).minReplicas ?? 1)),
    int('MaxPods', o => num(spec(o).maxReplicas)),
    int('Replicas', o => num(status(o).currentReplicas)),
    AGE,
  ],
  'policy/poddisruptionbudgets': [
    NAME,
    col('Min Available', o => String(spec(o).minAvailable ?? 'N/A')),
    col('Max Unavailable', o => String(spec(o).maxUnavailable ?? 'N/A')),
    int('Allowed Disruptions', o => num(status(o).disruptionsAllowed)),
    AGE,
  ],
  'networking.k8s.io/ingresses': [
    NAME,
    col('Class', o => text(spec(o).ingressClassName)),
    col('Hosts', o => {
      const hosts = list(spec(o).rules)
        .map(r => obj(r).host)
        .filter(Boolean);
      return hosts.length ? hosts.join(',') : '*';
    }),
    col('Address', o =>
      list(obj(status(o).loadBalancer).ingress)
        .map(i => String(obj(i).ip ?? obj(i).hostname))
        .join(','),
    ),
    col('Ports', o => (list(spec(o).tls).length ? '80, 443' : '80')),
    AGE,
  ],
  'coordination.k8s.io/leases': [
    NAME,
    col('Holder', o => text(spec(o).holderIdentity, '')),
    AGE,
  ],
  'apiextensions.k8s.io/customresourcedefinitions': [
    NAME,
    col('Created At', o => o.metadata.creationTimestamp ?? '', {
      format: 'date',
    }),
  ],
};
