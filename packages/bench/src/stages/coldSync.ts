import { join } from 'node:path';
import { getJson, waitUntil } from '../http';
import { BenchRun } from './context';

const MiB = 1024 * 1024;

/** The cold sync and the backend's memory before and after it. */
export interface ColdSyncFigures {
  coldSyncMs: number;
  coldSyncBackendCpuMs: number;
  memory: {
    rssBeforeMiB: number;
    rssAfterMiB: number;
    heapBeforeMiB: number;
    heapAfterMiB: number;
    cachedObjects: number;
    rssBytesPerCachedObject: number;
    heapBytesPerCachedObject: number;
  };
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
  await Promise.all(sims.map(s => s.faults.up()));
  const synced = await waitForClusters(backend.baseUrl, token, sims.length);
  clearInterval(watchFirst);
  if (syncProfile) await backend.stopProfile(syncProfile);
  const lastSynced = Math.max(...synced.map(c => Date.parse(c.lastSyncedAt!)));
  const after = await backend.memory();
  const cachedObjects = run.generated.cachedObjects * sims.length;
  return {
    coldSyncMs: lastSynced - (firstRequestAt ?? lastSynced),
    // From after the first measurement's collections to before the second's.
    coldSyncBackendCpuMs: after.cpuMs - before.cpuAfterGcMs,
    memory: {
      rssBeforeMiB: before.rss / MiB,
      rssAfterMiB: after.rss / MiB,
      heapBeforeMiB: before.heapUsed / MiB,
      heapAfterMiB: after.heapUsed / MiB,
      cachedObjects,
      rssBytesPerCachedObject: (after.rss - before.rss) / cachedObjects,
      heapBytesPerCachedObject:
        (after.heapUsed - before.heapUsed) / cachedObjects,
    },
    ...(syncProfile ? { syncProfile } : {}),
  };
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
