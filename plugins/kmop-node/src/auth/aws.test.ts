import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { DefaultKmopClusterService } from '../clusters/DefaultKmopClusterService';
import { eksTokenVerifier, startFakeSts } from '../__testUtils__/fakeAws';

const REGION = 'eu-west-1';
const BASE = {
  accessKeyId: 'AKIAFAKEBASE',
  secretAccessKey: 'base-secret',
};
const ROLE = {
  accessKeyId: 'ASIAFAKEROLE',
  secretAccessKey: 'role-secret',
  sessionToken: 'role-session',
};
const ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_ENDPOINT_URL_STS',
  'AWS_EC2_METADATA_DISABLED',
] as const;

function service(cluster: JsonObject) {
  return DefaultKmopClusterService.create({
    config: mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [{ type: 'config', clusters: [cluster] }],
        },
      },
    }),
    logger: mockServices.logger.mock(),
  });
}

async function namespaces(clusters: DefaultKmopClusterService) {
  const { clusters: found, problems } = await clusters.list();
  expect(problems).toEqual([]);
  const client = clusters.client(found[0]);
  try {
    return await client.request<{ kind: string; items: unknown[] }>({
      path: '/api/v1/namespaces',
    });
  } finally {
    client.close();
  }
}

describe('authProvider aws (Backstage AwsIamStrategy)', () => {
  const saved = Object.fromEntries(ENV.map(k => [k, process.env[k]]));
  let sim: KubeSim;
  let sts: Awaited<ReturnType<typeof startFakeSts>>;
  let accept: {
    clusterId: string;
    creds: typeof BASE & { sessionToken?: string };
  };
  const seen: string[] = [];

  beforeAll(async () => {
    sts = await startFakeSts(ROLE);
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: BASE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: BASE.secretAccessKey,
      AWS_REGION: REGION,
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    delete process.env.AWS_SESSION_TOKEN;
    sim = await startKubeSim({
      tls: true,
      authenticate: token =>
        eksTokenVerifier({
          clusterId: accept.clusterId,
          region: REGION,
          credentials: () => accept.creds,
          seen,
        })(token),
    });
  });

  afterAll(async () => {
    await sim.close();
    await sts.close();
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  const cluster = (extra: JsonObject = {}): JsonObject => ({
    name: 'eks-prod',
    url: sim.url,
    caData: Buffer.from(sim.ca!).toString('base64'),
    authProvider: 'aws',
    ...extra,
  });

  it('signs a presigned STS URL that the API server accepts as a bearer token', async () => {
    accept = { clusterId: 'eks-prod', creds: BASE };
    await namespaces(service(cluster()));
    const token = seen[seen.length - 1];
    expect(token).toMatch(/^k8s-aws-v1\./);
    expect(sts.calls).toHaveLength(0);
  });

  it('is refused when signed for another cluster id', async () => {
    accept = { clusterId: 'some-other-cluster', creds: BASE };
    await expect(namespaces(service(cluster()))).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
    });
  });

  it('uses the x-k8s-aws-id of authMetadata as the cluster id', async () => {
    accept = { clusterId: 'real-eks-name', creds: BASE };
    await expect(
      namespaces(
        service(
          cluster({
            authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'real-eks-name' },
          }),
        ),
      ),
    ).resolves.toMatchObject({ kind: 'NamespaceList' });
  });

  it('assumes the role (with the external id) and signs with its temporary credentials', async () => {
    accept = { clusterId: 'eks-prod', creds: ROLE };
    await namespaces(
      service(
        cluster({
          assumeRole: 'arn:aws:iam::123456789012:role/kmop-reader',
          externalId: 'kmop-external',
        }),
      ),
    );
    const call = sts.calls[sts.calls.length - 1];
    expect(call.get('Action')).toBe('AssumeRole');
    expect(call.get('RoleArn')).toBe(
      'arn:aws:iam::123456789012:role/kmop-reader',
    );
    expect(call.get('ExternalId')).toBe('kmop-external');
  });
});
