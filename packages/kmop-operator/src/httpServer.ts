import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { OperatorMetrics } from './metrics';

/** What the probes ask of the operator. */
export interface Health {
  /** The process's loop runs (liveness). */
  live(): boolean;
  /** Ready to work: in touch with the API server and, when leading, watches in sync. */
  ready(): { ok: boolean; reason: string };
}

/** Serves /healthz, /readyz and /metrics; resolves with the port it listens on. */
export async function startHttpServer(options: {
  host: string;
  port: number;
  health: Health;
  metrics: OperatorMetrics;
}): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      const ok = options.health.live();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' });
      res.end(ok ? 'ok\n' : 'not live\n');
      return;
    }
    if (path === '/readyz') {
      const { ok, reason } = options.health.ready();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' });
      res.end(`${reason}\n`);
      return;
    }
    if (path === '/metrics') {
      options.metrics.registry
        .metrics()
        .then(body => {
          res.writeHead(200, {
            'content-type': options.metrics.registry.contentType,
          });
          res.end(body);
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, server };
}
