import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { EntityAccessCache, callerKey } from './EntityAccessCache';

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
});

describe('EntityAccessCache', () => {
  let now = 0;
  const cache = (ttlMs = 1000, maxEntries = 100) =>
    EntityAccessCache.create({ ttlMs, maxEntries, now: () => now });
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');

  beforeEach(() => {
    now = 0;
  });

  it('reuses a granted read for the same caller and entity until the TTL ends', async () => {
    const c = cache(1000);
    const read = jest.fn(async () => entity('a'));
    await c.get(alice, 'component:default/a', read);
    now = 999;
    await c.get(alice, 'component:default/a', read);
    expect(read).toHaveBeenCalledTimes(1);
    now = 1000;
    await c.get(alice, 'component:default/a', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keys by caller: another caller is read for on its own and may be refused', async () => {
    const c = cache();
    await c.get(alice, 'component:default/a', async () => entity('a'));
    const forBob = jest.fn(async (): Promise<Entity> => {
      throw new NotFoundError('no');
    });
    await expect(c.get(bob, 'component:default/a', forBob)).rejects.toThrow(
      NotFoundError,
    );
    expect(forBob).toHaveBeenCalledTimes(1);
  });

  it('keeps no refusal: the next request asks again', async () => {
    const c = cache();
    const read = jest
      .fn<Promise<Entity>, []>()
      .mockRejectedValueOnce(new NotFoundError('not yet'))
      .mockResolvedValueOnce(entity('a'));
    await expect(c.get(alice, 'component:default/a', read)).rejects.toThrow(
      'not yet',
    );
    await expect(c.get(alice, 'component:default/a', read)).resolves.toEqual(
      entity('a'),
    );
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('shares one read between concurrent requests of one caller', async () => {
    const c = cache();
    let release: (e: Entity) => void = () => {};
    const read = jest.fn(() => new Promise<Entity>(r => (release = r)));
    const both = Promise.all([
      c.get(alice, 'component:default/a', read),
      c.get(alice, 'component:default/a', read),
    ]);
    release(entity('a'));
    await both;
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('holds at most maxEntries pairs, dropping the oldest', async () => {
    const c = cache(60_000, 2);
    const read = jest.fn(async () => entity('x'));
    await c.get(alice, 'component:default/a', read);
    await c.get(alice, 'component:default/b', read);
    await c.get(alice, 'component:default/c', read);
    expect(c.size).toBe(2);
    await c.get(alice, 'component:default/a', read);
    expect(read).toHaveBeenCalledTimes(4);
  });

  it('reuses nothing with a TTL of 0', async () => {
    const c = cache(0);
    const read = jest.fn(async () => entity('a'));
    await c.get(alice, 'component:default/a', read);
    await c.get(alice, 'component:default/a', read);
    expect(read).toHaveBeenCalledTimes(2);
    expect(c.size).toBe(0);
  });

  it('tells callers apart by user, or by service subject and access restrictions', () => {
    expect(callerKey(alice)).not.toBe(callerKey(bob));
    expect(callerKey(mockCredentials.service('plugin:a'))).not.toBe(
      callerKey(mockCredentials.service('plugin:b')),
    );
    expect(
      callerKey(
        mockCredentials.service('external:x', { permissionNames: ['a'] }),
      ),
    ).not.toBe(callerKey(mockCredentials.service('external:x')));
    expect(callerKey(mockCredentials.none())).toBeUndefined();
  });
});
