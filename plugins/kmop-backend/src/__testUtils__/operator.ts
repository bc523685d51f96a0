import { KubeSim } from '@kmop/kube-sim';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './testBackend';

/**
 * The KMOP operator (`packages/kmop-operator`, what `yarn start` runs) as a child process
 * against a simulator, so a test sees the status the operator computes rather than one
 * written into a fixture. Its log lines are kept for a failure's message.
 */
export class RunningOperator {
  readonly log: string[] = [];
  private readonly child: ChildProcess;
  private readonly dir: string;
  private readonly exited: Promise<void>;

  constructor(sim: KubeSim, token: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'kmop-backend-operator-'));
    const kubeconfig = join(this.dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        // client-node sends a token over plain HTTP only with TLS verification off.
        clusters: [
          {
            name: 'sim',
            cluster: { server: sim.url, 'insecure-skip-tls-verify': true },
          },
        ],
        users: [{ name: 'op', user: { token } }],
        contexts: [{ name: 'sim', context: { cluster: 'sim', user: 'op' } }],
        'current-context': 'sim',
      }),
    );
    this.child = spawn(
      process.execPath,
      [
        // The development entry (the sources): no build needed before the tests.
        join(REPO_ROOT, 'packages/kmop-operator/bin/kmop-operator-dev.js'),
        '--kubeconfig',
        kubeconfig,
        '--no-leader-elect',
        '--http-host',
        '127.0.0.1',
        '--http-port',
        '0',
        '--retry-base',
        '100ms',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk: Buffer) => this.log.push(String(chunk));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise(resolve =>
      this.child.on('exit', () => resolve()),
    );
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
    }
    await this.exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
