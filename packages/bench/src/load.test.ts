import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Target, runInterleaved } from './load';

describe('runInterleaved', () => {
  let server: Server;
  let baseUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url!);
      res.end('{}');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise(r => server.close(r)));

  const target = (name: string, collectGarbageAfter?: boolean): Target => ({
    name,
    request: i => ({ method: 'GET', path: `/${name}/${i}` }),
    check: () => {},
    collectGarbageAfter,
  });

  it('sends every route the sequence in rotating blocks, and collects garbage after the blocks of a route that asks for it', async () => {
    seen.length = 0;
    const collections: string[] = [];
    const samples = await runInterleaved({
      baseUrl,
      token: 't',
      targets: [target('fast'), target('heavy', true)],
      sequence: [0, 1, 2, 3, 4, 5],
      concurrency: 1,
      blockSize: 2,
      clusterRequestCount: () => 0,
      backendRequestCount: () => ({ catalogReads: 0, permissionRequests: 0 }),
      collectGarbage: async () => {
        collections.push(seen[seen.length - 1]);
      },
    });
    expect(samples.get('fast')!.requests).toBe(6);
    expect(samples.get('heavy')!.requests).toBe(6);
    // Rounds: fast, heavy | heavy, fast | fast, heavy.
    expect(seen).toEqual([
      '/fast/0',
      '/fast/1',
      '/heavy/0',
      '/heavy/1',
      '/heavy/2',
      '/heavy/3',
      '/fast/2',
      '/fast/3',
      '/fast/4',
      '/fast/5',
      '/heavy/4',
      '/heavy/5',
    ]);
    // Once after each of heavy's blocks, before the next block's first request.
    expect(collections).toEqual(['/heavy/1', '/heavy/3', '/heavy/5']);
  });
});
