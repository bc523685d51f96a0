import { ConfigReader } from '@backstage/config';
import { readCacheSettings } from './readCacheSettings';

describe('readCacheSettings', () => {
  it('uses the defaults config.d.ts documents without config', () => {
    // Written out, not read from DEFAULT_CACHE_SETTINGS: a changed default must show here.
    expect(readCacheSettings(new ConfigReader({}))).toEqual({
      requestTimeoutMs: 10_000,
      watchTimeoutMs: 300_000,
      pageSize: 500,
      initialBackoffMs: 1_000,
      maxBackoffMs: 60_000,
      rediscoveryIntervalMs: 300_000,
      clusterRefreshIntervalMs: 60_000,
    });
  });

  it('reads durations as strings or objects and the page size', () => {
    const settings = readCacheSettings(
      new ConfigReader({
        kmop: {
          cache: {
            requestTimeout: '2s',
            watchTimeout: { minutes: 1 },
            initialBackoff: '100ms',
            maxBackoff: '5s',
            pageSize: 50,
          },
        },
      }),
    );
    expect(settings).toMatchObject({
      requestTimeoutMs: 2000,
      watchTimeoutMs: 60_000,
      initialBackoffMs: 100,
      maxBackoffMs: 5000,
      pageSize: 50,
    });
  });

  it('rejects a bad page size and inverted backoff', () => {
    expect(() =>
      readCacheSettings(new ConfigReader({ kmop: { cache: { pageSize: 0 } } })),
    ).toThrow('kmop.cache.pageSize');
    expect(() =>
      readCacheSettings(
        new ConfigReader({
          kmop: { cache: { initialBackoff: '10s', maxBackoff: '1s' } },
        }),
      ),
    ).toThrow('maxBackoff');
  });
});
