import { IncomingMessage, Server, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo, Socket } from 'node:net';
import { schemaOfCrd } from './admission';
import { builtinResourceTypes } from './discovery/builtins';
import { CRD_KEY } from './discovery/crds';
import { RolloutDemo } from './demo/demo';
import {
  DemoControllers,
  WATCHED_KINDS,
} from './demo/controllers/demoControllers';
import { DownMode, Faults } from './faults/faults';
import { GarbageCollector } from './writes/gc';
import { CrdSchemaLookup } from './discovery/openapi';
import { Operations } from './writes/operations';
import { ResourceRegistry } from './discovery/registry';
import { createRequestHandler } from './api/router';
import { readSeeds } from './demo/seeds';
import { SimStore, createSimStore } from './writes/simStore';
import { ObjectStore } from './storage/store';
import { JsonObject } from './types';
import { KubeSimTls, generateKubeSimTls } from './api/tls';
import { WatchHub } from './storage/watch';

/** Options of `startKubeSim`; every field is optional. */
export interface KubeSimOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** YAML/JSON files or folders (recursive) loaded at start, CRDs first. */
  seeds?: string[];
  /** Require `Authorization: Bearer <token>` on API requests. */
  token?: string;
  /**
   * Decides whether a bearer token is accepted, instead of `token` (which is
   * then ignored): for tokens that expire or are minted by a fake cloud.
   */
  authenticate?: (token: string) => boolean | Promise<boolean>;
  /**
   * Serve HTTPS: `true` generates a CA and a serving certificate for
   * 127.0.0.1/localhost/::1 (see `KubeSim.ca`); or give the PEM material.
   */
  tls?: boolean | KubeSimTls;
  /** Latency added to every API request from the start (a fault; can be cleared). */
  latencyMs?: number;
  /** Serve the fault admin endpoint `/_sim/faults`. */
  admin?: boolean;
  /** Watch events retained for watches from a resourceVersion; older ones get 410. Default 1000. */
  historySize?: number;
  /** Advance Argo Rollouts through their canary steps over time. */
  demo?: boolean;
  /** Time between demo steps; default 5000 ms. */
  demoIntervalMs?: number;
  /** Time between BOOKMARK events on watches that allow them; default 30000 ms. */
  bookmarkIntervalMs?: number;
}

/** A running simulator. */
export interface KubeSim {
  /** `http(s)://host:port`, to use as a cluster's server URL. */
  url: string;
  /** The PEM CA certificate that signed the serving certificate, when serving TLS. */
  ca?: string;
  port: number;
  host: string;
  /** Injected faults; see `Faults`. */
  faults: Faults;
  /** Direct access to objects; writes are seen by watches. */
  store: SimStore;
  /** HTTP requests received so far, the admin endpoint excluded (to count a client's calls). */
  readonly requestCount: number;
  /**
   * Resolves once the garbage collector has deleted every dependent whose owners are
   * gone (it works in the background after each write, as kube-controller-manager does).
   */
  garbageCollected(): Promise<void>;
  /** Ends watches, closes connections and stops listening. */
  close(): Promise<void>;
}

function urlOf(scheme: string, host: string, port: number) {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function bearerCheck(
  options: KubeSimOptions,
): ((token: string) => boolean | Promise<boolean>) | undefined {
  if (options.authenticate) {
    return options.authenticate;
  }
  const expected = options.token;
  return expected === undefined ? undefined : token => token === expected;
}

/** Starts a simulated Kubernetes API server. */
export async function startKubeSim(
  options: KubeSimOptions = {},
): Promise<KubeSim> {
  const host = options.host ?? '127.0.0.1';
  const registry = new ResourceRegistry(builtinResourceTypes());
  const objects = new ObjectStore();
  const hub = new WatchHub(
    options.historySize ?? 1000,
    objects.resourceVersion,
  );
  objects.onEvent(event => hub.publish(event));
  const ops = new Operations(registry, objects, hub);
  const gc = new GarbageCollector({ registry, store: objects, ops });
  const store = createSimStore(registry, objects, ops);

  const crdSchema: CrdSchemaLookup = (type, version) => {
    const crdType = registry.findByKey(CRD_KEY);
    const crd =
      type.crdName && crdType
        ? objects.get(crdType, '', type.crdName)
        : undefined;
    return schemaOfCrd(crd?.obj, version) as JsonObject | undefined;
  };

  const sockets = new Set<Socket>();
  let port = options.port ?? 0;
  let listening = false;
  let closed = false;

  const tls =
    options.tls === true
      ? await generateKubeSimTls()
      : options.tls || undefined;
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key })
    : createServer();
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const stopListening = () =>
    new Promise<void>(resolve => {
      if (!listening) {
        resolve();
        return;
      }
      listening = false;
      server.close(() => resolve());
      sockets.forEach(s => s.destroy());
    });

  const setDown = async (mode: DownMode | undefined) => {
    if (closed) {
      return;
    }
    if (mode === 'refuse') {
      await stopListening();
      return;
    }
    if (mode === 'reset') {
      sockets.forEach(s => s.resetAndDestroy());
    }
    if (!listening) {
      await listen(server, port, host);
      listening = true;
    }
  };

  const faults = new Faults({
    endWatches: afterMs =>
      hub
        .all()
        .forEach(w => (afterMs === undefined ? w.end() : w.endAfter(afterMs))),
    setDown,
  });
  if (options.latencyMs) {
    faults.setLatency(options.latencyMs);
  }

  for (const doc of await readSeeds(options.seeds ?? [])) {
    try {
      store.upsert(doc.object);
    } catch (e) {
      throw new Error(
        `${doc.file}: document ${doc.document} (${doc.object.kind} ${
          doc.object.metadata.name
        }): ${(e as Error).message}`,
      );
    }
  }

  let requestCount = 0;
  server.on('request', (req: IncomingMessage) => {
    if (!req.url?.startsWith('/_sim/')) {
      requestCount++;
    }
  });
  server.on(
    'request',
    createRequestHandler({
      registry,
      store: objects,
      ops,
      hub,
      faults,
      authenticate: bearerCheck(options),
      admin: options.admin ?? false,
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 30_000,
      serverAddress: () => `${host}:${port}`,
      crdSchema,
    }),
  );
  port = await listen(server, port, host);
  listening = true;

  const demo = options.demo
    ? new RolloutDemo({
        store,
        intervalMs: options.demoIntervalMs ?? 5000,
        // Operations on a Rollout take effect at once, as the controller's watch sees them.
        watch: listener =>
          objects.onEvent(event => {
            if (
              event.resource.group === 'argoproj.io' &&
              event.resource.kind === 'Rollout'
            ) {
              listener();
            }
          }),
      })
    : undefined;
  demo?.start();
  const controllers = options.demo
    ? new DemoControllers({
        store,
        watch: listener =>
          objects.onEvent(event => {
            if (
              WATCHED_KINDS.has(
                `${event.resource.group}/${event.resource.kind}`,
              )
            ) {
              listener();
            }
          }),
      })
    : undefined;
  controllers?.start();

  return {
    url: urlOf(tls ? 'https' : 'http', host, port),
    ca: tls?.ca,
    port,
    host,
    faults,
    store,
    get requestCount() {
      return requestCount;
    },
    garbageCollected: () => gc.idle(),
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      demo?.stop();
      controllers?.stop();
      gc.stop();
      hub.endAll();
      await stopListening();
    },
  };
}
