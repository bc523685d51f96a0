import {
  AuthenticationStrategy,
  ClusterDetails,
} from '@backstage/plugin-kubernetes-node';
import { ClusterCredentials } from './ClusterCredentials';

const CLUSTER: ClusterDetails = {
  name: 'c',
  url: 'https://c',
  authMetadata: { 'kubernetes.io/auth-provider': 'test' },
};

function countingStrategy() {
  let issued = 0;
  const strategy: AuthenticationStrategy & { issued: () => number } = {
    getCredential: async () => {
      issued++;
      const n = issued;
      await new Promise<void>(r => setTimeout(r, 5));
      return { type: 'bearer token', token: `token-${n}` };
    },
    validateCluster: () => [],
    presentAuthMetadata: () => ({}),
    issued: () => issued,
  };
  return strategy;
}

describe('ClusterCredentials', () => {
  it('keeps a credential until it is due for renewal, then fetches a new one', async () => {
    let now = 1_000_000;
    const strategy = countingStrategy();
    const credentials = ClusterCredentials.create({
      cluster: CLUSTER,
      strategy,
      renewAfterMs: 60_000,
      now: () => now,
    });
    await expect(credentials.get()).resolves.toEqual({
      type: 'bearer token',
      token: 'token-1',
    });
    now += 59_999;
    await expect(credentials.get()).resolves.toMatchObject({
      token: 'token-1',
    });
    now += 1;
    await expect(credentials.get()).resolves.toMatchObject({
      token: 'token-2',
    });
    expect(strategy.issued()).toBe(2);
  });

  it('fetches again after invalidate (the cluster answered 401)', async () => {
    const strategy = countingStrategy();
    const credentials = ClusterCredentials.create({
      cluster: CLUSTER,
      strategy,
    });
    await credentials.get();
    await credentials.get();
    credentials.invalidate();
    await expect(credentials.get()).resolves.toMatchObject({
      token: 'token-2',
    });
  });

  it('renews once when many requests are refused the same credential', async () => {
    const strategy = countingStrategy();
    const credentials = ClusterCredentials.create({
      cluster: CLUSTER,
      strategy,
    });
    const refused = await credentials.get();
    credentials.invalidate(refused);
    const renewed = await credentials.get();
    // Later 401s to the old credential do not throw the new one away.
    credentials.invalidate(refused);
    credentials.invalidate(refused);
    await expect(credentials.get()).resolves.toBe(renewed);
    expect(strategy.issued()).toBe(2);
  });

  it('shares one fetch between concurrent callers', async () => {
    const strategy = countingStrategy();
    const credentials = ClusterCredentials.create({
      cluster: CLUSTER,
      strategy,
    });
    const all = await Promise.all([1, 2, 3].map(() => credentials.get()));
    expect(all.map(c => (c as { token: string }).token)).toEqual([
      'token-1',
      'token-1',
      'token-1',
    ]);
    expect(strategy.issued()).toBe(1);
  });

  it('does not keep a failed fetch', async () => {
    let fail = true;
    const credentials = ClusterCredentials.create({
      cluster: CLUSTER,
      strategy: {
        getCredential: async () => {
          if (fail) throw new Error('token endpoint down');
          return { type: 'bearer token', token: 'ok' };
        },
        validateCluster: () => [],
        presentAuthMetadata: () => ({}),
      },
    });
    await expect(credentials.get()).rejects.toThrow('token endpoint down');
    fail = false;
    await expect(credentials.get()).resolves.toMatchObject({ token: 'ok' });
  });
});
