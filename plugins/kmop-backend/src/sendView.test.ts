import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { KmopEntityView } from '@kmop/plugin-kmop-common';
import express from 'express';
import { IncomingHttpHeaders, Server, get } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { sendView } from './sendView';

// The view as sendView sees it: only serialized, so any content of that shape will do.
function view(routes: number): KmopEntityView {
  return {
    entityRef: 'component:default/checkout',
    generatedAt: '2026-12-06T21:00:00.000Z',
    routes: Array.from({ length: routes }, (_, i) => ({
      id: `demo/gateway.networking.k8s.io/v1/HTTPRoute/shop/checkout-${i}`,
      hosts: [`checkout-${i}.example.com`],
    })),
  } as unknown as KmopEntityView;
}

describe('sendView', () => {
  let server: Server;
  let current = view(200);

  beforeAll(async () => {
    const app = express();
    // As Backstage's root router does (backend-defaults), ahead of every plugin.
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    });
    app.use(middleware.compression());
    app.get('/view', async (req, res) => {
      await sendView(req, res, current);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  const raw = (headers: Record<string, string>) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const { port } = server.address() as AddressInfo;
        get({ host: '127.0.0.1', port, path: '/view', headers }, res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        }).on('error', reject);
      },
    );
  const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };

  it('compresses the view once for a caller that accepts gzip, and the root router leaves it be', async () => {
    const zipped = await raw(browser);
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    // One gunzip gives the view: the middleware did not compress it again (with br).
    const body = JSON.parse(gunzipSync(zipped.body).toString('utf8'));
    expect(body).toEqual(current);
    expect(zipped.body.length).toBeLessThan(
      Buffer.byteLength(JSON.stringify(current)) / 4,
    );
  });

  it('sends the view as it is to a caller that does not accept gzip, under a strong ETag', async () => {
    const plain = await raw({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString('utf8'))).toEqual(current);
    expect(plain.headers.etag).toMatch(/^"[\w-]+"$/);
    const zipped = await raw(browser);
    expect(zipped.headers.etag).toBe(`W/${plain.headers.etag}`);
  });

  it('answers 304 to either tag from either kind of caller: the content is the same', async () => {
    const strong = (await raw({})).headers.etag!;
    for (const headers of [
      { ...browser, 'if-none-match': strong },
      { ...browser, 'if-none-match': `W/${strong}` },
      { 'if-none-match': `W/${strong}` },
      { 'if-none-match': `"other", ${strong}` },
    ]) {
      const answer = await raw(headers);
      expect(answer.status).toBe(304);
      expect(answer.body.length).toBe(0);
    }
    expect((await raw({ 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers with the new view, compressed anew, once it changed', async () => {
    const before = await raw(browser);
    current = view(201);
    const after = await raw({
      ...browser,
      'if-none-match': before.headers.etag!,
    });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(
      JSON.parse(gunzipSync(after.body).toString('utf8')).routes,
    ).toHaveLength(201);
  });

  it('sends a small view uncompressed, as the middleware would', async () => {
    current = view(1);
    const small = await raw(browser);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(JSON.parse(small.body.toString('utf8'))).toEqual(current);
  });
});
