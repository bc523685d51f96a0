import { KubeConfig } from '@kubernetes/client-node';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { isLogLevel, jsonLogger } from './log';
import { OperatorOptions, startOperator } from './operator';
import { DEFAULT_TARGETS, TARGETS_ANNOTATION, parseTargets } from './targets';

export const USAGE = `Usage: kmop-operator [options]

Reconciles the kmop.dev resources of a cluster (Microservice, GatewayRoute,
ServiceLevelObjective, RolloutPolicy, ResiliencePolicy) into the native objects they
compile to, and writes their status. Uses the current kubeconfig ($KUBECONFIG or
~/.kube/config), or the pod's service account in a cluster.

Options:
  --kubeconfig <file>        kubeconfig to use (default $KUBECONFIG, ~/.kube/config, in-cluster)
  --context <name>           kubeconfig context (default the current one)
  --targets <list>           native targets, comma-separated (default $KMOP_TARGETS or
                             ${DEFAULT_TARGETS.join(',')}); one object may
                             choose others with the ${TARGETS_ANNOTATION} annotation
  --gate-prometheus <url>    Prometheus that rendered SLO gates query (default the compilers')
  --prometheus-url <url>     Prometheus to measure SLOs against (default $KMOP_PROMETHEUS_URL);
                             without one the operator writes no SLI, budget or burn rates
  --prometheus-timeout <dur> time one Prometheus query may take (default 10s)
  --slo-interval <dur>       time between two measurements of every SLO (default 1m)
  --resync <dur>             time between full resyncs (default 5m)
  --concurrency <n>          reconciles at once (default 4)
  --retry-base <dur>         first retry delay of a failed reconcile, doubled per failure (default 1s)
  --no-leader-elect          run without a Lease (one replica only)
  --lease-namespace <ns>     namespace of the leader Lease (default $POD_NAMESPACE or default)
  --lease-name <name>        name of the leader Lease (default kmop-operator)
  --lease-duration <dur>     lease duration (default 15s)
  --renew-deadline <dur>     renew deadline (default 10s)
  --retry-period <dur>       retry period (default 2s)
  --identity <name>          holder identity in the Lease (default hostname-pid)
  --http-host <addr>         interface of /healthz, /readyz, /metrics (default 0.0.0.0)
  --http-port <n>            port of /healthz, /readyz, /metrics (default 8081; 0 picks one)
  --log-level <level>        debug, info, warn or error (default info)
  -h, --help                 show this help

Durations: 500ms, 2s, 5m, 1h.
`;

/** The flags `parseCliArgs` accepts; a test keeps {@link USAGE} listing each of them. */
export const CLI_OPTIONS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  targets: { type: 'string' },
  'gate-prometheus': { type: 'string' },
  'prometheus-url': { type: 'string' },
  'prometheus-timeout': { type: 'string', default: '10s' },
  'slo-interval': { type: 'string', default: '1m' },
  resync: { type: 'string', default: '5m' },
  concurrency: { type: 'string', default: '4' },
  'retry-base': { type: 'string', default: '1s' },
  'no-leader-elect': { type: 'boolean', default: false },
  'lease-namespace': { type: 'string' },
  'lease-name': { type: 'string', default: 'kmop-operator' },
  'lease-duration': { type: 'string', default: '15s' },
  'renew-deadline': { type: 'string', default: '10s' },
  'retry-period': { type: 'string', default: '2s' },
  identity: { type: 'string' },
  'http-host': { type: 'string', default: '0.0.0.0' },
  'http-port': { type: 'string', default: '8081' },
  'log-level': { type: 'string', default: 'info' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Parses `500ms`, `2s`, `5m` or `1h`. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) {
    throw new Error(
      `${flag}: expected a duration such as 500ms, 2s or 5m, got "${text}"`,
    );
  }
  const scale: Record<string, number> = {
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  return Number(m[1]) * scale[m[2]];
}

function parseInteger(text: string, flag: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) {
    throw new Error(`${flag}: expected an integer ≥ ${min}, got "${text}"`);
  }
  return Number(text);
}

/** The parsed command line: help, or what to start the operator with. */
export type CliCommand =
  | { help: true }
  | {
      help: false;
      options: Omit<OperatorOptions, 'kubeConfig' | 'log'>;
      kubeconfig?: string;
      context?: string;
      logLevel: string;
    };

/** Parses the command line; throws with the flag at fault. */
export function parseCliArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): CliCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: CLI_OPTIONS,
  });
  if (values.help) return { help: true };
  let targets;
  try {
    targets = parseTargets(
      values.targets ?? env.KMOP_TARGETS ?? DEFAULT_TARGETS.join(','),
    );
  } catch (e) {
    throw new Error(`--targets: ${(e as Error).message}`);
  }
  if (!isLogLevel(values['log-level']!)) {
    throw new Error(
      `--log-level: expected debug, info, warn or error, got "${values['log-level']}"`,
    );
  }
  const prometheusUrl = values['prometheus-url'] ?? env.KMOP_PROMETHEUS_URL;
  if (prometheusUrl !== undefined && prometheusUrl !== '') {
    let url: URL | undefined;
    try {
      url = new URL(prometheusUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new Error(
        `--prometheus-url: expected an http(s) URL such as http://prometheus:9090, got "${prometheusUrl}"`,
      );
    }
  }
  const leaseDurationMs = parseDuration(
    values['lease-duration']!,
    '--lease-duration',
  );
  const renewDeadlineMs = parseDuration(
    values['renew-deadline']!,
    '--renew-deadline',
  );
  const retryPeriodMs = parseDuration(
    values['retry-period']!,
    '--retry-period',
  );
  if (!(leaseDurationMs > renewDeadlineMs && renewDeadlineMs > retryPeriodMs)) {
    throw new Error(
      '--lease-duration must exceed --renew-deadline, which must exceed --retry-period',
    );
  }
  return {
    help: false,
    kubeconfig: values.kubeconfig,
    context: values.context,
    logLevel: values['log-level']!,
    options: {
      identity: values.identity ?? `${hostname()}-${process.pid}`,
      targets,
      prometheusAddress: values['gate-prometheus'],
      prometheusUrl: prometheusUrl || undefined,
      prometheusTimeoutMs: parseDuration(
        values['prometheus-timeout']!,
        '--prometheus-timeout',
      ),
      sloIntervalMs: parseDuration(values['slo-interval']!, '--slo-interval'),
      resyncMs: parseDuration(values.resync!, '--resync'),
      concurrency: parseInteger(values.concurrency!, '--concurrency', 1),
      retryBaseMs: parseDuration(values['retry-base']!, '--retry-base'),
      leaderElection: !values['no-leader-elect'],
      leaseNamespace:
        values['lease-namespace'] ?? env.POD_NAMESPACE ?? 'default',
      leaseName: values['lease-name']!,
      leaseDurationMs,
      renewDeadlineMs,
      retryPeriodMs,
      httpHost: values['http-host']!,
      httpPort: parseInteger(values['http-port']!, '--http-port', 0),
    },
  };
}

/** Loads the kubeconfig as kubectl would, then applies `--context`. */
export function loadKubeConfig(file?: string, context?: string): KubeConfig {
  const kc = new KubeConfig();
  if (file) kc.loadFromFile(file);
  else kc.loadFromDefault();
  if (context) {
    if (!kc.getContexts().some(c => c.name === context)) {
      throw new Error(`--context: no context "${context}" in the kubeconfig`);
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster()) {
    throw new Error(
      'no cluster in the kubeconfig; set KUBECONFIG or --kubeconfig',
    );
  }
  return kc;
}

/** The `kmop-operator` command. */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  let command: CliCommand;
  let kubeConfig: KubeConfig;
  try {
    command = parseCliArgs(argv);
    if (command.help) {
      process.stdout.write(USAGE);
      return;
    }
    kubeConfig = loadKubeConfig(command.kubeconfig, command.context);
  } catch (e) {
    process.stderr.write(`kmop-operator: ${(e as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const log = jsonLogger(command.logLevel as 'info', undefined, {
    identity: command.options.identity,
  });
  log.info('starting', {
    cluster: kubeConfig.getCurrentCluster()?.server,
    targets: command.options.targets,
    leaderElection: command.options.leaderElection,
    // Whether, not where: a Prometheus URL may carry credentials.
    measuresSlos: command.options.prometheusUrl !== undefined,
  });
  // An unexpected rejection is logged rather than ending the process: every loop retries.
  process.on('unhandledRejection', reason => {
    log.error('unhandled rejection', {
      error: reason instanceof Error ? reason.message : String(reason),
    });
  });
  const operator = await startOperator({ ...command.options, kubeConfig, log });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    operator
      .stop()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
