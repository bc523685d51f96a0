import { Entity } from '@backstage/catalog-model';
import { KubeSim } from '@kmop/kube-sim';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { BenchBackend } from '../backend/BenchBackend';
import { getJson, waitUntil } from '../http';
import { SIM_TOKEN } from './clusters';
import { StageFailure } from './context';

/**
 * Starts the Backstage backend over the clusters with the entities in its
 * catalog (`onStarted` receives it at once, so the caller can stop it
 * whatever happens next), and waits for a guest token and for the catalog
 * to hold the last entity.
 */
export async function startBackend(options: {
  workDir: string;
  sims: KubeSim[];
  entityList: Entity[];
  accessTtl: string;
  /** Extra `kmop:` config (merged over the bench's). */
  kmop?: Record<string, unknown>;
  log: (line: string) => void;
  onStarted: (backend: BenchBackend) => void;
}): Promise<{ backend: BenchBackend; token: string }> {
  const { entityList, log } = options;
  const entitiesFile = join(options.workDir, 'entities.yaml');
  writeFileSync(entitiesFile, entityList.map(e => stringify(e)).join('---\n'));

  log('starting the Backstage backend');
  const backend = await BenchBackend.start({
    workDir: options.workDir,
    entitiesFile,
    clusters: options.sims.map((s, c) => ({
      name: `sim-${c}`,
      url: s.url,
      token: SIM_TOKEN,
    })),
    accessTtl: options.accessTtl,
    ...(options.kmop ? { kmop: options.kmop } : {}),
  });
  options.onStarted(backend);
  const baseUrl = backend.baseUrl;
  const token = await waitUntil('a guest token', 30_000, async () => {
    const { status, body } = await getJson(
      `${baseUrl}/api/auth/guest/refresh?env=development`,
    );
    return status === 200
      ? (body.backstageIdentity.token as string)
      : undefined;
  });
  log(`waiting for the catalog to hold ${entityList.length} entities`);
  // The catalog ingests the entities file in batches: 2,000 entities took over 2 minutes
  // on a loaded 2-core machine. A bound on waiting, scaled with the entities; not measured.
  await waitUntil(
    'the catalog',
    Math.max(120_000, entityList.length * 150),
    async () => {
      const last = entityList[entityList.length - 1].metadata.name;
      const { status } = await getJson(
        `${baseUrl}/api/catalog/entities/by-name/component/default/${last}`,
        token,
      );
      return status === 200 ? true : undefined;
    },
  );
  return { backend, token };
}

/** Adds the last lines of the backend's log to an error of a stage that used it. */
export function withBackendLog(
  error: unknown,
  backend: BenchBackend | undefined,
): unknown {
  if (backend) {
    const tail = readFileSync(backend.logFile, 'utf8')
      .split('\n')
      .slice(-40)
      .join('\n');
    (error as Error).message += `\nthe backend ${
      backend.exit ?? 'is running'
    }; last lines of its log:\n${tail}`;
  }
  return error;
}

/**
 * When requests failed, keeps a copy of the backend's log (its folder is removed at the end
 * of the run) and names it, with its first error lines, in the failures that have none: a
 * 500 says little, the log says why.
 */
export function keepBackendLog(
  backend: BenchBackend | undefined,
  failures: StageFailure[],
): void {
  const open = failures.filter(f => !f.backendLog);
  if (!backend || open.length === 0) return;
  const file = join(tmpdir(), `kmop-bench-backend-${Date.now()}.log`);
  copyFileSync(backend.logFile, file);
  const errors = readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => {
      try {
        return JSON.parse(line).level === 'error';
      } catch {
        return false; // not a JSON log line (a crash's own output)
      }
    })
    .slice(0, 3)
    .map(line => line.slice(0, 600));
  for (const failure of open) failure.backendLog = { file, errors };
}
