import { KubeSim } from '@kmop/kube-sim';
import {
  findSupportedKind,
  kmopEntityViewChannel,
} from '@kmop/plugin-kmop-common';
import { request } from 'node:http';
import WebSocket from 'ws';
import { percentiles } from './load';
import { KubeObject, serviceName } from './objects';

/** What a change costs an open page: how long it takes to hear of it, and an idle page's bytes. */
export interface LivePageFigures {
  /** From a write to kube-sim to the signal at a WebSocket client (includes the backend's 250 ms gathering). */
  changeToSignal: { samples: number; p50Ms: number; p99Ms: number };
  /**
   * Bytes an open page with no change moves per minute: the slow poll's `304`
   * (request and answer headers, every `signalRefreshIntervalSeconds`) and the
   * signals backend's WebSocket ping and pong (every 30 s). TCP/TLS framing not counted.
   */
  idlePage: {
    notModifiedRequestBytes: number;
    notModifiedResponseBytes: number;
    pollIntervalS: number;
    pingBytesPerMinute: number;
    bytesPerMinute: number;
  };
}

const PING_INTERVAL_S = 30; // the signals backend's ping interval (SignalManager)
const POLL_INTERVAL_S = 300; // kmop.ui.signalRefreshIntervalSeconds' default

/** A WebSocket to the signals backend, as the app's signals client opens it. */
export async function connect(url: string, token: string): Promise<WebSocket> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const socket = new WebSocket(url, token);
    // The signals backend takes over the server's upgrades only on its first
    // request, which it leaves unanswered: an attempt ends after a while.
    const open = await new Promise<boolean>(resolve => {
      socket.once('open', () => resolve(true));
      socket.once('error', () => resolve(false));
      socket.once('unexpected-response', () => resolve(false));
      setTimeout(() => resolve(false), 3_000);
    });
    if (open) return socket;
    socket.terminate();
  }
  throw new Error(`no WebSocket connection to ${url}`);
}

/** Headers of one `If-None-Match` request and its `304`, as a page's slow poll sends them. */
function notModifiedBytes(
  baseUrl: string,
  path: string,
  token: string,
  etag: string,
): Promise<{ request: number; response: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${path}`,
      {
        headers: {
          authorization: `Bearer ${token}`,
          'if-none-match': etag,
          accept: 'application/json',
        },
      },
      res => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 304) {
            reject(new Error(`expected 304, got ${res.statusCode}`));
            return;
          }
          // Each header is `name: value\r\n`; a blank line ends them.
          let response = Buffer.byteLength(`HTTP/1.1 304 Not Modified\r\n\r\n`);
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            response += Buffer.byteLength(
              `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`,
            );
          }
          // What KmopClient sends; a browser adds its own (cookies, user agent).
          const sent = Buffer.byteLength(
            `GET ${path} HTTP/1.1\r\nhost: ${new URL(baseUrl).host}\r\n` +
              `accept: application/json\r\nauthorization: Bearer ${token}\r\n` +
              `if-none-match: ${etag}\r\n\r\n`,
          );
          resolve({ request: sent, response });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Times `samples` changes, one at a time: a write of an object of entity
 * `svc-i` to the first cluster, to the signal of that entity at a WebSocket
 * client of the backend's signals plugin. The entities were read before, so
 * the backend follows them.
 */
export async function measureLivePage(options: {
  baseUrl: string;
  token: string;
  sim: KubeSim;
  objects: KubeObject[];
  entities: number;
  samples: number;
  etagOf: (i: number) => string;
  viewPath: (i: number) => string;
}): Promise<LivePageFigures> {
  const { baseUrl, token, sim } = options;
  const socket = await connect(
    `${baseUrl.replace(/^http/, 'ws')}/api/signals`,
    token,
  );
  try {
    const entities = Math.min(options.entities, 20);
    const waiting = new Map<string, () => void>();
    socket.on('message', data => {
      const { channel } = JSON.parse(String(data));
      waiting.get(channel)?.();
    });
    const objectOf = Array.from({ length: entities }, (_, i) => {
      const name = serviceName(i);
      const object = options.objects.find(
        o =>
          o.metadata.labels?.['app.kubernetes.io/name'] === name &&
          findSupportedKind(o.apiVersion, o.kind),
      );
      if (!object) throw new Error(`no cached object of ${name}`);
      return object;
    });
    const channelOf = (i: number) =>
      kmopEntityViewChannel(`component:default/${serviceName(i)}`);
    for (let i = 0; i < entities; i++) {
      socket.send(
        JSON.stringify({ action: 'subscribe', channel: channelOf(i) }),
      );
    }
    const latencies: number[] = [];
    for (let s = 0; s < options.samples; s++) {
      const i = s % entities;
      const { apiVersion, kind, metadata } = objectOf[i];
      const heard = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no signal of ${serviceName(i)} in 30 s`)),
          30_000,
        );
        waiting.set(channelOf(i), () => {
          clearTimeout(timer);
          resolve(performance.now());
        });
      });
      const written = performance.now();
      sim.store.patch(
        {
          apiVersion,
          kind,
          namespace: metadata.namespace,
          name: metadata.name,
        },
        { metadata: { annotations: { 'kmop.dev/bench-change': String(s) } } },
      );
      latencies.push((await heard) - written);
      waiting.delete(channelOf(i));
    }
    const { p50: p50Ms, p99: p99Ms } = percentiles(latencies);

    // The ETag a page holds is stale now for the changed entities: read it anew.
    const res = await fetch(`${baseUrl}${options.viewPath(0)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.text();
    const bytes = await notModifiedBytes(
      baseUrl,
      options.viewPath(0),
      token,
      res.headers.get('etag') ?? options.etagOf(0),
    );
    // A ping frame from the server and the pong: 2 bytes of header each, the
    // client's pong masked (4 more).
    const pingBytesPerMinute = (60 / PING_INTERVAL_S) * (2 + 6);
    const pollBytesPerMinute =
      ((bytes.request + bytes.response) * 60) / POLL_INTERVAL_S;
    return {
      changeToSignal: { samples: latencies.length, p50Ms, p99Ms },
      idlePage: {
        notModifiedRequestBytes: bytes.request,
        notModifiedResponseBytes: bytes.response,
        pollIntervalS: POLL_INTERVAL_S,
        pingBytesPerMinute,
        bytesPerMinute: pollBytesPerMinute + pingBytesPerMinute,
      },
    };
  } finally {
    socket.terminate();
  }
}
