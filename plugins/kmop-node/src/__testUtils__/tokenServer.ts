import { Server, createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';

/** A request the fake token endpoint received. */
export interface TokenRequest {
  path: string;
  form: URLSearchParams;
}

/**
 * A local OAuth token endpoint standing in for a cloud's (Google STS, Entra
 * ID): `answer` decides the JSON reply for each request; every request is
 * recorded. HTTPS when given a certificate.
 */
export async function startTokenServer(options: {
  answer: (req: TokenRequest) => { status?: number; body: unknown };
  tls?: { cert: string; key: string };
}) {
  const requests: TokenRequest[] = [];
  const handler = (
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      const request = {
        path: new URL(req.url ?? '/', 'http://x').pathname,
        form: new URLSearchParams(body),
      };
      requests.push(request);
      const { status, body: reply } = options.answer(request);
      res.writeHead(status ?? 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  };
  const server: Server = options.tls
    ? createHttpsServer(options.tls, handler)
    : createHttpServer(handler);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
