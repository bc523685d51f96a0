import { mockServices } from '@backstage/backend-test-utils';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { join, resolve } from 'node:path';
import { DefaultKmopClusterService } from '../clusters/DefaultKmopClusterService';
import { createClusterCache } from './createClusterCache';
import { KubernetesClusterCache } from './KubernetesClusterCache';

const REPO = resolve(__dirname, '../../../..');
const SEEDS = [
  join(REPO, 'plugins/kmop-common/crds'),
  join(REPO, 'examples/cluster'),
];
const HISTORY = 20;
const ROUTE = {
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'GatewayRoute',
  namespace: 'payments',
};

async function until(what: string, check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}

describe('the cache when its watches are cut: an expired token, a forgotten resourceVersion', () => {
  let sim: KubeSim;
  let cache: KubernetesClusterCache;
  /** The token the identity provider hands out now, and the one the API server accepts. */
  let issuing = 'token-1';
  let accepted = 'token-1';
  const handedOut: string[] = [];
  /** Non-watch requests the cache sent. */
  const requests: string[] = [];
  const rejected: string[] = [];
  /** Runs while the API server is deciding on a rejected token: the gap. */
  let duringRejection: (() => void) | undefined;

  const rotating: AuthenticationStrategy = {
    getCredential: async () => {
      handedOut.push(issuing);
      return { type: 'bearer token', token: issuing };
    },
    validateCluster: () => [],
    presentAuthMetadata: () => ({}),
  };

  beforeAll(async () => {
    sim = await startKubeSim({
      seeds: SEEDS,
      // Short, so the last test can outrun it; the first one's few changes fit.
      historySize: HISTORY,
      authenticate: token => {
        if (token === accepted) return true;
        rejected.push(token);
        duringRejection?.();
        duringRejection = undefined;
        return false;
      },
    });
    const config = mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                { name: 'prod', url: sim.url, authProvider: 'rotating' },
              ],
            },
          ],
        },
        kmop: { cache: { initialBackoff: '50ms', maxBackoff: '200ms' } },
      },
    });
    const logger = mockServices.logger.mock();
    const clusters = DefaultKmopClusterService.create({
      config,
      logger,
      authStrategies: { rotating },
    });
    // Records the list and discovery requests (watches are `watch` calls).
    const makeClient = clusters.client.bind(clusters);
    clusters.client = (cluster, options) => {
      const client = makeClient(cluster, options);
      const send = client.request.bind(client);
      client.request = (req => {
        requests.push(req.path);
        return send(req);
      }) as typeof client.request;
      return client;
    };
    cache = createClusterCache({ config, logger, clusters });
    cache.start();
    await until('the first sync', () => cache.clusters()[0]?.state === 'ready');
  });

  afterAll(async () => {
    await cache.stop();
    await sim.close();
  });

  const routes = () =>
    cache
      .lookup({ serviceName: 'payments' })
      .items.routes.map(r => `${r.source.name}=${r.hostnames.join(',')}`)
      .sort();

  it('re-authenticates on 401 and resumes the watch without losing an event', async () => {
    expect(routes()).toEqual(['payments-public=pay.example.com']);
    expect(handedOut).toEqual(['token-1']);

    // Resumed, not started over: no list request from here on.
    requests.length = 0;

    // The token expires: the server accepts only the newly issued one, and
    // ends the open watches (as a real server does when they time out).
    issuing = 'token-2';
    accepted = 'token-2';
    duringRejection = () => {
      // Changes made after the watch ended and before it is resumed.
      sim.store.create({
        ...ROUTE,
        metadata: {
          name: 'payments-internal',
          namespace: 'payments',
          labels: { 'app.kubernetes.io/name': 'payments' },
        },
        spec: {
          serviceRef: 'payments',
          gateway: { name: 'internal', namespace: 'gateways' },
          hostnames: ['payments.internal'],
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          port: 8080,
        },
      });
      sim.store.patch(
        { ...ROUTE, name: 'payments-public' },
        { spec: { hostnames: ['pay.example.com', 'api.example.com'] } },
      );
    };
    sim.faults.dropWatches();

    await until('the changes made while the token was refused', () =>
      routes().includes('payments-internal=payments.internal'),
    );
    expect(routes()).toEqual([
      'payments-internal=payments.internal',
      'payments-public=pay.example.com,api.example.com',
    ]);
    expect(requests).toEqual([]);
    expect(rejected[0]).toBe('token-1');
    expect(handedOut).toEqual(['token-1', 'token-2']);
    expect(cache.clusters()).toEqual([
      expect.objectContaining({ name: 'prod', state: 'ready' }),
    ]);
  });

  it('keeps using the renewed token afterwards', async () => {
    sim.store.delete({ ...ROUTE, name: 'payments-internal' });
    await until('the deletion', () => routes().length === 1);
    expect(handedOut).toEqual(['token-1', 'token-2']);
  });

  it('lists again when the server has forgotten where its watch was (410 Gone)', async () => {
    requests.length = 0;
    // The cluster goes away; the watches end and fail to reopen.
    await sim.faults.down('reset');
    await until('the cache to notice', () =>
      cache.clusters().some(c => c.state === 'error'),
    );
    // Meanwhile more changes than the server keeps in its watch history.
    for (let i = 0; i <= HISTORY; i++) {
      sim.store.patch(
        { ...ROUTE, name: 'payments-public' },
        { metadata: { annotations: { revision: String(i) } } },
      );
    }
    sim.store.create({
      ...ROUTE,
      metadata: {
        name: 'payments-late',
        namespace: 'payments',
        labels: { 'app.kubernetes.io/name': 'payments' },
      },
      spec: {
        serviceRef: 'payments',
        gateway: { name: 'internal', namespace: 'gateways' },
        hostnames: ['late.internal'],
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        port: 8080,
      },
    });
    await sim.faults.up();

    await until('the change made while the cluster was away', () =>
      routes().includes('payments-late=late.internal'),
    );
    // Resuming from the old resourceVersion is answered 410 Gone, so the watcher lists the
    // kind again; a resumed watch would send no list request.
    expect(
      requests.filter(p => p.includes('/kmop.dev/v1alpha1/gatewayroutes')),
    ).not.toEqual([]);
    await until('the cluster to be ready again', () =>
      cache.clusters().every(c => c.state === 'ready'),
    );
  });
});
