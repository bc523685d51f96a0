import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/** Credentials of a fake AWS principal. */
export interface FakeAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** `20261130T104500Z` → Date. */
function amzDate(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new Error(`bad X-Amz-Date ${text}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/**
 * What EKS does with a bearer token from `aws eks get-token` or Backstage's
 * AwsIamStrategy: the token is `k8s-aws-v1.` + base64url of a presigned STS
 * GetCallerIdentity URL whose signature covers the `x-k8s-aws-id` header.
 * The check re-signs the same request with the principal's secret and the
 * expected cluster id (as STS would) and compares the signatures.
 */
export function eksTokenVerifier(options: {
  clusterId: string;
  region: string;
  credentials: () => FakeAwsCredentials;
  /** Tokens seen, accepted or not. */
  seen?: string[];
}): (token: string) => Promise<boolean> {
  return async token => {
    options.seen?.push(token);
    if (!token.startsWith('k8s-aws-v1.')) return false;
    const url = new URL(
      Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString(),
    );
    const q = url.searchParams;
    const host = `sts.${options.region}.amazonaws.com`;
    const creds = options.credentials();
    if (
      url.protocol !== 'https:' ||
      url.host !== host ||
      q.get('Action') !== 'GetCallerIdentity' ||
      !q.get('X-Amz-SignedHeaders')?.split(';').includes('x-k8s-aws-id') ||
      !q.get('X-Amz-Credential')?.startsWith(`${creds.accessKeyId}/`) ||
      (q.get('X-Amz-Security-Token') ?? undefined) !== creds.sessionToken
    ) {
      return false;
    }
    const signer = new SignatureV4({
      credentials: creds,
      region: options.region,
      service: 'sts',
      sha256: Sha256,
    });
    const expected = await signer.presign(
      {
        headers: { host, 'x-k8s-aws-id': options.clusterId },
        hostname: host,
        method: 'GET',
        path: '/',
        protocol: 'https:',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      },
      {
        signingDate: amzDate(q.get('X-Amz-Date') ?? ''),
        expiresIn: Number(q.get('X-Amz-Expires') ?? 0),
      },
    );
    return expected.query?.['X-Amz-Signature'] === q.get('X-Amz-Signature');
  };
}

/**
 * A local STS that answers AssumeRole with fixed temporary credentials (and
 * GetCallerIdentity) and records each call's parameters.
 */
export async function startFakeSts(issued: Required<FakeAwsCredentials>) {
  const calls: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      calls.push(params);
      if (params.get('Action') === 'GetCallerIdentity') {
        // Backstage's AWS credentials manager asks who the base principal is.
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.end(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/kmop</Arn>
    <UserId>AIDAFAKE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`);
        return;
      }
      if (params.get('Action') !== 'AssumeRole') {
        res.writeHead(400, { 'Content-Type': 'text/xml' });
        res.end(
          '<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>',
        );
        return;
      }
      const expiration = new Date(Date.now() + 3600_000).toISOString();
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>${issued.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${issued.secretAccessKey}</SecretAccessKey>
      <SessionToken>${issued.sessionToken}</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <AssumedRoleId>AROAFAKE:kmop</AssumedRoleId>
      <Arn>${params.get('RoleArn')}/kmop</Arn>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata>
</AssumeRoleResponse>`);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}
