import { mockServices } from '@backstage/backend-test-utils';
import { DefaultAzureCredential } from '@azure/identity';
import { AzureIdentityStrategy } from '@backstage/plugin-kubernetes-backend';
import { KubeSim, generateKubeSimTls, startKubeSim } from '@kmop/kube-sim';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { DefaultKmopClusterService } from '../clusters/DefaultKmopClusterService';
import { TokenRequest, startTokenServer } from '../__testUtils__/tokenServer';

const TENANT = '72f988bf-0000-0000-0000-000000000001';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const ENV = [
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_AUTHORITY_HOST',
] as const;

describe('authProvider azure (Backstage AzureIdentityStrategy, workload identity)', () => {
  const saved = Object.fromEntries(ENV.map(k => [k, process.env[k]]));
  const savedCas = tls.getCACertificates('default');
  let sim: KubeSim;
  let entra: Awaited<ReturnType<typeof startTokenServer>>;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kmop-azure-'));
    writeFileSync(join(dir, 'azure-identity-token'), 'federated-sa-token');
    // Entra ID only speaks HTTPS; the fake gets a certificate this process trusts.
    const entraTls = await generateKubeSimTls();
    tls.setDefaultCACertificates([...savedCas, entraTls.ca]);
    const answer = ({ path, form }: TokenRequest) => {
      const base = entra.url;
      if (path.endsWith('/.well-known/openid-configuration')) {
        return {
          body: {
            token_endpoint: `${base}/${TENANT}/oauth2/v2.0/token`,
            authorization_endpoint: `${base}/${TENANT}/oauth2/v2.0/authorize`,
            issuer: `${base}/${TENANT}/v2.0`,
            end_session_endpoint: `${base}/${TENANT}/oauth2/v2.0/logout`,
            jwks_uri: `${base}/${TENANT}/discovery/v2.0/keys`,
          },
        };
      }
      if (
        path === `/${TENANT}/oauth2/v2.0/token` &&
        form.get('client_assertion') === 'federated-sa-token' &&
        form.get('client_id') === CLIENT
      ) {
        return {
          body: {
            token_type: 'Bearer',
            expires_in: 3599,
            ext_expires_in: 3599,
            access_token: 'aks-access-token',
          },
        };
      }
      return { status: 400, body: { error: 'invalid_request', path } };
    };
    entra = await startTokenServer({ tls: entraTls, answer: r => answer(r) });
    Object.assign(process.env, {
      AZURE_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: CLIENT,
      AZURE_FEDERATED_TOKEN_FILE: join(dir, 'azure-identity-token'),
      AZURE_AUTHORITY_HOST: entra.url,
    });
    sim = await startKubeSim({
      tls: true,
      authenticate: token => token === 'aks-access-token',
    });
  });

  afterAll(async () => {
    await sim?.close();
    await entra?.close();
    tls.setDefaultCACertificates(savedCas);
    rmSync(dir, { recursive: true, force: true });
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('exchanges the federated token with Entra ID for an AKS token', async () => {
    const logger = mockServices.logger.mock();
    const clusters = DefaultKmopClusterService.create({
      // The default chain (environment, then workload identity), as Backstage
      // builds it, except that MSAL must not ask login.microsoftonline.com
      // to validate the authority host: there is no network here.
      authStrategies: {
        azure: new AzureIdentityStrategy(
          logger,
          new DefaultAzureCredential({ disableInstanceDiscovery: true }),
        ),
      },
      config: mockServices.rootConfig({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'aks-prod',
                    url: sim.url,
                    caData: Buffer.from(sim.ca!).toString('base64'),
                    authProvider: 'azure',
                  },
                ],
              },
            ],
          },
        },
      }),
      logger,
    });
    const { clusters: found } = await clusters.list();
    const client = clusters.client(found[0]);
    try {
      await expect(
        client.request({ path: '/api/v1/namespaces' }),
      ).resolves.toMatchObject({ kind: 'NamespaceList' });
    } finally {
      client.close();
    }
    const exchange = entra.requests.find(r => r.path.endsWith('/token'));
    expect(exchange?.form.get('scope')).toBe(
      '6dae42f8-4368-4678-94ff-3960e28e3630/.default',
    );
  });
});
