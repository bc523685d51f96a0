import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { KubeSim, generateKubeSimTls, startKubeSim } from '@kmop/kube-sim';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultKmopClusterService } from './DefaultKmopClusterService';
import { GkeClusterSourceOptions } from './GkeClusterSource';

type GkeClient = NonNullable<GkeClusterSourceOptions['client']>;

function service(
  methods: JsonObject[],
  extra: Partial<Parameters<typeof DefaultKmopClusterService.create>[0]> = {},
) {
  return DefaultKmopClusterService.create({
    config: mockServices.rootConfig({
      data: { kubernetes: { clusterLocatorMethods: methods } },
    }),
    logger: mockServices.logger.mock(),
    ...extra,
  });
}

describe('DefaultKmopClusterService', () => {
  it('reads config clusters as Backstage does: auth settings into authMetadata, dashboard, title', async () => {
    const { clusters, problems } = await service([
      {
        type: 'config',
        clusters: [
          {
            name: 'eks',
            title: 'EKS production',
            url: 'https://eks.example.com',
            authProvider: 'aws',
            assumeRole: 'arn:aws:iam::1:role/r',
            externalId: 'ext',
            caData: 'Q0E=',
            dashboardUrl: 'https://console.example.com/eks',
            dashboardApp: 'eks',
          },
          {
            name: 'sa',
            url: 'http://127.0.0.1:1',
            authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount' },
            serviceAccountToken: 'secret-token',
            skipTLSVerify: true,
          },
        ],
      },
    ]).list();
    expect(problems).toEqual([]);
    expect(clusters).toEqual([
      {
        name: 'eks',
        title: 'EKS production',
        url: 'https://eks.example.com',
        skipTLSVerify: false,
        skipMetricsLookup: false,
        caData: 'Q0E=',
        caFile: undefined,
        dashboardUrl: 'https://console.example.com/eks',
        dashboardApp: 'eks',
        authMetadata: {
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/r',
          'kubernetes.io/aws-external-id': 'ext',
        },
      },
      expect.objectContaining({
        name: 'sa',
        skipTLSVerify: true,
        authMetadata: {
          'kubernetes.io/auth-provider': 'serviceAccount',
          serviceAccountToken: 'secret-token',
        },
      }),
    ]);
  });

  it('explains per cluster why client-side and unknown providers cannot be used', async () => {
    const { clusters, problems } = await service([
      {
        type: 'config',
        clusters: [
          {
            name: 'oidc',
            url: 'https://a',
            authProvider: 'oidc',
            oidcTokenProvider: 'okta',
          },
          { name: 'google', url: 'https://b', authProvider: 'google' },
          {
            name: 'aks',
            url: 'https://c',
            authProvider: 'aks',
            dashboardUrl: 'https://portal/aks',
          },
          { name: 'odd', url: 'https://d', authProvider: 'kerberos' },
          { name: 'noauth', url: 'https://e' },
          { name: 'badurl', url: 'ftp://f', authProvider: 'none' },
          { name: 'good', url: 'https://g', authProvider: 'none' },
          { name: 'good', url: 'https://h', authProvider: 'none' },
        ],
      },
    ]).list();
    expect(clusters.map(c => c.url)).toEqual(['https://g']);
    const byName = (n: string) => problems.filter(p => p.name === n);
    for (const [name, words] of [
      ['oidc', 'OIDC'],
      ['google', 'Google'],
      ['aks', 'Azure'],
    ]) {
      expect(byName(name)).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(
            new RegExp(
              `authProvider '${name}' signs requests with each person.s ${words} token.*cannot use it.*serviceAccount`,
            ),
          ),
        }),
      ]);
    }
    expect(byName('aks')[0].dashboardUrl).toBe('https://portal/aks');
    expect(byName('odd')[0].message).toMatch(
      /authProvider 'kerberos' is unknown; KMOP supports aws, azure, googleServiceAccount, serviceAccount/,
    );
    expect(byName('noauth')[0].message).toMatch(
      /has no auth provider configured/,
    );
    expect(byName('badurl')[0].message).toMatch(/is not an http\(s\) URL/);
    expect(byName('good')[0].message).toMatch(/used twice/);
  });

  it('offers the kubectl proxy, GKE clusters and custom suppliers, and reports locators it cannot run', async () => {
    const listClusters = jest.fn(async () => [
      {
        clusters: [
          {
            name: 'gke-a',
            endpoint: '34.1.2.3',
            resourceLabels: { team: 'shop' },
            masterAuth: { clusterCaCertificate: 'R0tFIENB' },
          },
          {
            name: 'gke-b',
            endpoint: '34.1.2.4',
            resourceLabels: { team: 'other' },
          },
        ],
      },
    ]);
    const clusters = service(
      [
        { type: 'localKubectlProxy' },
        {
          type: 'gke',
          projectId: 'shop-prod',
          region: 'europe-west1',
          authProvider: 'googleServiceAccount',
          matchingResourceLabels: [{ key: 'team', value: 'shop' }],
        },
        { type: 'catalog' },
        { type: 'rancher' },
      ],
      { gke: { client: { listClusters } as unknown as GkeClient } },
    );
    clusters.addClusterSupplier({
      getClusters: async () => [
        {
          name: 'custom',
          url: 'https://custom',
          authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount' },
        },
      ],
    });
    const { clusters: found, problems } = await clusters.list();
    expect(found).toEqual([
      expect.objectContaining({
        name: 'local',
        url: 'http://127.0.0.1:8001',
        authMetadata: { 'kubernetes.io/auth-provider': 'localKubectlProxy' },
      }),
      expect.objectContaining({
        name: 'gke-a',
        url: 'https://34.1.2.3',
        caData: 'R0tFIENB',
        authMetadata: {
          'kubernetes.io/auth-provider': 'googleServiceAccount',
        },
      }),
      expect.objectContaining({ name: 'custom' }),
    ]);
    expect(listClusters).toHaveBeenCalledWith({
      parent: 'projects/shop-prod/locations/europe-west1',
    });
    expect(problems).toEqual([
      {
        name: 'clusterLocatorMethods[2] (catalog)',
        message: expect.stringContaining('needs the KMOP backend plugin'),
      },
      {
        name: 'clusterLocatorMethods[3] (rancher)',
        message: "unsupported cluster locator type 'rancher'",
      },
    ]);
  });

  it('turns a failing locator into a problem and keeps the others', async () => {
    const listClusters = jest.fn(async () => {
      throw new Error('PERMISSION_DENIED');
    });
    const { clusters, problems } = await service(
      [
        { type: 'gke', projectId: 'p' },
        {
          type: 'config',
          clusters: [{ name: 'a', url: 'https://a', authProvider: 'none' }],
        },
      ],
      { gke: { client: { listClusters } as unknown as GkeClient } },
    ).list();
    expect(clusters.map(c => c.name)).toEqual(['a']);
    expect(problems).toEqual([
      {
        name: 'clusterLocatorMethods[0] (gke)',
        message: 'cannot list clusters: PERMISSION_DENIED',
      },
    ]);
  });
});

describe('DefaultKmopClusterService TLS (caData, caFile, skipTLSVerify)', () => {
  let sim: KubeSim;
  let dir: string;

  beforeAll(async () => {
    sim = await startKubeSim({ tls: true, token: 'sa-token' });
    dir = mkdtempSync(join(tmpdir(), 'kmop-ca-'));
    writeFileSync(join(dir, 'ca.crt'), sim.ca!);
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function get(settings: JsonObject) {
    const clusters = service([
      {
        type: 'config',
        clusters: [
          {
            name: 'tls',
            url: sim.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: 'sa-token',
            ...settings,
          },
        ],
      },
    ]);
    const { clusters: found } = await clusters.list();
    const client = clusters.client(found[0]);
    try {
      return await client.request<{ kind: string }>({
        path: '/api/v1/namespaces',
      });
    } finally {
      client.close();
    }
  }

  it('trusts the CA given as caData or caFile', async () => {
    await expect(
      get({ caData: Buffer.from(sim.ca!).toString('base64') }),
    ).resolves.toMatchObject({ kind: 'NamespaceList' });
    await expect(get({ caFile: join(dir, 'ca.crt') })).resolves.toMatchObject({
      kind: 'NamespaceList',
    });
  });

  it('refuses a server its CA did not sign, unless skipTLSVerify', async () => {
    const other = await generateKubeSimTls();
    await expect(
      get({ caData: Buffer.from(other.ca).toString('base64') }),
    ).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(get({})).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(get({ skipTLSVerify: true })).resolves.toMatchObject({
      kind: 'NamespaceList',
    });
  });

  it('says which file is missing when caFile cannot be read', async () => {
    await expect(get({ caFile: join(dir, 'missing.crt') })).rejects.toThrow(
      /missing\.crt/,
    );
  });
});
