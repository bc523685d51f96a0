import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { SUPPORTED_KINDS } from '@kmop/plugin-kmop-common';
import { ChildProcess, fork } from 'node:child_process';
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { BackendReply, BackendRequest } from './protocol';

type DistributiveOmit<T, K extends keyof T> = T extends unknown
  ? Omit<T, K>
  : never;

/** Options of {@link BenchBackend.start}. */
export interface BenchBackendOptions {
  /** Folder for the config, the entities file and the backend's log. */
  workDir: string;
  clusters: Array<{ name: string; url: string; token: string }>;
  /** Path of a YAML file of catalog entities. */
  entitiesFile: string;
  /** `kmop.authorization.cacheTtl` of the backend. */
  accessTtl: string;
  /** Extra `kmop:` config (merged over the bench's). */
  kmop?: Record<string, unknown>;
  /** How long the backend may take to start. */
  startTimeoutMs?: number;
}

// Kinds Backstage's Kubernetes backend does not list by default; it is given
// the same CRDs (and PodDisruptionBudgets) KMOP reads, so both see the same objects.
const K8S_DEFAULT_GROUPS = new Set([
  'apps',
  'autoscaling',
  'networking.k8s.io',
]);

function customResources() {
  return SUPPORTED_KINDS.filter(k => !K8S_DEFAULT_GROUPS.has(k.group)).map(
    k => ({
      group: k.group,
      apiVersion: k.versions[0],
      plural: k.plural,
    }),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A real Backstage backend in a child process, as the bench uses it. */
export class BenchBackend {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: BackendReply) => void>();
  private logOffset = 0;
  private readonly logged = { catalogReads: 0, permissionRequests: 0 };

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    readonly logFile: string,
  ) {
    child.on('message', (reply: BackendReply) => {
      if ('id' in reply) {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
      }
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(options: BenchBackendOptions): Promise<BenchBackend> {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = {
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      auth: {
        environment: 'development',
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
      catalog: {
        rules: [{ allow: ['Component', 'Group', 'Location'] }],
        locations: [{ type: 'file', target: options.entitiesFile }],
        // The entities do not change during a run; no reprocessing in the middle of it.
        processingInterval: { minutes: 30 },
      },
      permission: { enabled: true },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: options.clusters.map(c => ({
              name: c.name,
              url: c.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: c.token,
              skipTLSVerify: true,
              skipMetricsLookup: true,
            })),
          },
        ],
        customResources: customResources(),
      },
      kmop: {
        cache: {
          // The bench holds the clusters down while it measures the empty
          // backend; short retries make the first sync start right after.
          initialBackoff: '50ms',
          maxBackoff: '100ms',
          requestTimeout: '60s',
        },
        authorization: { cacheTtl: options.accessTtl },
        ...options.kmop,
      },
    };
    const configFile = join(options.workDir, 'app-config.yaml');
    writeFileSync(configFile, stringify(config));
    const logFile = join(options.workDir, 'backend.log');
    const log = openSync(logFile, 'w');
    const child = fork(
      resolvePackagePath('@kmop/bench', 'bin/backend.js'),
      ['--config', configFile],
      {
        // Backstage looks for the repository root upwards from here.
        cwd: resolvePackagePath('@kmop/bench'),
        execArgv: ['--expose-gc'],
        stdio: ['ignore', log, log, 'ipc'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    closeSync(log);
    const timeoutMs = options.startTimeoutMs ?? 120_000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(
          new Error(`backend did not start in ${timeoutMs} ms; see ${logFile}`),
        );
      }, timeoutMs);
      child.on('message', (reply: BackendReply) => {
        if (reply.type === 'started') {
          clearTimeout(timer);
          resolve();
        } else if (reply.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(`backend failed to start: ${reply.message}`));
        }
      });
      child.on('exit', code => {
        clearTimeout(timer);
        reject(new Error(`backend exited with ${code}; see ${logFile}`));
      });
    });
    return new BenchBackend(child, baseUrl, logFile);
  }

  private ask(
    request: DistributiveOmit<BackendRequest, 'id'>,
  ): Promise<BackendReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, reply =>
        reply.type === 'error'
          ? reject(new Error(reply.message))
          : resolve(reply),
      );
      this.child.send({ ...request, id } as BackendRequest);
    });
  }

  /** Resident and heap memory after a full garbage collection, in bytes. */
  async memory(): Promise<{
    rss: number;
    heapUsed: number;
    cpuMs: number;
    cpuAfterGcMs: number;
  }> {
    const reply = await this.ask({ type: 'memory' });
    if (reply.type !== 'memory')
      throw new Error(`unexpected reply ${reply.type}`);
    return {
      rss: reply.rss,
      heapUsed: reply.heapUsed,
      cpuMs: reply.cpuMs,
      cpuAfterGcMs: reply.cpuAfterGcMs,
    };
  }

  /** A full garbage collection in the backend (what {@link memory} does first). */
  async collectGarbage(): Promise<void> {
    await this.memory();
  }

  /**
   * Requests the backend has logged so far (its request log), by kind: the
   * catalog reads and permission decisions that KMOP's plugins ask for
   * over HTTP, as Backstage's plugins do.
   */
  loggedRequests(): { catalogReads: number; permissionRequests: number } {
    const fd = openSync(this.logFile, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, this.logOffset);
        if (n === 0) break;
        // Count whole lines only; a partial last line is read again next time.
        const end = buffer.lastIndexOf(10, n - 1);
        if (end < 0) break;
        const text = buffer.toString('utf8', 0, end + 1);
        this.logged.catalogReads +=
          text.split('"GET /api/catalog/entities/by-name/').length - 1;
        this.logged.permissionRequests +=
          text.split('"POST /api/permission/authorize').length - 1;
        this.logOffset += end + 1;
      }
    } finally {
      closeSync(fd);
    }
    return { ...this.logged };
  }

  async startProfile(): Promise<void> {
    await this.ask({ type: 'profileStart' });
  }

  /** Stops the CPU profile and writes it (`.cpuprofile`, Chrome DevTools format) to `file`. */
  async stopProfile(file: string): Promise<void> {
    await this.ask({ type: 'profileStop', file });
  }

  /** How the backend process ended, if it has. */
  get exit(): string | undefined {
    const { exitCode, signalCode } = this.child;
    if (exitCode === null && signalCode === null) return undefined;
    return signalCode ? `killed by ${signalCode}` : `exited with ${exitCode}`;
  }

  async stop(): Promise<void> {
    if (this.exit) return;
    const exited = new Promise(resolve => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
