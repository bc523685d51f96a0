import { Agent, request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** One HTTP request of a target. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** A route under test: how to ask for the i-th entity of the sequence, and how to check one answer. */
export interface Target {
  name: string;
  request(entityIndex: number): RequestSpec;
  /** Throws if a (sampled) answer is not what the route should return. */
  check(status: number, body: string, entityIndex: number): void;
  /** The status of a good answer; default 200. */
  okStatus?: number;
  /**
   * The backend collects its garbage after each block of this target, outside any block's
   * time: a route that leaves hundreds of MiB behind (Backstage's Kubernetes backend)
   * would otherwise have them collected inside, and charged to, the next route's block.
   */
  collectGarbageAfter?: boolean;
}

/** What one stage measured for one target. */
export interface TargetSample {
  requests: number;
  latenciesMs: number[];
  errors: number;
  firstError?: string;
  /** Bytes received, as sent (compressed where the route compresses). */
  bytes: number;
  busyMs: number;
  clusterRequests: number;
  catalogReads: number;
  permissionRequests: number;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
}

/** Nearest-rank percentiles. */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0
      ? NaN
      : sorted[
          Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
        ];
  return { p50: at(50), p90: at(90), p99: at(99) };
}

export function median(values: number[]): number {
  return percentiles(values).p50;
}

/**
 * What a browser says it accepts (Chromium's header): routes are measured as the app's
 * pages receive them, compressed where the backend compresses.
 */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

/** An answer as it came over the wire; `text()` decodes it (only sampled answers are). */
interface Answer {
  status: number;
  wireBytes: number;
  text(): string;
}

function send(
  agent: Agent,
  baseUrl: string,
  token: string,
  spec: RequestSpec,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${spec.path}`,
      {
        method: spec.method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'accept-encoding': BROWSER_ACCEPT_ENCODING,
          ...spec.headers,
          ...(spec.body
            ? {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(spec.body),
              }
            : {}),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        let wireBytes = 0;
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          wireBytes += c.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            wireBytes,
            // The load generator shares the cores with the backend it measures: it
            // decodes only the answers it checks or reports.
            text: () =>
              decode(Buffer.concat(chunks), res.headers['content-encoding']),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(spec.body);
  });
}

function decode(body: Buffer, encoding: string | undefined): string {
  switch (encoding) {
    case undefined:
    case 'identity':
      return body.toString('utf8');
    case 'gzip':
      return gunzipSync(body).toString('utf8');
    case 'br':
      return brotliDecompressSync(body).toString('utf8');
    case 'deflate':
      return inflateSync(body).toString('utf8');
    default:
      throw new Error(
        `an answer in an encoding the bench cannot read: ${encoding}`,
      );
  }
}

/** Options of {@link runInterleaved}. */
export interface InterleavedOptions {
  baseUrl: string;
  token: string;
  targets: Target[];
  /** Entity indexes, in the order every target is asked for them. */
  sequence: number[];
  concurrency: number;
  /** Requests per block; blocks of the targets take turns. */
  blockSize: number;
  /** Requests the clusters have received so far (summed over clusters). */
  clusterRequestCount(): number;
  /** Catalog reads and permission requests the backend has served so far. */
  backendRequestCount(): { catalogReads: number; permissionRequests: number };
  /** Collects the backend's garbage (see {@link Target.collectGarbageAfter}). */
  collectGarbage(): Promise<void>;
}

/**
 * Sends the same entity sequence to every target at a fixed concurrency, in
 * blocks that take turns (the order rotates each round), so that whatever else
 * the machine does hits all targets alike, and cluster requests made during a
 * block belong to its target.
 */
export async function runInterleaved(
  options: InterleavedOptions,
): Promise<Map<string, TargetSample>> {
  const samples = new Map<string, TargetSample>(
    options.targets.map(t => [
      t.name,
      {
        requests: 0,
        latenciesMs: [],
        errors: 0,
        bytes: 0,
        busyMs: 0,
        clusterRequests: 0,
        catalogReads: 0,
        permissionRequests: 0,
      },
    ]),
  );
  const rounds = Math.ceil(options.sequence.length / options.blockSize);
  for (let round = 0; round < rounds; round++) {
    const block = options.sequence.slice(
      round * options.blockSize,
      (round + 1) * options.blockSize,
    );
    const n = options.targets.length;
    // Rotated each round, and reversed every other cycle of rotations: rotation alone puts
    // each route always after the same one, which then paid for its predecessor's garbage.
    const reversed = Math.floor(round / n) % 2 === 1;
    for (let t = 0; t < n; t++) {
      const target = options.targets[(round + (reversed ? n - 1 - t : t)) % n];
      const sample = samples.get(target.name)!;
      // A fresh pool per block: a socket left idle during another route's
      // block could be closed by the server (keep-alive timeout) just as it
      // is reused, which would count as this route's error.
      const agent = new Agent({
        keepAlive: true,
        maxSockets: options.concurrency,
      });
      const clusterBefore = options.clusterRequestCount();
      const backendBefore = options.backendRequestCount();
      const started = process.hrtime.bigint();
      let next = 0;
      const worker = async () => {
        while (next < block.length) {
          const position = next++;
          const entityIndex = block[position];
          const spec = target.request(entityIndex);
          const sent = process.hrtime.bigint();
          sample.requests++;
          try {
            const answer = await send(
              agent,
              options.baseUrl,
              options.token,
              spec,
            );
            sample.latenciesMs.push(
              Number(process.hrtime.bigint() - sent) / 1e6,
            );
            sample.bytes += answer.wireBytes;
            if (answer.status !== (target.okStatus ?? 200)) {
              sample.errors++;
              sample.firstError ??= `${answer.status} ${answer
                .text()
                .slice(0, 300)}`;
            } else if (position === 0) {
              target.check(answer.status, answer.text(), entityIndex);
            }
          } catch (error) {
            if ((error as Error).name === 'BenchCheckError') throw error;
            sample.errors++;
            sample.firstError ??= String(error);
          }
        }
      };
      try {
        await Promise.all(
          Array.from(
            { length: Math.min(options.concurrency, block.length) },
            worker,
          ),
        );
      } finally {
        agent.destroy();
      }
      sample.busyMs += Number(process.hrtime.bigint() - started) / 1e6;
      sample.clusterRequests += options.clusterRequestCount() - clusterBefore;
      // The request log is written when a response has been sent; give the
      // last lines of the block a moment to reach the file.
      await new Promise(r => setTimeout(r, 20));
      const backendAfter = options.backendRequestCount();
      sample.catalogReads +=
        backendAfter.catalogReads - backendBefore.catalogReads;
      sample.permissionRequests +=
        backendAfter.permissionRequests - backendBefore.permissionRequests;
      if (target.collectGarbageAfter) await options.collectGarbage();
    }
  }
  return samples;
}

/** A sampled answer that shows the route did not do its job: the run is invalid. */
export class BenchCheckError extends Error {
  name = 'BenchCheckError';
}
