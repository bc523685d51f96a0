import { StageFigures } from '../result';
import { BenchRun } from './context';
import { requestStage } from './requestStage';
import { viewTargets } from './targets';

/** Every route, one request at a time, access checks reused. */
export async function sequential(
  run: BenchRun,
  targets: ReturnType<typeof viewTargets>['targets'],
): Promise<StageFigures> {
  return (await requestStage(run, {
    name: 'sequential',
    concurrency: 1,
    targets: Object.values(targets),
    requests: run.options.requests,
  })) as StageFigures;
}
