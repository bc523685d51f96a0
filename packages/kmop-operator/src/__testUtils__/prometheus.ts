import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The KMOP backend's tests start Prometheus the same way (its __testUtils__/prometheusServer.ts);
// the operator cannot import from a Backstage plugin, so it has its own copy.

/** A counter series to backfill: labels and a value per timestamp (seconds). */
export interface CounterSeries {
  labels: Record<string, string>;
  samples: Array<[timestampSeconds: number, value: number]>;
}

/** A real Prometheus on 127.0.0.1 over backfilled data. */
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

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Backfills `<metric>_total` with `promtool tsdb create-blocks-from openmetrics` and starts
 * `prometheus` on that data, with a retention long enough to keep the old blocks.
 */
export async function startPrometheus(options: {
  metric: string;
  series: CounterSeries[];
}): Promise<PrometheusServer> {
  const promtool = requireTool('promtool');
  const prometheus = requireTool('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'kmop-operator-prom-'));
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
  const port = await closedPort();
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

/** A proxy in front of Prometheus that counts the queries it forwards. */
export interface CountingProxy {
  url: string;
  /** The `query` parameters of the instant queries forwarded so far. */
  readonly queries: string[];
  close(): Promise<void>;
}

/** Starts a {@link CountingProxy} to `target` on an ephemeral port. */
export async function startCountingProxy(
  target: string,
): Promise<CountingProxy> {
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    if (url.pathname === '/api/v1/query') {
      queries.push(url.searchParams.get('query') ?? '');
    }
    fetch(url)
      .then(async upstream => {
        res.writeHead(upstream.status, {
          'content-type':
            upstream.headers.get('content-type') ?? 'application/json',
        });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      })
      .catch(() => {
        res.writeHead(502);
        res.end();
      });
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
