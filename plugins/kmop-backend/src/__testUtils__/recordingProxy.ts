import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the cluster received, as sent. */
export interface RecordedRequest {
  method: string;
  /** Path with the query string. */
  path: string;
  contentType?: string;
  /** The parsed JSON body, when there was one. */
  body?: unknown;
}

/** A refusal the proxy answers for the cluster, as RBAC would (403 with a Status). */
export interface RefusalRule {
  method: string;
  /** Refuse requests whose path ends with this (e.g. `/rollouts/checkout/status`). */
  pathEndsWith: string;
  /** 403 Forbidden (RBAC) by default; 404 stands for a cluster that does not serve the path. */
  status?: 403 | 404;
}

/**
 * A proxy in front of a simulated API server that records every request it forwards, so a
 * test can assert the exact requests a cluster received, and that can refuse chosen
 * verb/path pairs with a 403 Status the way RBAC does (kube-sim's own faults refuse a
 * resource for every verb, which would also stop the watches). Test code only: kube-sim
 * knows nothing of KMOP and stays so.
 */
export async function startRecordingProxy(target: string) {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  let refusals: RefusalRule[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const method = req.method ?? 'GET';
      let body: unknown;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          body = raw.toString('utf8');
        }
      }
      requests.push({
        method,
        path,
        contentType: req.headers['content-type'],
        ...(body === undefined ? {} : { body }),
      });
      const bare = path.split('?')[0];
      const refusal = refusals.find(
        r => r.method === method && bare.endsWith(r.pathEndsWith),
      );
      if (refusal) {
        const code = refusal.status ?? 403;
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            reason: code === 403 ? 'Forbidden' : 'NotFound',
            code,
            message:
              code === 403
                ? `${method.toLowerCase()} is forbidden: User "system:serviceaccount:backstage:kmop" cannot ${method.toLowerCase()} this resource`
                : 'the server could not find the requested resource',
          }),
        );
        return;
      }
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method,
          path,
          headers: { ...req.headers, host: upstream.host },
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      // The client went away (a watch ended): end the upstream request too.
      res.on('close', () => forward.destroy());
      forward.end(raw);
    });
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Every request so far. */
    requests,
    /** Requests that may change something (not GET), so far. */
    writes: () => requests.filter(r => r.method !== 'GET'),
    /** Forgets what was recorded. */
    clear: () => {
      requests.length = 0;
    },
    /** Refuses these verb/path pairs from now on (replacing earlier rules). */
    refuse: (rules: RefusalRule[]) => {
      refusals = rules;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

export type RecordingProxy = Awaited<ReturnType<typeof startRecordingProxy>>;
