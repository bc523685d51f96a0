import { KubeConfig } from '@kubernetes/client-node';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { reuseConnections } from './connections';
import { KubeClient } from './kube';

const ROUTES = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  plural: 'httproutes',
};

/** An API server answering every list with an empty one, counting TCP connections. */
async function countingServer(): Promise<{
  server: Server;
  url: string;
  connections: () => number;
}> {
  let connections = 0;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'HTTPRouteList',
        metadata: { resourceVersion: '1' },
        items: [],
      }),
    );
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
  };
}

function kubeConfig(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

describe('reuseConnections', () => {
  let api: Awaited<ReturnType<typeof countingServer>>;

  beforeEach(async () => {
    api = await countingServer();
  });

  afterEach(async () => {
    api.server.closeAllConnections();
    await new Promise(resolve => api.server.close(resolve));
  });

  it('sends one request after another over one connection', async () => {
    const kc = kubeConfig(api.url);
    reuseConnections(kc);
    const client = new KubeClient({ kubeConfig: kc });
    for (let i = 0; i < 5; i++) await client.list(ROUTES);
    expect(api.connections()).toBe(1);
  });

  it('is needed: client-node alone opens a connection per request', async () => {
    const client = new KubeClient({ kubeConfig: kubeConfig(api.url) });
    for (let i = 0; i < 5; i++) await client.list(ROUTES);
    expect(api.connections()).toBe(5);
  });

  it('keeps client-node refusing plain HTTP with TLS verification on', async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: api.url }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    reuseConnections(kc);
    await expect(
      new KubeClient({ kubeConfig: kc }).list(ROUTES),
    ).rejects.toThrow('HTTP protocol is not allowed');
  });
});
