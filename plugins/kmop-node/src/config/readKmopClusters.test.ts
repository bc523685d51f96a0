import { JsonObject } from '@backstage/types';
import { ConfigReader } from '@backstage/config';
import { readKmopClusters } from './readKmopClusters';

function config(clusters: JsonObject[], extra: JsonObject[] = []) {
  return new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [{ type: 'config', clusters }, ...extra],
    },
  });
}

describe('readKmopClusters', () => {
  it('reads service account and unauthenticated clusters', () => {
    const result = readKmopClusters(
      config([
        {
          name: 'prod',
          url: 'https://10.0.0.1:6443',
          authProvider: 'serviceAccount',
          serviceAccountToken: 'secret-token',
          caData: Buffer.from('PEM DATA').toString('base64'),
        },
        {
          name: 'dev',
          url: 'http://127.0.0.1:6443',
          authProvider: 'none',
          skipTLSVerify: true,
        },
      ]),
    );
    expect(result.problems).toEqual([]);
    expect(result.clusters).toEqual([
      {
        name: 'prod',
        url: 'https://10.0.0.1:6443',
        auth: { type: 'serviceAccount', token: 'secret-token' },
        skipTLSVerify: false,
        caData: 'PEM DATA',
      },
      {
        name: 'dev',
        url: 'http://127.0.0.1:6443',
        auth: { type: 'none' },
        skipTLSVerify: true,
        caData: undefined,
      },
    ]);
  });

  it('reads the auth provider from authMetadata', () => {
    const result = readKmopClusters(
      config([
        {
          name: 'a',
          url: 'http://127.0.0.1:1',
          authMetadata: { 'kubernetes.io/auth-provider': 'none' },
        },
      ]),
    );
    expect(result.clusters[0].auth).toEqual({ type: 'none' });
  });

  it('reports unusable clusters as problems and keeps the others', () => {
    const result = readKmopClusters(
      config([
        { name: 'oidc', url: 'https://x', authProvider: 'oidc' },
        { name: 'notoken', url: 'https://x', authProvider: 'serviceAccount' },
        { name: 'badurl', url: 'ftp://x', authProvider: 'none' },
        { name: 'good', url: 'https://x', authProvider: 'none' },
      ]),
    );
    expect(result.clusters.map(c => c.name)).toEqual(['good']);
    expect(result.problems).toEqual([
      {
        name: 'oidc',
        message: expect.stringContaining(
          "authProvider 'oidc' is not supported",
        ),
      },
      {
        name: 'notoken',
        message: expect.stringContaining('needs serviceAccountToken'),
      },
      {
        name: 'badurl',
        message: expect.stringContaining('is not an http(s) URL'),
      },
    ]);
    expect(JSON.stringify(result.problems)).not.toContain('secret');
  });

  it('skips locator methods other than config and accepts no config at all', () => {
    expect(
      readKmopClusters(config([], [{ type: 'localKubectlProxy' }])).clusters,
    ).toEqual([]);
    expect(readKmopClusters(new ConfigReader({}))).toEqual({
      clusters: [],
      problems: [],
    });
  });

  it('rejects duplicate cluster names', () => {
    expect(() =>
      readKmopClusters(
        config([
          { name: 'a', url: 'https://x', authProvider: 'none' },
          { name: 'a', url: 'https://y', authProvider: 'none' },
        ]),
      ),
    ).toThrow("cluster name 'a' is used twice");
  });
});
