import { BenchRun } from './context';
import { requestStage } from './requestStage';
import { viewTargets } from './targets';

/** A few requests of every route at 2 in flight; not reported, but its failures are. */
export async function warmUp(
  run: BenchRun,
  targets: ReturnType<typeof viewTargets>['targets'],
): Promise<void> {
  await requestStage(run, {
    name: 'warm-up',
    concurrency: 2,
    targets: Object.values(targets),
    requests: Math.min(20, run.options.requests),
  });
}
