import { ApiError } from '../../errors';
import { SimStore } from '../../writes/simStore';
import { KubeObject } from '../../types';
import { deploymentStatus } from './deployments';
import { httpRouteParents } from './httpRoutes';
import { slothStatus } from './sloth';

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' };
const HTTP_ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
};
const GATEWAY = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway' };
const SLOTH = {
  apiVersion: 'sloth.slok.dev/v1',
  kind: 'PrometheusServiceLevel',
};

/** Kinds whose changes the controllers react to. */
export const WATCHED_KINDS = new Set([
  'apps/Deployment',
  '/Service',
  '/Namespace',
  'gateway.networking.k8s.io/HTTPRoute',
  'gateway.networking.k8s.io/Gateway',
  'sloth.slok.dev/PrometheusServiceLevel',
]);

function list(store: SimStore, type: { apiVersion: string; kind: string }) {
  try {
    return store.list(type.apiVersion, type.kind);
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) return []; // CRD not installed
    throw e;
  }
}

const refOf = (o: KubeObject) => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  namespace: o.metadata.namespace,
  name: o.metadata.name as string,
});

/**
 * In demo mode, the controllers a cluster runs besides Argo Rollouts, so that objects
 * created while the demo runs (by the KMOP operator, the golden path, kubectl) get the
 * status their controllers would write: the Deployment controller and kubelet (every
 * replica becomes ready, `controllers/deployments.ts`) and Envoy Gateway for HTTPRoutes
 * (accepted by a listener, backends resolved, `controllers/httpRoutes.ts`) and Sloth
 * (rules generated for PrometheusServiceLevels, `controllers/sloth.ts`). Writes only what
 * changed.
 */
export class DemoControllers {
  private unwatch: (() => void) | undefined;
  private pending: NodeJS.Immediate | undefined;

  constructor(
    private readonly options: {
      store: SimStore;
      /** Subscribes to changes of {@link WATCHED_KINDS}. */
      watch: (listener: () => void) => () => void;
      now?: () => number;
    },
  ) {}

  start() {
    this.stop();
    this.reconcile();
    this.unwatch = this.options.watch(() => {
      // Our own writes come back here too; reconciling again changes nothing.
      this.pending ??= setImmediate(() => {
        this.pending = undefined;
        this.reconcile();
      });
    });
  }

  stop() {
    this.unwatch?.();
    this.unwatch = undefined;
    if (this.pending) clearImmediate(this.pending);
    this.pending = undefined;
  }

  /** Brings every Deployment's and HTTPRoute's status up to date once. */
  reconcile() {
    const { store } = this.options;
    for (const deployment of list(store, DEPLOYMENT)) {
      const status = deploymentStatus(deployment);
      if (status) store.updateStatus(refOf(deployment), status);
    }
    const gateways = list(store, GATEWAY);
    const now = new Date(this.options.now?.() ?? Date.now()).toISOString();
    const world = {
      gateway: (namespace: string, name: string) =>
        gateways.find(
          g => g.metadata.namespace === namespace && g.metadata.name === name,
        ),
      service: (namespace: string, name: string) =>
        store.get({ apiVersion: 'v1', kind: 'Service', namespace, name }),
      namespaceLabels: (name: string) =>
        (store.get({ apiVersion: 'v1', kind: 'Namespace', name })?.metadata
          .labels ?? {}) as Record<string, string>,
    };
    for (const route of list(store, HTTP_ROUTE)) {
      const status = httpRouteParents(route, world, now);
      if (status) store.updateStatus(refOf(route), status);
    }
    for (const psl of list(store, SLOTH)) {
      const status = slothStatus(psl, now);
      if (status) store.updateStatus(refOf(psl), status);
    }
  }
}
