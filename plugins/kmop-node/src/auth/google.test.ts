import { mockServices } from '@backstage/backend-test-utils';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultKmopClusterService } from '../clusters/DefaultKmopClusterService';
import { startTokenServer } from '../__testUtils__/tokenServer';

describe('authProvider googleServiceAccount (Backstage GoogleServiceAccountStrategy)', () => {
  let sim: KubeSim;
  let sts: Awaited<ReturnType<typeof startTokenServer>>;
  let dir: string;
  let issued = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kmop-google-'));
    // The federated identity token a workload identity pool trusts.
    writeFileSync(join(dir, 'subject-token'), 'oidc-subject-token');
    sts = await startTokenServer({
      answer: ({ form }) =>
        form.get('subject_token') === 'oidc-subject-token'
          ? {
              body: {
                access_token: `ya29.fake-${++issued}`,
                issued_token_type:
                  'urn:ietf:params:oauth:token-type:access_token',
                token_type: 'Bearer',
                expires_in: 3600,
              },
            }
          : { status: 400, body: { error: 'invalid_grant' } },
    });
    sim = await startKubeSim({
      tls: true,
      authenticate: token => token === `ya29.fake-${issued}`,
    });
  });

  afterAll(async () => {
    await sim.close();
    await sts.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exchanges the configured credentials at the token endpoint and sends the access token', async () => {
    const credentials = {
      type: 'external_account',
      audience:
        '//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/kmop/providers/ci',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${sts.url}/v1/token`,
      credential_source: { file: join(dir, 'subject-token') },
    };
    const clusters = DefaultKmopClusterService.create({
      config: mockServices.rootConfig({
        data: {
          kubernetes: {
            googleServiceAccountCredentials: JSON.stringify(credentials),
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'gke-prod',
                    url: sim.url,
                    caData: Buffer.from(sim.ca!).toString('base64'),
                    authProvider: 'googleServiceAccount',
                  },
                ],
              },
            ],
          },
        },
      }),
      logger: mockServices.logger.mock(),
    });
    const { clusters: found } = await clusters.list();
    const client = clusters.client(found[0]);
    try {
      await expect(
        client.request({ path: '/api/v1/namespaces' }),
      ).resolves.toMatchObject({ kind: 'NamespaceList' });
      // Kept, not exchanged again, for the next request.
      await client.request({ path: '/api/v1/namespaces' });
    } finally {
      client.close();
    }
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0].form.get('grant_type')).toBe(
      'urn:ietf:params:oauth:grant-type:token-exchange',
    );
    expect(sts.requests[0].form.get('audience')).toBe(credentials.audience);
  });
});
