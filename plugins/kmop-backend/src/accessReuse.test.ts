import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import request from 'supertest';
import {
  DEMO_SEEDS,
  startKmopBackend,
  userAuth,
  waitFor,
} from './__testUtils__/testBackend';

// The reuse of catalog reads and kmop.entity.read decisions (kmop.authorization)
// through the real plugin: it never answers one caller from another's read,
// and a revoked right stops showing data once the TTL has passed.
jest.setTimeout(30_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const PATH = '/api/kmop/v1/entities/component/default/checkout';

describe('reuse of access checks', () => {
  let sim: KubeSim;
  const backends: Array<Awaited<ReturnType<typeof startKmopBackend>>> = [];

  beforeAll(async () => {
    sim = await startKubeSim({ seeds: DEMO_SEEDS });
  });

  afterEach(async () => {
    await Promise.all(backends.splice(0).map(b => b.stop()));
  });

  afterAll(async () => {
    await sim?.close();
  });

  async function start(options: {
    ttl: string;
    canSee?: (user: string | undefined, ref: string) => boolean;
    decide?: () => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  }) {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({
          result: options.decide?.() ?? AuthorizeResult.ALLOW,
        })),
    });
    const backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: sim.url }],
      kmop: { authorization: { cacheTtl: options.ttl } },
      canSee: options.canSee,
      extraFeatures: [permissions.factory],
    });
    backends.push(backend);
    await waitFor('the cluster cache', async () => {
      const res = await request(backend.server)
        .get('/api/kmop/v1/clusters')
        .set('Authorization', userAuth());
      return res.body.items?.[0]?.state === 'ready';
    });
    const catalogReadsBy = (user: string) =>
      backend.catalog.getEntityByRef.mock.calls.filter(
        ([, opts]) =>
          (opts as { credentials: { principal: { userEntityRef?: string } } })
            .credentials.principal.userEntityRef === user,
      ).length;
    const get = (user: string) =>
      request(backend.server).get(PATH).set('Authorization', userAuth(user));
    return { backend, permissions, catalogReadsBy, get };
  }

  it('never answers a caller from another caller’s read', async () => {
    const { get, catalogReadsBy } = await start({
      ttl: '1h',
      canSee: user => user === ALICE,
    });
    const alice = await get(ALICE);
    expect(alice.status).toBe(200);
    expect(alice.body.routes.length).toBeGreaterThan(0);

    // Alice's read is fresh for an hour; Bob is still asked about on his own.
    const bob = await get(BOB);
    expect(bob.status).toBe(404);
    expect(bob.body).not.toHaveProperty('routes');
    expect(catalogReadsBy(BOB)).toBe(1);

    // And Bob's 404 is not kept either: he is asked about every time.
    expect((await get(BOB)).status).toBe(404);
    expect(catalogReadsBy(BOB)).toBe(2);
    expect((await get(ALICE)).status).toBe(200);
    expect(catalogReadsBy(ALICE)).toBe(1);
  });

  it('reuses a granted check within the TTL and asks again after it', async () => {
    const { get, catalogReadsBy, permissions } = await start({ ttl: '1h' });
    expect((await get(ALICE)).status).toBe(200);
    expect((await get(ALICE)).status).toBe(200);
    expect(catalogReadsBy(ALICE)).toBe(1);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);

    const short = await start({ ttl: '200ms' });
    expect((await short.get(ALICE)).status).toBe(200);
    // Asked again until the reuse has expired: the next answer reads the catalog once more.
    await waitFor('a second catalog read once the TTL has passed', async () => {
      expect((await short.get(ALICE)).status).toBe(200);
      return short.catalogReadsBy(ALICE) === 2;
    });
    expect(short.permissions.authorize).toHaveBeenCalledTimes(2);
  });

  it('stops showing the view at most the TTL after visibility in the catalog is revoked', async () => {
    let aliceMaySee = true;
    const grantedAt: number[] = [];
    const { get } = await start({
      ttl: '500ms',
      canSee: user => {
        if (user === ALICE && aliceMaySee) grantedAt.push(Date.now());
        return user === ALICE && aliceMaySee;
      },
    });
    expect((await get(ALICE)).status).toBe(200);
    aliceMaySee = false;
    const lastGrant = grantedAt[grantedAt.length - 1];
    const answers: Array<{ sentAt: number; status: number }> = [];
    await waitFor('a 404 for alice', async () => {
      const sentAt = Date.now();
      const res = await get(ALICE);
      answers.push({ sentAt, status: res.status });
      return res.status === 404;
    });
    // Any view served after the revocation was asked for within the TTL of
    // the last granted read; the first one after that is a 404.
    for (const a of answers.filter(x => x.status === 200)) {
      expect(a.sentAt - lastGrant).toBeLessThan(500);
    }
    expect(answers).not.toHaveLength(0);
    expect(answers.every(a => a.status === 200 || a.status === 404)).toBe(true);
    expect((await get(ALICE)).status).toBe(404);
  });

  it('checks every request when the TTL is 0, so a denied permission applies at once', async () => {
    let decision = AuthorizeResult.ALLOW as
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY;
    const { get, catalogReadsBy } = await start({
      ttl: '0s',
      decide: () => decision,
    });
    expect((await get(ALICE)).status).toBe(200);
    decision = AuthorizeResult.DENY;
    const denied = await get(ALICE);
    expect(denied.status).toBe(403);
    expect(denied.body).not.toHaveProperty('routes');
    expect(catalogReadsBy(ALICE)).toBe(2);
  });

  it('applies a denied permission once the TTL has passed', async () => {
    let decision = AuthorizeResult.ALLOW as
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY;
    const { get } = await start({ ttl: '300ms', decide: () => decision });
    expect((await get(ALICE)).status).toBe(200);
    decision = AuthorizeResult.DENY;
    await waitFor(
      'the denial once the reused decision has expired',
      async () => (await get(ALICE)).status === 403,
    );
  });
});
