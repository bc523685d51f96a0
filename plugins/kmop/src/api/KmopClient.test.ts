import { ResponseError } from '@backstage/errors';
import { KmopClient } from './KmopClient';

const entityRef = { kind: 'Component', namespace: 'default', name: 'checkout' };
const baseUrl = 'http://127.0.0.1:7007/api/kmop';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function makeClient(answer: (url: string, init?: RequestInit) => Response) {
  const fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
    answer(String(input), init),
  );
  const client = new KmopClient({
    discoveryApi: { getBaseUrl: jest.fn(async () => baseUrl) },
    fetchApi: { fetch: fetch as typeof globalThis.fetch },
  });
  return { client, fetch };
}

describe('KmopClient', () => {
  it('reads an entity view from the kmop base URL', async () => {
    const view = { entityRef: 'component:default/checkout', routes: [] };
    const { client, fetch } = makeClient(() => json(view));
    await expect(client.getEntityView(entityRef)).resolves.toEqual(view);
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/v1/entities/component/default/checkout`,
      { cache: 'no-store', headers: {} },
    );
  });

  it('asks whether the view changed since the last read, and reuses it on 304', async () => {
    const first = {
      entityRef: 'component:default/checkout',
      routes: [],
      generatedAt: '2026-01-01T00:00:00.000Z',
    };
    const second = { ...first, routes: [{ id: 'r' }] };
    const answers = [
      new Response(JSON.stringify(first), { headers: { ETag: '"a"' } }),
      new Response(null, { status: 304, headers: { ETag: '"a"' } }),
      new Response(JSON.stringify(second), { headers: { ETag: '"b"' } }),
    ];
    const { client, fetch } = makeClient(() => answers.shift()!);

    await expect(client.getEntityView(entityRef)).resolves.toEqual(first);
    const unchanged = await client.getEntityView(entityRef);
    expect(unchanged.routes).toEqual([]);
    // The backend just confirmed the view: it is current as of now.
    expect(unchanged.generatedAt > first.generatedAt).toBe(true);
    await expect(client.getEntityView(entityRef)).resolves.toEqual(second);

    expect(fetch.mock.calls.map(([, init]) => init?.headers)).toEqual([
      {},
      { 'If-None-Match': '"a"' },
      { 'If-None-Match': '"a"' },
    ]);
  });

  it('asks for a source object by item id and returns its YAML', async () => {
    const itemId =
      'demo/gateway.networking.k8s.io/v1/HTTPRoute/checkout/checkout';
    const { client, fetch } = makeClient(() =>
      json({ yaml: 'kind: HTTPRoute\n' }),
    );
    await expect(client.getSourceObject(entityRef, itemId)).resolves.toBe(
      'kind: HTTPRoute\n',
    );
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/v1/entities/component/default/checkout/source?item=${encodeURIComponent(
        itemId,
      )}`,
    );
  });

  it('says how to install the backend when it is missing', async () => {
    const { client } = makeClient(
      () => new Response('Not Found', { status: 404 }),
    );
    await expect(client.getEntityView(entityRef)).rejects.toThrow(
      /KMOP backend is not installed.*plugin-kmop-backend/,
    );
  });

  it('turns a 404 of an installed backend into a ResponseError', async () => {
    const { client } = makeClient(url =>
      url.endsWith('/health')
        ? json({ status: 'ok' })
        : json(
            {
              error: { name: 'NotFoundError', message: 'No such item' },
              request: { method: 'GET', url },
              response: { statusCode: 404 },
            },
            404,
          ),
    );
    const error = await client
      .getSourceObject(entityRef, 'x')
      .catch(e => e as Error);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).statusCode).toBe(404);
    expect((error as ResponseError).body.error.message).toBe('No such item');
  });

  it('turns other failures into a ResponseError', async () => {
    const { client } = makeClient(() =>
      json(
        {
          error: { name: 'InputError', message: 'Invalid entity name' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    const error = await client.getEntityView(entityRef).catch(e => e as Error);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).statusCode).toBe(400);
    expect((error as ResponseError).body.error.message).toBe(
      'Invalid entity name',
    );
  });
});
