import http from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeClient, KubeWatchEvent } from './KubeClient';
import { KubeRequestError } from './KubeRequestError';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler) {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(handler);
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const client = KubeClient.create({
    cluster: {
      name: 'test',
      url: `http://127.0.0.1:${port}`,
      authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount' },
      skipTLSVerify: false,
    },
    credentials: {
      get: async () => ({ type: 'bearer token' as const, token: 'tok-123' }),
      invalidate: () => {},
    },
    requestTimeoutMs: 300,
  });
  return {
    client,
    close: async () => {
      client.close();
      sockets.forEach(s => s.destroy());
      await new Promise(r => server.close(r));
    },
  };
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

describe('KubeClient', () => {
  it('sends the bearer token and query, and parses JSON', async () => {
    let seen: { auth?: string; url?: string } = {};
    const { client, close } = await serve((req, res) => {
      seen = { auth: req.headers.authorization, url: req.url };
      json(res, 200, { kind: 'List', items: [1] });
    });
    try {
      await expect(
        client.request({
          path: '/api/v1/pods',
          query: { limit: 5, x: undefined },
        }),
      ).resolves.toEqual({ kind: 'List', items: [1] });
      expect(seen).toEqual({
        auth: 'Bearer tok-123',
        url: '/api/v1/pods?limit=5',
      });
    } finally {
      await close();
    }
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [410, 'gone'],
    [500, 'server'],
  ])(
    'maps status %i to kind %s with the Status message',
    async (status, kind) => {
      const { client, close } = await serve((_req, res) =>
        json(res, status, {
          kind: 'Status',
          reason: 'Because',
          message: 'no way',
        }),
      );
      try {
        const error = (await client
          .request({ path: '/x' })
          .catch(e => e)) as KubeRequestError;
        expect(error).toBeInstanceOf(KubeRequestError);
        expect(error).toMatchObject({ kind, status, reason: 'Because' });
        expect(error.message).toContain('no way');
        expect(error.message).not.toContain('tok-123');
      } finally {
        await close();
      }
    },
  );

  it('reports a malformed body, a timeout and an unreachable server', async () => {
    const { client, close } = await serve((req, res) => {
      if (req.url === '/bad') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"items": [');
      }
      // '/slow' never answers
    });
    try {
      await expect(client.request({ path: '/bad' })).rejects.toMatchObject({
        kind: 'malformed',
      });
      await expect(client.request({ path: '/slow' })).rejects.toMatchObject({
        kind: 'timeout',
      });
    } finally {
      await close();
    }
    await expect(client.request({ path: '/gone' })).rejects.toMatchObject({
      kind: 'unreachable',
    });
  });

  it('reads a body whose characters are split between chunks', async () => {
    const body = Buffer.from(JSON.stringify({ items: [{ name: 'é€😀' }] }));
    // Inside the first character's two bytes.
    const split = body.indexOf(Buffer.from('é')) + 1;
    const { client, close } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(body.subarray(0, split));
      setTimeout(() => res.end(body.subarray(split)), 20);
    });
    try {
      await expect(client.request({ path: '/list' })).resolves.toEqual({
        items: [{ name: 'é€😀' }],
      });
    } finally {
      await close();
    }
  });

  it('streams watch events split across chunks and ends with the stream', async () => {
    const { client, close } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const a = JSON.stringify({
        type: 'ADDED',
        object: { metadata: { name: 'é' } },
      });
      res.write(`${a.slice(0, 10)}`);
      setTimeout(() => {
        res.write(`${a.slice(10)}\n{"type":"DELETED","object":{}}\n`);
        res.end();
      }, 20);
    });
    try {
      const events: KubeWatchEvent[] = [];
      await client.watch({ path: '/w' }, e => events.push(e));
      expect(events.map(e => e.type)).toEqual(['ADDED', 'DELETED']);
      expect(events[0].object).toEqual({ metadata: { name: 'é' } });
    } finally {
      await close();
    }
  });

  it('turns an ERROR event into a gone error and garbage into malformed', async () => {
    const { client, close } = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.url === '/expired') {
        res.end(
          `${JSON.stringify({
            type: 'ERROR',
            object: {
              kind: 'Status',
              code: 410,
              reason: 'Expired',
              message: 'too old',
            },
          })}\n`,
        );
      } else {
        res.end('not json\n');
      }
    });
    try {
      await expect(
        client.watch({ path: '/expired' }, () => {}),
      ).rejects.toMatchObject({
        kind: 'gone',
        status: 410,
      });
      await expect(
        client.watch({ path: '/garbage' }, () => {}),
      ).rejects.toMatchObject({
        kind: 'malformed',
      });
    } finally {
      await close();
    }
  });

  it('ends a silent watch with a timeout error', async () => {
    const { client, close } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('');
    });
    try {
      await expect(
        client.watch({ path: '/quiet' }, () => {}, { idleTimeoutMs: 100 }),
      ).rejects.toMatchObject({ kind: 'timeout' });
    } finally {
      await close();
    }
  });
});

describe('KubeClient watch deadline', () => {
  it('times out a watch whose answer never starts', async () => {
    const { client, close } = await serve(() => {
      // never answers
    });
    try {
      await expect(
        client.watch({ path: '/w' }, () => {}),
      ).rejects.toMatchObject({
        kind: 'timeout',
      });
    } finally {
      await close();
    }
  });
});
