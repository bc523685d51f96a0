import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KubeSimOptions, startKubeSim } from './server';
import { kubeconfigYaml, loadOrCreateKubeSimTls } from './api/tls';

export const USAGE = `Usage: kube-sim [options]

A Kubernetes API server simulator for demos, tests and benchmarks.

Options:
  --port <n>               port to listen on (default 6443; 0 picks a free port)
  --host <addr>            interface to listen on (default 127.0.0.1)
  --seed <path>            YAML/JSON file or folder to load at start; repeatable
  --token <token>          require "Authorization: Bearer <token>"
  --tls-dir <dir>          serve HTTPS with the CA and certificate kept in <dir>
                           (generated when missing) and write <dir>/kubeconfig
  --latency <duration>     add latency to every API request, e.g. 20ms or 1s
  --admin                  serve the fault-injection endpoint /_sim/faults
  --demo                   play the controllers of the demo: Argo Rollouts for canary
                           Rollouts, Deployments (replicas ready), Envoy Gateway
                           (HTTPRoutes), Sloth (PrometheusServiceLevels)
  --demo-interval <dur>    time between demo reconciles (default 5s)
  --history-size <n>       watch events kept for resuming watches (default 1000)
  --bookmark-interval <d>  time between watch bookmarks (default 30s)
  -h, --help               show this help
`;

/** Parses `20ms`, `1.5s`, `2m` or a bare number of milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) {
    throw new Error(
      `${flag}: expected a duration such as 20ms, 1s or 2m, got "${text}"`,
    );
  }
  const scale: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };
  return Number(m[1]) * scale[m[2] ?? 'ms'];
}

function parseInteger(text: string, flag: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) {
    throw new Error(`${flag}: expected an integer ≥ ${min}, got "${text}"`);
  }
  return Number(text);
}

/** Parsed command line: help, or the simulator's options. */
export type CliCommand =
  | { help: true }
  | { help: false; options: KubeSimOptions; tlsDir?: string };

export function parseCliArgs(argv: string[]): CliCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string', multiple: true },
      token: { type: 'string' },
      'tls-dir': { type: 'string' },
      latency: { type: 'string' },
      admin: { type: 'boolean' },
      demo: { type: 'boolean' },
      'demo-interval': { type: 'string' },
      'history-size': { type: 'string' },
      'bookmark-interval': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    return { help: true };
  }
  const options: KubeSimOptions = {
    port:
      values.port === undefined ? 6443 : parseInteger(values.port, '--port', 0),
    host: values.host ?? '127.0.0.1',
    seeds: values.seed ?? [],
    admin: values.admin ?? false,
    demo: values.demo ?? false,
  };
  if (options.port !== undefined && options.port > 65535) {
    throw new Error(`--port: expected 0-65535, got ${options.port}`);
  }
  if (values.token !== undefined) {
    if (values.token === '') {
      throw new Error('--token: must not be empty');
    }
    options.token = values.token;
  }
  if (values.latency !== undefined) {
    options.latencyMs = parseDuration(values.latency, '--latency');
  }
  if (values['demo-interval'] !== undefined) {
    options.demoIntervalMs = parseDuration(
      values['demo-interval'],
      '--demo-interval',
    );
  }
  if (values['history-size'] !== undefined) {
    options.historySize = parseInteger(
      values['history-size'],
      '--history-size',
      1,
    );
  }
  if (values['bookmark-interval'] !== undefined) {
    options.bookmarkIntervalMs = parseDuration(
      values['bookmark-interval'],
      '--bookmark-interval',
    );
  }
  const tlsDir = values['tls-dir'];
  if (tlsDir === '') {
    throw new Error('--tls-dir: must not be empty');
  }
  return { help: false, options, tlsDir };
}

/** Where the CLI writes and how it ends; replaced in tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
}

const processIo: CliIo = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
  exit: code => process.exit(code),
};

/** Runs the CLI; resolves with a function that shuts the simulator down. */
export async function main(
  argv = process.argv.slice(2),
  io: CliIo = processIo,
) {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (e) {
    io.err(`kube-sim: ${(e as Error).message}\n\n${USAGE}`);
    io.exit(2);
    return undefined;
  }
  if (command.help) {
    io.out(USAGE);
    io.exit(0);
    return undefined;
  }
  let sim;
  try {
    const tlsDir = command.tlsDir && resolve(command.tlsDir);
    const tls = tlsDir ? await loadOrCreateKubeSimTls(tlsDir) : undefined;
    sim = await startKubeSim({ ...command.options, tls });
    if (tlsDir) {
      const kubeconfig = join(tlsDir, 'kubeconfig');
      await writeFile(
        kubeconfig,
        kubeconfigYaml({
          url: sim.url,
          caFile: join(tlsDir, 'ca.crt'),
          token: command.options.token,
        }),
        { mode: 0o600 },
      );
      io.out(`kube-sim: kubectl --kubeconfig ${kubeconfig}`);
    }
  } catch (e) {
    io.err(`kube-sim: ${(e as Error).message}`);
    io.exit(1);
    return undefined;
  }
  io.out(`kube-sim listening on ${sim.url}`);
  const started = sim;
  let stopping = false;
  const shutdown = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    await started.close();
    io.out('kube-sim stopped');
    io.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return shutdown;
}
