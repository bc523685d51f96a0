#!/usr/bin/env node
/*
 * kube-sim benchmark: list latency for 20,000 objects of one kind (one list, and paged
 * with limit=500) and watch event throughput to 100 concurrent watchers. Client and
 * server share this one process, as in the integration tests. Prints figures; asserts nothing.
 *
 *   yarn workspace @kmop/kube-sim bench
 */
require('@backstage/cli/config/nodeTransform.cjs');
const http = require('node:http');
const { startKubeSim } = require('../src');

const OBJECTS = 20_000;
const PAGE = 500;
const LIST_RUNS = 5;
const WATCHERS = 100;
const WATCH_WRITES = 10_000;
const BATCH = 250;
const NAMESPACES = 20;

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** GETs and parses JSON; `receivedMs` is the time until the last byte, before parsing. */
function get(url) {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, res => {
        const chunks = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const receivedMs = Number(process.hrtime.bigint() - started) / 1e6;
          const body = Buffer.concat(chunks);
          if (res.statusCode !== 200) {
            reject(new Error(`GET ${url}: ${res.statusCode} ${body}`));
          } else {
            resolve({
              bytes: body.length,
              receivedMs,
              json: JSON.parse(body.toString('utf8')),
            });
          }
        });
      })
      .on('error', reject);
  });
}

function pod(i) {
  const app = `app-${i % 50}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-7d9c8b6f5-${String(i).padStart(5, '0')}`,
      namespace: `team-${i % NAMESPACES}`,
      labels: {
        'app.kubernetes.io/name': app,
        'backstage.io/kubernetes-id': app,
        tier: i % 3 ? 'web' : 'db',
      },
      annotations: {
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '9090',
      },
    },
    spec: {
      containers: [
        {
          name: app,
          image: `ghcr.io/example/${app}:1.${i % 10}.0`,
          ports: [{ containerPort: 8080, name: 'http' }],
          resources: {
            requests: { cpu: '100m', memory: '128Mi' },
            limits: { cpu: '500m', memory: '256Mi' },
          },
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
        },
      ],
    },
    status: { phase: 'Running', podIP: `10.0.${(i >> 8) & 255}.${i & 255}` },
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeIt(fn) {
  const started = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

async function listAll(url) {
  const { json, bytes, receivedMs } = await get(`${url}/api/v1/pods`);
  if (json.items.length !== OBJECTS)
    throw new Error(`listed ${json.items.length} pods`);
  return { bytes, receivedMs };
}

async function listPaged(url) {
  let token = '';
  let items = 0;
  let requests = 0;
  do {
    const query = `limit=${PAGE}${
      token ? `&continue=${encodeURIComponent(token)}` : ''
    }`;
    const { json } = await get(`${url}/api/v1/pods?${query}`);
    items += json.items.length;
    token = json.metadata.continue ?? '';
    requests++;
  } while (token);
  if (items !== OBJECTS) throw new Error(`paged ${items} pods`);
  return requests;
}

function openWatch(url, onLines) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, res => {
      if (res.statusCode !== 200) {
        reject(new Error(`watch: ${res.statusCode}`));
        return;
      }
      res.on('data', chunk => {
        let n = 0;
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1))
          n++;
        onLines(n);
      });
      resolve(req);
    });
    req.on('error', reject);
  });
}

async function watchThroughput(sim) {
  const ref = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    namespace: 'bench',
    name: 'counter',
  };
  sim.store.create({
    ...ref,
    metadata: { name: 'counter', namespace: 'bench' },
    data: { n: '0' },
  });
  const from = sim.store.resourceVersion;
  const received = new Array(WATCHERS).fill(0);
  const requests = await Promise.all(
    received.map((_, w) =>
      openWatch(
        `${sim.url}/api/v1/namespaces/bench/configmaps?watch=1&resourceVersion=${from}`,
        n => {
          received[w] += n;
        },
      ),
    ),
  );
  const started = process.hrtime.bigint();
  for (let written = 0; written < WATCH_WRITES; ) {
    for (let i = 0; i < BATCH; i++, written++) {
      sim.store.patch(ref, { data: { n: String(written + 1) } });
    }
    // Let the sockets drain before the next batch, so buffers stay bounded.
    while (Math.min(...received) < written) {
      await new Promise(resolve => setImmediate(resolve));
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  requests.forEach(r => r.destroy());
  return { seconds, delivered: WATCH_WRITES * WATCHERS };
}

async function main() {
  const sim = await startKubeSim({ historySize: 1000 });
  try {
    const seeded = await timeIt(async () => {
      for (let i = 0; i < OBJECTS; i++) sim.store.create(pod(i));
    });
    console.log(
      `kube-sim benchmark (Node ${process.version}, ${
        require('node:os').cpus().length
      } CPUs)`,
    );
    console.log(
      `seeded ${OBJECTS} pods through the store in ${seeded.ms.toFixed(0)} ms`,
    );

    await listAll(sim.url);
    const full = [];
    const received = [];
    let bytes = 0;
    for (let i = 0; i < LIST_RUNS; i++) {
      const run = await timeIt(() => listAll(sim.url));
      full.push(run.ms);
      received.push(run.result.receivedMs);
      bytes = run.result.bytes;
    }
    console.log(
      `list ${OBJECTS} pods in one request (${(bytes / 1e6).toFixed(
        1,
      )} MB): median ${median(full).toFixed(0)} ms ` +
        `received and parsed, ${median(received).toFixed(
          0,
        )} ms to the last byte (runs: ${full
          .map(ms => ms.toFixed(0))
          .join(', ')})`,
    );

    const paged = [];
    let pages = 0;
    for (let i = 0; i < LIST_RUNS; i++) {
      const run = await timeIt(() => listPaged(sim.url));
      paged.push(run.ms);
      pages = run.result;
    }
    console.log(
      `list ${OBJECTS} pods paged with limit=${PAGE}: median ${median(
        paged,
      ).toFixed(0)} ms ` +
        `for ${pages} requests (runs: ${paged
          .map(ms => ms.toFixed(0))
          .join(', ')})`,
    );

    const watch = await watchThroughput(sim);
    console.log(
      `watch: ${WATCH_WRITES} writes fanned out to ${WATCHERS} watchers = ${watch.delivered} events in ` +
        `${watch.seconds.toFixed(2)} s → ${Math.round(
          watch.delivered / watch.seconds,
        ).toLocaleString('en-US')} events/s delivered`,
    );
  } finally {
    agent.destroy();
    await sim.close();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
