import { StageFigures } from '../result';
import { BenchRun } from './context';
import { requestStage } from './requestStage';
import { viewTargets } from './targets';

/** `stressConcurrency` requests at a time; the Kubernetes backend is left out. */
export async function stress(
  run: BenchRun,
  targets: ReturnType<typeof viewTargets>['targets'],
): Promise<Pick<StageFigures, 'floor' | 'kmop' | 'kmopNotModified'>> {
  const { requests, stressConcurrency } = run.options;
  return (await requestStage(run, {
    name: 'stress',
    concurrency: stressConcurrency,
    targets: [targets.floor, targets.kmop, targets.kmopNotModified],
    requests: Math.max(requests, 4 * stressConcurrency),
  })) as Pick<StageFigures, 'floor' | 'kmop' | 'kmopNotModified'>;
}
