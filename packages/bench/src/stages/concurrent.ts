import { StageFigures } from '../result';
import { BenchRun } from './context';
import { requestStage } from './requestStage';
import { viewTargets } from './targets';

/** Waves of requests each fast route gets at least, and waves per block. */
const WAVES = 40;
const WAVES_PER_BLOCK = 4;

/**
 * Every route, `concurrency` requests at a time. Throughput is a rate under sustained load,
 * so the fast routes (floor, KMOP, `304`) get at least 40 waves of requests in blocks of
 * four: with one wave per block (300 requests at 50 in flight), a block lasted one slowest
 * answer, about 25 ms, and a single pause of the backend halved a route's figure. The
 * Kubernetes backend, seconds per wave, keeps `requests` and its own blocks.
 */
export async function concurrent(
  run: BenchRun,
  targets: ReturnType<typeof viewTargets>['targets'],
): Promise<StageFigures> {
  const { concurrency, requests } = run.options;
  const fast = await requestStage(run, {
    name: 'concurrent',
    concurrency,
    targets: [targets.floor, targets.kmop, targets.kmopNotModified],
    requests: Math.max(requests, WAVES * concurrency),
    blockSize: WAVES_PER_BLOCK * concurrency,
  });
  const kubernetes = await requestStage(run, {
    name: 'concurrent',
    concurrency,
    targets: [targets.kubernetes],
    requests,
  });
  return { ...fast, ...kubernetes } as StageFigures;
}
