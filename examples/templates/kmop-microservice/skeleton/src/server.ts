import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { RequestMetrics } from './metrics.ts';

/** What the HTTP handler needs to know about the process. */
export interface ServiceState {
  /** False while starting and once shutdown has begun: /readyz answers 503. */
  ready: boolean;
}

/** Routes the metrics are labelled with; any other path counts as `other`. */
const ROUTES = new Set(['/', '/healthz', '/readyz', '/metrics']);

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function handle(
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  state: ServiceState,
  metrics: RequestMetrics,
): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  switch (path) {
    case '/healthz':
      send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
      return;
    case '/readyz':
      send(
        res,
        state.ready ? 200 : 503,
        'text/plain; charset=utf-8',
        state.ready ? 'ready\n' : 'not ready\n',
      );
      return;
    case '/metrics':
      send(
        res,
        200,
        'text/plain; version=0.0.4; charset=utf-8',
        metrics.expose(),
      );
      return;
    case '/':
      send(
        res,
        200,
        'application/json',
        `${JSON.stringify({ service: name, status: 'ok' })}\n`,
      );
      return;
    default:
      send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  }
}

/** The service's HTTP server: health, readiness, metrics and a JSON root. */
export function createService(name: string, state: ServiceState): Server {
  const metrics = new RequestMetrics(name);
  return createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(
        req.method ?? 'GET',
        ROUTES.has(path) ? path : 'other',
        res.statusCode,
        seconds,
      );
    });
    try {
      handle(req, res, name, state, metrics);
    } catch {
      if (!res.headersSent)
        send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
    }
  });
}
