import { join } from 'node:path';
import { getJson, waitUntil } from '../http';
import { BenchRun } from './context';

const MiB = 1024 * 1024;

/** The cold sync and the backend's memory before and after it. */
export interface ColdSyncFigures {
  coldSyncMs: number;
  coldSyncBackendCpuMs: number;
  /**
   * CPU time of the bench's own process over the same time: the simulated clusters serving
   * their lists, on the same two cores as the backend (a real API server has its own).
   */
  coldSyncSimulatorCpuMs: number;
  memory: {
    rssBeforeMiB: number;
    rssAfterMiB: number;
    heapBeforeMiB: number;
    heapAfterMiB: number;
    cachedObjects: number;
    rssBytesPerCachedObject: number;
    heapBytesPerCachedObject: number;
    /** At the end of the sync, before the cache wrote the objects' fields as text. */
    heapBytesPerCachedObjectAtSync: number;
  };
  /**
   * From the end of the sync until the backend's heap settled: the cache writes the
   * fields it holds of each object as text once the objects stop coming.
   */
  settle: { ms: number; backendCpuMs: number };
  /** The CPU profile of the sync, with `--profile`. */
  syncProfile?: string;
}

/**
 * Measures the empty backend's memory, brings the clusters up and times the
 * first sync, from the first request a cluster receives to the latest
 * `lastSyncedAt`, then measures memory again.
 */
export async function coldSync(run: BenchRun): Promise<ColdSyncFigures> {
  const { backend, sims, token, options } = run;
  const before = await backend.memory();
  run.log('clusters up: timing the first sync');
  const counts = sims.map(s => s.requestCount);
  let firstRequestAt: number | undefined;
  const watchFirst = setInterval(() => {
    if (
      firstRequestAt === undefined &&
      sims.some((s, i) => s.requestCount > counts[i])
    ) {
      firstRequestAt = Date.now();
    }
  }, 1);
  const syncProfile = options.profile
    ? join(options.profile, `kmop-cold-sync-${Date.now()}.cpuprofile`)
    : undefined;
  if (syncProfile) await backend.startProfile();
  // The simulated clusters share this process with the objects it generated (hundreds of
  // MiB): its pending collection work is done now, not while the clusters serve the lists.
  // `yarn bench` runs with --expose-gc.
  global.gc?.();
  const simulatorCpu = process.cpuUsage();
  await Promise.all(sims.map(s => s.faults.up()));
  const synced = await waitForClusters(backend.baseUrl, token, sims.length);
  const { user, system } = process.cpuUsage(simulatorCpu);
  clearInterval(watchFirst);
  if (syncProfile) await backend.stopProfile(syncProfile);
  const lastSynced = Math.max(...synced.map(c => Date.parse(c.lastSyncedAt!)));
  const atSync = await backend.memory();
  const settleStarted = Date.now();
  const after = await settledMemory(run, atSync);
  const cachedObjects = run.generated.cachedObjects * sims.length;
  return {
    coldSyncMs: lastSynced - (firstRequestAt ?? lastSynced),
    // From after the first measurement's collections to before the second's.
    coldSyncBackendCpuMs: atSync.cpuMs - before.cpuAfterGcMs,
    coldSyncSimulatorCpuMs: (user + system) / 1000,
    memory: {
      rssBeforeMiB: before.rss / MiB,
      rssAfterMiB: after.rss / MiB,
      heapBeforeMiB: before.heapUsed / MiB,
      heapAfterMiB: after.heapUsed / MiB,
      cachedObjects,
      rssBytesPerCachedObject: (after.rss - before.rss) / cachedObjects,
      heapBytesPerCachedObject:
        (after.heapUsed - before.heapUsed) / cachedObjects,
      heapBytesPerCachedObjectAtSync:
        (atSync.heapUsed - before.heapUsed) / cachedObjects,
    },
    settle: {
      ms: Date.now() - settleStarted,
      backendCpuMs: after.cpuMs,
    },
    ...(syncProfile ? { syncProfile } : {}),
  };
}

/**
 * The backend's memory once its heap stops shrinking: read after a full collection every
 * second until a reading is within 1 % of the one before (at most 30 readings), and the
 * backend's CPU time between the readings.
 */
async function settledMemory(
  run: BenchRun,
  atSync: Awaited<ReturnType<BenchRun['backend']['memory']>>,
): Promise<{ rss: number; heapUsed: number; cpuMs: number }> {
  let last = atSync;
  // Between readings only: each reading's own full collections are not the cache's work.
  let cpuMs = 0;
  for (let i = 0; i < 30; i++) {
    await new Promise(r => setTimeout(r, 1000));
    const next = await run.backend.memory();
    cpuMs += next.cpuMs - last.cpuAfterGcMs;
    const settled = next.heapUsed >= last.heapUsed * 0.99;
    last = next;
    if (settled) break;
  }
  return { rss: last.rss, heapUsed: last.heapUsed, cpuMs };
}

/** Waits until the backend's cache has every cluster `ready`; gives them. */
export function waitForClusters(
  baseUrl: string,
  token: string,
  clusters: number,
): Promise<Array<{ state: string; lastSyncedAt?: string }>> {
  return waitUntil('the KMOP cache', 300_000, async () => {
    const { status, body } = await getJson(
      `${baseUrl}/api/kmop/v1/clusters`,
      token,
    );
    const items =
      status === 200
        ? (body.items as Array<{ state: string; lastSyncedAt?: string }>)
        : [];
    return items.length === clusters && items.every(c => c.state === 'ready')
      ? items
      : undefined;
  });
}
