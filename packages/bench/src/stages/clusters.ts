import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { BenchOptions } from '../options';
import { CRD_SEEDS, ClusterObjects, generateClusterObjects } from '../objects';

export const SIM_TOKEN = 'kmop-bench-token';

/**
 * Generates `objects` objects per cluster and starts `clusters` simulated
 * clusters holding them, with `latencyMs` on every request, each taken down
 * (connections refused) until the cold sync is timed.
 */
export async function startClusters(
  options: Pick<
    BenchOptions,
    'clusters' | 'objects' | 'latencyMs' | 'entities'
  >,
  log: (line: string) => void,
  sims: KubeSim[],
): Promise<{ generated: ClusterObjects; entities: number }> {
  log(`generating ${options.objects} objects per cluster`);
  const generated = generateClusterObjects(options.objects);
  // The last service may be cut short; only whole services become entities.
  const entities = Math.min(
    options.entities,
    Math.max(1, generated.services - 1),
  );

  const kinds = new Map(
    generated.objects.map(o => [`${o.apiVersion} ${o.kind}`, o]),
  );
  log(`starting ${options.clusters} simulated clusters`);
  for (let c = 0; c < options.clusters; c++) {
    const sim = await startKubeSim({ token: SIM_TOKEN, seeds: CRD_SEEDS });
    sims.push(sim);
    for (const object of generated.objects) sim.store.create(object);
    // The simulator sorts a kind's objects on its first list; etcd keeps its keys sorted.
    // Sorted here, so the timed cold sync holds no work a real API server never does.
    for (const { apiVersion, kind } of kinds.values()) {
      sim.store.list(apiVersion, kind, { limit: 1 });
    }
    sim.faults.setLatency(options.latencyMs);
    // Down until the empty backend has been measured; then the first sync is timed.
    await sim.faults.down('refuse');
  }
  return { generated, entities };
}
