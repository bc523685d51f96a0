// A real Prometheus for the demo: 31 days of the demo traffic (traffic.mjs)
// backfilled with promtool up to the moment `yarn start` runs, then scraped
// live from a small exporter whose checkout error rate follows the canary
// weight of the simulator's checkout Rollout. The KMOP backend evaluates SLOs
// at the current time, so the data has to reach "now" and keep going.
import { spawn, execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http, { createServer } from 'node:http';
import https from 'node:https';
import { delimiter, join } from 'node:path';
import { LiveCounters, demoSeries, historyOpenMetrics } from './traffic.mjs';

const ROLLOUT_PATH =
  '/apis/argoproj.io/v1alpha1/namespaces/checkout/rollouts/checkout';

/** The path of an executable on PATH, or undefined. */
export function findTool(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function listen(server, port = 0) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server.address().port));
  });
}

async function freePort() {
  const server = createServer();
  const port = await listen(server);
  await new Promise(r => server.close(r));
  return port;
}

/** GET of a JSON document from the simulator, over HTTPS with its CA when given. */
function getJson(url, { token, ca }) {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(
      target,
      { headers: { Authorization: `Bearer ${token}` }, ca, timeout: 2000 },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (body += chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new Error(`${url} answered ${res.statusCode}`));
            return;
          }
          try {
            resolve(JSON.parse(body));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url} timed out`)));
    req.on('error', reject);
  });
}

/** The checkout Rollout's canary weight, or undefined while the simulator does not answer. */
async function readCanaryWeight(simulatorUrl, options) {
  try {
    const rollout = await getJson(new URL(ROLLOUT_PATH, simulatorUrl), options);
    return Number(rollout.status?.canary?.weights?.canary?.weight ?? 0);
  } catch {
    return undefined;
  }
}

async function waitReady(url, child) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`)
      .then(r => r.ok)
      .catch(() => false);
    if (ready) return;
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`prometheus did not become ready on ${url}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

/**
 * Starts the demo Prometheus, or returns undefined when `prometheus` or
 * `promtool` is not installed. `simulatorUrl` (with `caFile` for HTTPS) is
 * where the checkout Rollout is read. `stop()` ends it and removes its data.
 */
export async function startDemoPrometheus({ simulatorUrl, caFile, token }) {
  const prometheus = findTool('prometheus');
  const promtool = findTool('promtool');
  if (!prometheus || !promtool) return undefined;

  // A fixed place, emptied at each start: a run killed outright (as Playwright
  // ends its web server) leaves nothing behind for long.
  const dir = join(process.cwd(), 'node_modules/.cache/kmop-demo-prometheus');
  rmSync(dir, { recursive: true, force: true });
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  const now = Math.floor(Date.now() / 1000);
  const series = demoSeries();
  const { text, finals } = historyOpenMetrics(series, {
    from: now - 31 * 86_400,
    now,
  });
  writeFileSync(join(dir, 'history.om'), text);
  execFileSync(promtool, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '-q',
    '--max-block-duration=744h',
    join(dir, 'history.om'),
    data,
  ]);

  const simulator = { token, ca: caFile ? readFileSync(caFile) : undefined };
  const counters = new LiveCounters(series, finals, now);
  counters.advance(now, await readCanaryWeight(simulatorUrl, simulator));
  const poll = setInterval(async () => {
    const weight = await readCanaryWeight(simulatorUrl, simulator);
    counters.advance(Date.now() / 1000, weight);
  }, 2000);
  const exporter = createServer((req, res) => {
    counters.advance(Date.now() / 1000);
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(counters.exposition());
  });
  const exporterPort = await listen(exporter);

  // The history carries each series' own `job` and no `instance`; scraped
  // samples must have the same labels to continue the same series.
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 10s',
      'scrape_configs:',
      '  - job_name: kmop-demo',
      '    honor_labels: true',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${exporterPort}']`,
      '    metric_relabel_configs:',
      '      - action: labeldrop',
      '        regex: instance',
      '',
    ].join('\n'),
  );
  const port = Number(process.env.KMOP_PROMETHEUS_PORT ?? (await freePort()));
  const child = spawn(
    prometheus,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      // Retention counts back from the newest block; keep the whole history.
      '--storage.tsdb.retention.time=10y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    clearInterval(poll);
    exporter.close();
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise(resolve => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, child };
}
