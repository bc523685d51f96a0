import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A counter series to backfill: labels and a value per timestamp (seconds). */
export interface CounterSeries {
  labels: Record<string, string>;
  samples: Array<[timestampSeconds: number, value: number]>;
}

/**
 * A real Prometheus on 127.0.0.1 over backfilled data, for integration tests. It lives here,
 * beside the simulated cluster, because the packages whose tests run against kube-sim (the KMOP
 * backend, the operator) also need one, and kube-sim is the development dependency they share.
 */
export interface PrometheusServer {
  url: string;
  stop(): Promise<void>;
}

function requireTool(name: string): string {
  for (const dir of ['/usr/bin', '/usr/local/bin', '/bin']) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `${name} is not installed; this test needs Debian's prometheus package (apt-get install prometheus; .ci/run installs it)`,
  );
}

/**
 * A port on 127.0.0.1 that nothing listens on (bound, then released): for a server to listen
 * on, or for a URL that nothing answers.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Writes `<metric>_total` series as OpenMetrics (timestamps in seconds), backfills them with
 * `promtool tsdb create-blocks-from openmetrics` and starts `prometheus` on
 * that data with a retention long enough to keep old blocks.
 */
export async function startPrometheus(options: {
  metric: string;
  series: CounterSeries[];
}): Promise<PrometheusServer> {
  const promtool = requireTool('promtool');
  const prometheus = requireTool('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'kube-sim-prometheus-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  const lines = [`# TYPE ${options.metric} counter`];
  for (const series of options.series) {
    const labels = Object.entries(series.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    for (const [ts, value] of series.samples) {
      lines.push(`${options.metric}_total{${labels}} ${value} ${ts}`);
    }
  }
  lines.push('# EOF');
  const file = join(dir, 'metrics.om');
  writeFileSync(file, `${lines.join('\n')}\n`);
  execFileSync(promtool, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '-q',
    '--max-block-duration=744h',
    file,
    data,
  ]);
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global: {}\nscrape_configs: []\n');
  const port = await freePort();
  const child: ChildProcess = spawn(
    prometheus,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=10y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  // Generous: it bounds waiting on a shared machine, it measures nothing.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`)
      .then(r => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`prometheus did not become ready on ${url}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      await new Promise<void>(resolve => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
