import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { BenchCheckError, Target, runInterleaved } from './load';

const ZIPPED_BODY = JSON.stringify({ padding: 'x'.repeat(20_000) });

describe('runInterleaved', () => {
  let server: Server;
  let baseUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url!);
      if (req.url!.startsWith('/zipped')) {
        // Answers as a compressing backend does, when the client accepts gzip.
        const zip = /gzip/.test(req.headers['accept-encoding'] ?? '');
        res.setHeader('content-encoding', zip ? 'gzip' : 'identity');
        res.end(zip ? gzipSync(ZIPPED_BODY) : ZIPPED_BODY);
        return;
      }
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
    // Rounds: fast, heavy | heavy, fast | then the rotations reversed: heavy, fast.
    expect(seen).toEqual([
      '/fast/0',
      '/fast/1',
      '/heavy/0',
      '/heavy/1',
      '/heavy/2',
      '/heavy/3',
      '/fast/2',
      '/fast/3',
      '/heavy/4',
      '/heavy/5',
      '/fast/4',
      '/fast/5',
    ]);
    // Once after each of heavy's blocks, before the next block's first request.
    expect(collections).toEqual(['/heavy/1', '/heavy/3', '/heavy/5']);
  });

  it('puts each route after each other one equally often', async () => {
    seen.length = 0;
    await runInterleaved({
      baseUrl,
      token: 't',
      targets: [target('a'), target('b'), target('c')],
      sequence: [0, 1, 2, 3, 4, 5],
      concurrency: 1,
      blockSize: 1,
      clusterRequestCount: () => 0,
      backendRequestCount: () => ({ catalogReads: 0, permissionRequests: 0 }),
      collectGarbage: async () => {},
    });
    const blocks = seen.map(path => path.split('/')[1]);
    const after = new Map<string, number>();
    for (let i = 1; i < blocks.length; i++) {
      if (blocks[i] === blocks[i - 1]) continue;
      const pair = `${blocks[i - 1]}→${blocks[i]}`;
      after.set(pair, (after.get(pair) ?? 0) + 1);
    }
    // Within rounds: a→b, b→c, c→a forward; c→b, b→a, a→c reversed.
    expect([...after.keys()].sort()).toEqual(
      ['a→b', 'a→c', 'b→a', 'b→c', 'c→a', 'c→b'].sort(),
    );
    const counts = [...after.values()];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  // A route of the test server that gzips for clients that accept it; `check` sees each block's first answer.
  const zipped = (check: Target['check']): Target => ({
    name: 'zipped',
    request: i => ({ method: 'GET', path: `/zipped/${i}` }),
    check,
  });
  const runZipped = (check: Target['check'], sequence: number[]) =>
    runInterleaved({
      baseUrl,
      token: 't',
      targets: [zipped(check)],
      sequence,
      concurrency: 2,
      blockSize: 2,
      clusterRequestCount: () => 0,
      backendRequestCount: () => ({ catalogReads: 0, permissionRequests: 0 }),
      collectGarbage: async () => {},
    });

  it('asks as a browser does, counts the bytes as sent and decodes the answers it checks', async () => {
    const checked: string[] = [];
    const samples = await runZipped(
      (_s, body) => {
        checked.push(body);
      },
      [0, 1, 2, 3],
    );
    // The first answer of each of the two blocks is checked, decoded.
    expect(checked).toEqual([ZIPPED_BODY, ZIPPED_BODY]);
    const sample = samples.get('zipped')!;
    expect(sample.errors).toBe(0);
    expect(sample.bytes).toBe(4 * gzipSync(ZIPPED_BODY).length);
  });

  it('stops the run when a checked answer shows the route did not do its job', async () => {
    await expect(
      runZipped(
        (_s, body) => {
          if (JSON.parse(body).padding.length > 0) {
            throw new BenchCheckError('padded');
          }
        },
        [0],
      ),
    ).rejects.toThrow('padded');
  });
});
