import {
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** PEM material for serving TLS: a CA and a serving certificate it signed. */
export interface KubeSimTls {
  /** The CA certificate clients trust (`caData`/`caFile`, kubeconfig `certificate-authority`). */
  ca: string;
  /** The serving certificate. */
  cert: string;
  /** The serving certificate's private key (PKCS#8). */
  key: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;

async function pkcs8Pem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join(
    '\n',
  )}\n-----END PRIVATE KEY-----\n`;
}

/**
 * Generates a fresh CA and a serving certificate for `hosts` (names and IP
 * addresses), valid for a year. ECDSA P-256 keeps generation in milliseconds.
 */
export async function generateKubeSimTls(
  hosts: string[] = ['127.0.0.1', 'localhost', '::1'],
): Promise<KubeSimTls> {
  // Node's global WebCrypto (node:crypto's webcrypto, typed as the DOM's Crypto that
  // @peculiar/x509 takes); the library finds no default provider outside a browser.
  const crypto = globalThis.crypto;
  const notBefore = new Date(Date.now() - DAY_MS);
  const notAfter = new Date(Date.now() + 365 * DAY_MS);
  const caKeys = (await webcrypto.subtle.generateKey(ALGORITHM, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const caCert = await X509CertificateGenerator.createSelfSigned(
    {
      name: 'CN=kube-sim CA',
      keys: caKeys,
      notBefore,
      notAfter,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(
          KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign,
          true,
        ),
      ],
    },
    crypto,
  );
  const serverKeys = (await webcrypto.subtle.generateKey(ALGORITHM, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const serverCert = await X509CertificateGenerator.create(
    {
      subject: 'CN=kube-sim',
      issuer: caCert.subject,
      publicKey: serverKeys.publicKey,
      signingKey: caKeys.privateKey,
      notBefore,
      notAfter,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new BasicConstraintsExtension(false, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
        new SubjectAlternativeNameExtension(
          hosts.map(host => ({
            type: isIP(host) ? ('ip' as const) : ('dns' as const),
            value: host,
          })),
        ),
      ],
    },
    crypto,
  );
  return {
    ca: caCert.toString('pem'),
    cert: serverCert.toString('pem'),
    key: await pkcs8Pem(serverKeys.privateKey),
  };
}

const FILES = { ca: 'ca.crt', cert: 'tls.crt', key: 'tls.key' } as const;

/**
 * Reads the CA and serving certificate kept in `dir`, or generates and writes
 * them there, so that clients configured with `dir/ca.crt` keep trusting the
 * simulator across restarts.
 */
export async function loadOrCreateKubeSimTls(dir: string): Promise<KubeSimTls> {
  try {
    const [ca, cert, key] = await Promise.all(
      [FILES.ca, FILES.cert, FILES.key].map(f =>
        readFile(join(dir, f), 'utf8'),
      ),
    );
    return { ca, cert, key };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw e;
    }
  }
  const tls = await generateKubeSimTls();
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, FILES.ca), tls.ca);
  await writeFile(join(dir, FILES.cert), tls.cert);
  await writeFile(join(dir, FILES.key), tls.key, { mode: 0o600 });
  return tls;
}

/** A kubeconfig for kubectl: the simulator's URL, its CA and the token, if any. */
export function kubeconfigYaml(options: {
  url: string;
  caFile: string;
  token?: string;
}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'kube-sim',
        cluster: {
          server: options.url,
          'certificate-authority': options.caFile,
        },
      },
    ],
    users: [
      { name: 'kube-sim', user: options.token ? { token: options.token } : {} },
    ],
    contexts: [
      { name: 'kube-sim', context: { cluster: 'kube-sim', user: 'kube-sim' } },
    ],
    'current-context': 'kube-sim',
  });
}
