import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../../..');
/** The KMOP CRDs. */
export const KMOP_CRDS = join(REPO, 'plugins/kmop-common/crds');
/** The ecosystem CRDs of the demo cluster. */
export const ECOSYSTEM_CRDS = join(REPO, 'examples/cluster/crds');
// The development entry: the tests run the sources (src/build.test.ts runs the build).
const BIN = resolve(__dirname, '../../bin/kmop-operator-dev.js');
/** The simulator's bearer token, which {@link writeKubeconfig} sends. */
export const TOKEN = 'operator-test-token';

/**
 * Starts kube-sim on an ephemeral port with the KMOP CRDs and the ecosystem CRDs, less
 * `without`, then `seeds`; `demo`: with its simulated controllers (Envoy Gateway, Deployments,
 * Argo Rollouts).
 */
export async function startSim(
  options: { without?: string[]; seeds?: string[]; demo?: boolean } = {},
): Promise<KubeSim> {
  const ecosystem = readdirSync(ECOSYSTEM_CRDS)
    .filter(f => !(options.without ?? []).some(w => f.startsWith(w)))
    .map(f => join(ECOSYSTEM_CRDS, f));
  return startKubeSim({
    token: TOKEN,
    demo: options.demo,
    seeds: [KMOP_CRDS, ...ecosystem, ...(options.seeds ?? [])],
  });
}

/** Writes a kubeconfig for the simulator; returns its path and a cleanup. */
export function writeKubeconfig(sim: KubeSim): {
  file: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'kmop-operator-'));
  const file = join(dir, 'kubeconfig');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      // client-node refuses plain HTTP unless TLS verification is off, which it has no use for.
      clusters: [
        {
          name: 'sim',
          cluster: { server: sim.url, 'insecure-skip-tls-verify': true },
        },
      ],
      users: [{ name: 'op', user: { token: TOKEN } }],
      contexts: [{ name: 'sim', context: { cluster: 'sim', user: 'op' } }],
      'current-context': 'sim',
    }),
  );
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An object as kube-sim stores it. */
export type Obj = {
  apiVersion: string;
  kind: string;
  metadata: Record<string, any>;
  spec?: any;
  status?: any;
};

/** The status condition of `type` of an object, if it has one. */
export function condition(o: Obj | undefined, type: string) {
  return o?.status?.conditions?.find((c: { type: string }) => c.type === type);
}

/** A log line of the operator. */
export type LogLine = Record<string, unknown> & { msg: string };

/** The operator as a child process, with its JSON log lines. */
export class OperatorProcess {
  readonly child: ChildProcess;
  readonly lines: LogLine[] = [];
  private exited = false;
  readonly exit: Promise<number | null>;
  port?: number;

  /** `bin` and `env`: another entry (the build's) and its environment. */
  constructor(
    kubeconfig: string,
    args: string[] = [],
    options: { bin?: string; env?: NodeJS.ProcessEnv } = {},
  ) {
    this.child = spawn(
      process.execPath,
      [
        options.bin ?? BIN,
        '--kubeconfig',
        kubeconfig,
        '--http-host',
        '127.0.0.1',
        '--http-port',
        '0',
        '--retry-base',
        '100ms',
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: options.env },
    );
    let buffer = '';
    this.child.stdout!.on('data', chunk => {
      buffer += String(chunk);
      let i = buffer.indexOf('\n');
      while (i >= 0) {
        const text = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        i = buffer.indexOf('\n');
        try {
          const line = JSON.parse(text) as LogLine;
          this.lines.push(line);
          if (line.msg === 'serving probes and metrics')
            this.port = line.port as number;
        } catch {
          this.lines.push({ msg: text });
        }
      }
    });
    this.child.stderr!.on('data', chunk =>
      this.lines.push({ msg: String(chunk), stderr: true }),
    );
    this.exit = new Promise(resolveExit => {
      this.child.on('exit', code => {
        this.exited = true;
        resolveExit(code);
      });
    });
  }

  /** Log lines with this message. */
  logged(msg: string): LogLine[] {
    return this.lines.filter(l => l.msg === msg);
  }

  /** GET on the probes/metrics port. */
  async get(path: string): Promise<{ status: number; text: string }> {
    await waitUntil(() => this.port !== undefined, 'the operator to serve');
    const res = await fetch(`http://127.0.0.1:${this.port}${path}`);
    return { status: res.status, text: await res.text() };
  }

  /** Sends a signal and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.exited) this.child.kill(signal);
    return this.exit;
  }
}

/**
 * Polls `check` until it returns something truthy (returned), or fails after `timeoutMs`
 * with `what` and the last error — no fixed sleeps in tests.
 */
export async function waitUntil<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 60_000,
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${
          last ? `: ${(last as Error).message}` : ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

/**
 * kube-sim, a kubeconfig for it and the operator processes a test starts against it.
 * {@link OperatorHarness.close} tears all of it down; with `KMOP_OPERATOR_TEST_LOGS` set it
 * first writes the operators' log lines to stderr, to see why a test failed.
 */
export class OperatorHarness {
  private readonly operators: OperatorProcess[] = [];

  private constructor(
    readonly sim: KubeSim,
    private readonly kubeconfig: { file: string; cleanup: () => void },
  ) {}

  /** Starts kube-sim as {@link startSim} does and writes its kubeconfig. */
  static async start(
    options: Parameters<typeof startSim>[0] = {},
  ): Promise<OperatorHarness> {
    const sim = await startSim(options);
    return new OperatorHarness(sim, writeKubeconfig(sim));
  }

  /** Starts an operator process against the simulator (see {@link OperatorProcess}). */
  startOperator(
    args: string[] = [],
    options: ConstructorParameters<typeof OperatorProcess>[2] = {},
  ): OperatorProcess {
    const operator = new OperatorProcess(this.kubeconfig.file, args, options);
    this.operators.push(operator);
    return operator;
  }

  /** Stops the operators still running, then the simulator, and removes the kubeconfig. */
  async close(): Promise<void> {
    if (process.env.KMOP_OPERATOR_TEST_LOGS) {
      for (const operator of this.operators) {
        process.stderr.write(
          `${operator.lines.map(l => JSON.stringify(l)).join('\n')}\n`,
        );
      }
    }
    await Promise.all(this.operators.map(operator => operator.stop()));
    await this.sim.close();
    this.kubeconfig.cleanup();
  }
}
