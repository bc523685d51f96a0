import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

// Prometheus itself is started by kube-sim's `startPrometheus`, shared with the KMOP backend's
// tests; what only the operator's tests (and the bench, which imports this file) need is here.
export { startPrometheus } from '@kmop/kube-sim';
export type { CounterSeries, PrometheusServer } from '@kmop/kube-sim';

/** A proxy in front of Prometheus that counts the queries it forwards. */
export interface CountingProxy {
  url: string;
  /** The `query` parameters of the instant queries forwarded so far. */
  readonly queries: string[];
  close(): Promise<void>;
}

/** Starts a {@link CountingProxy} to `target` on an ephemeral port. */
export async function startCountingProxy(
  target: string,
): Promise<CountingProxy> {
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    if (url.pathname === '/api/v1/query') {
      queries.push(url.searchParams.get('query') ?? '');
    }
    fetch(url)
      .then(async upstream => {
        res.writeHead(upstream.status, {
          'content-type':
            upstream.headers.get('content-type') ?? 'application/json',
        });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      })
      .catch(() => {
        res.writeHead(502);
        res.end();
      });
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
