import { StageFigures } from '../result';
import { BenchRun } from './context';
import { requestStage } from './requestStage';
import { viewTargets } from './targets';

/** Every route, `concurrency` requests at a time. */
export async function concurrent(
  run: BenchRun,
  targets: ReturnType<typeof viewTargets>['targets'],
): Promise<StageFigures> {
  return (await requestStage(run, {
    name: 'concurrent',
    concurrency: run.options.concurrency,
    targets: Object.values(targets),
    requests: run.options.requests,
  })) as StageFigures;
}
