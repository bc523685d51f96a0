import { KubernetesCredential } from '@backstage/plugin-kubernetes-node';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { CredentialSource } from '../auth/ClusterCredentials';
import { KmopClusterConfig } from '../config/types';
import { KubeRequestError } from './KubeRequestError';
import { NdjsonSplitter } from './NdjsonSplitter';

/**
 * Options of {@link KubeClient.create}.
 *
 * @public
 */
export interface KubeClientOptions {
  cluster: KmopClusterConfig;
  /** Credentials for each request; none (anonymous) when left out. */
  credentials?: CredentialSource;
  /** Time allowed for a whole non-watch request; default 10 s. */
  requestTimeoutMs?: number;
}

/**
 * One request to the API server.
 *
 * @public
 */
export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path such as `/apis/apps/v1/namespaces/a/deployments`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * An event of a watch stream.
 *
 * @public
 */
export interface KubeWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Record<string, unknown>;
}

/**
 * Options of {@link KubeClient.watch}.
 *
 * @public
 */
export interface KubeWatchOptions {
  signal?: AbortSignal;
  /** End the watch with a `timeout` error when nothing arrives for this long. */
  idleTimeoutMs?: number;
  /** Called once the server has accepted the watch, before any event. */
  onOpen?: () => void;
}

/**
 * A small HTTP client for one cluster: JSON requests with a deadline, and
 * watches as newline-delimited JSON streams. Errors are {@link KubeRequestError}s
 * that say what failed without repeating credentials.
 *
 * @public
 */
export class KubeClient {
  private readonly cluster: KmopClusterConfig;
  private readonly credentials?: CredentialSource;
  private readonly requestTimeoutMs: number;
  private readonly agent: http.Agent;
  private readonly base: URL;

  /** Throws when `caFile` cannot be read. */
  static create(options: KubeClientOptions): KubeClient {
    return new KubeClient(options);
  }

  private constructor(options: KubeClientOptions) {
    this.cluster = options.cluster;
    this.credentials = options.credentials;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.base = new URL(options.cluster.url);
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            ca: readCa(options.cluster),
            rejectUnauthorized: !options.cluster.skipTLSVerify,
          })
        : new http.Agent({ keepAlive: true });
  }

  get name(): string {
    return this.cluster.name;
  }

  /** Sends a request and returns the parsed JSON body of a 2xx answer. */
  async request<T = unknown>(req: KubeRequest): Promise<T> {
    const timeoutMs = req.timeoutMs ?? this.requestTimeoutMs;
    const response = await this.send(req, timeoutMs);
    const text = await readBody(response.res, req.path);
    let body: unknown;
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      if (ok(response.res.statusCode)) {
        throw new KubeRequestError({
          kind: 'malformed',
          status: response.res.statusCode,
          path: req.path,
          message: `${req.path} answered with a body that is not JSON`,
        });
      }
    }
    response.done();
    if (!ok(response.res.statusCode)) {
      throw KubeRequestError.fromResponse(
        response.res.statusCode ?? 0,
        req.path,
        body,
      );
    }
    return body as T;
  }

  /**
   * Watches a collection: calls `onEvent` for each event until the server ends
   * the stream (resolves) or something fails (rejects). An ERROR event with a
   * Status rejects with the matching error (410 Gone → kind `gone`).
   */
  async watch(
    req: KubeRequest,
    onEvent: (event: KubeWatchEvent) => void,
    options: KubeWatchOptions = {},
  ): Promise<void> {
    // The deadline covers the answer's headers; the stream itself may last.
    const response = await this.send(
      { ...req, signal: options.signal },
      req.timeoutMs ?? this.requestTimeoutMs,
    );
    response.done();
    if (!ok(response.res.statusCode)) {
      const text = await readBody(response.res, req.path);
      response.done();
      throw KubeRequestError.fromResponse(
        response.res.statusCode ?? 0,
        req.path,
        safeJson(text),
      );
    }
    options.onOpen?.();
    await new Promise<void>((resolve, reject) => {
      const res = response.res;
      let idle: NodeJS.Timeout | undefined;
      const fail = (error: Error) => {
        clearTimeout(idle);
        res.destroy();
        response.done();
        reject(error);
      };
      const armIdle = () => {
        if (!options.idleTimeoutMs) return;
        clearTimeout(idle);
        idle = setTimeout(
          () =>
            fail(
              new KubeRequestError({
                kind: 'timeout',
                path: req.path,
                message: `watch of ${req.path} was silent for ${options.idleTimeoutMs} ms`,
              }),
            ),
          options.idleTimeoutMs,
        );
      };
      const splitter = new NdjsonSplitter();
      armIdle();
      res.on('data', (chunk: Buffer) => {
        armIdle();
        try {
          for (const line of splitter.push(chunk)) {
            const event = parseEvent(line, req.path);
            if (event.type === 'ERROR') {
              throw KubeRequestError.fromResponse(
                Number(event.object.code) || 500,
                req.path,
                event.object,
              );
            }
            onEvent(event);
          }
        } catch (error) {
          fail(error as Error);
        }
      });
      res.on('end', () => {
        clearTimeout(idle);
        response.done();
        resolve();
      });
      res.on('error', error => fail(toNetworkError(error, req.path)));
    });
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  /**
   * Sends with the current credential; when the cluster answers 401 (an
   * expired or rotated token), fetches a fresh credential and tries once more.
   */
  private async send(
    req: KubeRequest,
    timeoutMs: number | undefined,
  ): Promise<{ res: http.IncomingMessage; done: () => void }> {
    const used = await this.credential(req);
    const first = await this.sendOnce(req, timeoutMs, used);
    if (first.res.statusCode !== 401 || !this.credentials) {
      return first;
    }
    first.res.resume();
    first.done();
    this.credentials.invalidate(used);
    return this.sendOnce(req, timeoutMs, await this.credential(req));
  }

  private async credential(req: KubeRequest): Promise<KubernetesCredential> {
    if (!this.credentials) return { type: 'anonymous' };
    try {
      return await this.credentials.get();
    } catch (error) {
      const provider =
        this.cluster.authMetadata?.['kubernetes.io/auth-provider'] ?? 'unknown';
      throw new KubeRequestError({
        kind: 'unauthorized',
        path: req.path,
        message: `${
          this.cluster.name
        }: cannot get credentials (authProvider ${provider}): ${
          (error as Error).message
        }`,
      });
    }
  }

  private sendOnce(
    req: KubeRequest,
    timeoutMs: number | undefined,
    credential: KubernetesCredential,
  ): Promise<{ res: http.IncomingMessage; done: () => void }> {
    const url = new URL(req.path, this.base);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    const tlsClient: https.RequestOptions = {};
    if (credential.type === 'bearer token') {
      headers.Authorization = `Bearer ${credential.token}`;
    } else if (credential.type === 'x509 client certificate') {
      tlsClient.cert = credential.cert;
      tlsClient.key = credential.key;
    }
    const payload =
      req.body === undefined
        ? undefined
        : Buffer.from(JSON.stringify(req.body));
    if (payload) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const request = transport.request(url, {
        method: req.method ?? 'GET',
        headers,
        agent: this.agent,
        signal: req.signal,
        ...tlsClient,
      });
      const done = () => clearTimeout(timer);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          request.destroy(
            new KubeRequestError({
              kind: 'timeout',
              path: req.path,
              message: `${this.cluster.name}: no answer from ${req.path} within ${timeoutMs} ms`,
            }),
          );
        }, timeoutMs);
      }
      request.on('response', res => resolve({ res, done }));
      request.on('error', error => {
        done();
        reject(toNetworkError(error, req.path));
      });
      request.end(payload);
    });
  }
}

/** The CA to trust: `caData` (base64 PEM, as in app-config) or `caFile`. */
function readCa(cluster: KmopClusterConfig): Buffer | undefined {
  if (cluster.caData) return Buffer.from(cluster.caData, 'base64');
  if (cluster.caFile) return readFileSync(cluster.caFile);
  return undefined;
}

function ok(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

function readBody(res: http.IncomingMessage, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Decoded chunk by chunk (a character split between chunks is kept whole) and joined
    // as strings: copying a list page's chunks into one buffer first was a tenth of the
    // cold sync's CPU (issue #17).
    res.setEncoding('utf8');
    let text = '';
    res.on('data', (chunk: string) => {
      text += chunk;
    });
    res.on('end', () => resolve(text));
    res.on('error', error => reject(toNetworkError(error, path)));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseEvent(line: string, path: string): KubeWatchEvent {
  const event = safeJson(line) as Partial<KubeWatchEvent> | undefined;
  const types = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'];
  if (
    !event ||
    typeof event !== 'object' ||
    !types.includes(event.type as string) ||
    !event.object ||
    typeof event.object !== 'object'
  ) {
    throw new KubeRequestError({
      kind: 'malformed',
      path,
      message: `watch of ${path} sent an event that is not a Kubernetes watch event`,
    });
  }
  return event as KubeWatchEvent;
}

function toNetworkError(error: unknown, path: string): Error {
  if (error instanceof KubeRequestError) return error;
  const err = error as NodeJS.ErrnoException;
  if (err.name === 'AbortError') return err;
  return new KubeRequestError({
    kind: 'unreachable',
    path,
    message: `cannot reach the API server for ${path}: ${
      err.code ?? err.message
    }`,
  });
}
