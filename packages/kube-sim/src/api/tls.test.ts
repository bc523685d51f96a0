import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli';
import { KubeSim, startKubeSim } from '../server';
import { generateKubeSimTls, loadOrCreateKubeSimTls } from './tls';

/** Status code of GET `path`, trusting `ca` (or nothing but the system CAs). */
function get(
  url: string,
  path: string,
  options: { ca?: string; token?: string },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), {
      ca: options.ca,
      headers: options.token
        ? { Authorization: `Bearer ${options.token}` }
        : {},
    });
    req.on('response', res => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function kubectl(args: string[], env: Record<string, string>) {
  return new Promise<string>((resolve, reject) => {
    execFile(
      '/usr/bin/kubectl',
      args,
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(stdout),
    );
  });
}

describe('kube-sim over TLS', () => {
  let sim: KubeSim | undefined;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-tls-'));
  });
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with a generated CA that clients verify', async () => {
    sim = await startKubeSim({ tls: true, token: 'secret' });
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.ca).toContain('BEGIN CERTIFICATE');
    await expect(
      get(sim.url, '/api/v1/namespaces', { ca: sim.ca, token: 'secret' }),
    ).resolves.toBe(200);
    await expect(
      get(sim.url, '/api/v1/namespaces', { ca: sim.ca, token: 'wrong' }),
    ).resolves.toBe(401);
    // Without the CA the certificate is not trusted.
    await expect(get(sim.url, '/version', {})).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    // A CA of another simulator does not verify it either.
    const other = await generateKubeSimTls();
    await expect(get(sim.url, '/version', { ca: other.ca })).rejects.toThrow();
  });

  it('keeps its CA in a folder across restarts', async () => {
    const first = await loadOrCreateKubeSimTls(dir);
    const second = await loadOrCreateKubeSimTls(dir);
    expect(second).toEqual(first);
    expect(readFileSync(join(dir, 'ca.crt'), 'utf8')).toBe(first.ca);
    expect(statSync(join(dir, 'tls.key')).mode & 0o777).toBe(0o600);
  });

  it('the CLI writes a kubeconfig that kubectl uses with the token over TLS', async () => {
    const lines: string[] = [];
    const shutdown = await main(
      [
        '--port',
        '0',
        '--token',
        'cli-token',
        '--tls-dir',
        dir,
        '--seed',
        join(__dirname, '../__fixtures__/namespace.yaml'),
      ],
      { out: l => lines.push(l), err: l => lines.push(l), exit: () => {} },
    );
    try {
      expect(lines.join('\n')).toContain(
        `kubectl --kubeconfig ${join(dir, 'kubeconfig')}`,
      );
      const out = await kubectl(
        [
          '--kubeconfig',
          join(dir, 'kubeconfig'),
          '--cache-dir',
          join(dir, 'cache'),
          'get',
          'namespaces',
          '-o',
          'name',
        ],
        { HOME: dir },
      );
      expect(out.split('\n')).toContain('namespace/shop');
    } finally {
      // `main` registers signal handlers and exits through io.exit.
      await shutdown?.();
    }
  }, 60_000);
});
