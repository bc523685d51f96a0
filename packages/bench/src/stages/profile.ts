import { join } from 'node:path';
import { summarizeProfile } from '../profile';
import { ProfileSummary } from '../result';
import { BenchRun } from './context';
import { requestStage } from './requestStage';
import { viewTargets } from './targets';

/**
 * A CPU profile of the backend serving KMOP views at `concurrency`, written
 * into `--profile`, with the summary of the cold sync's profile beside it.
 */
export async function profile(
  run: BenchRun,
  targets: ReturnType<typeof viewTargets>['targets'],
  syncProfile: string,
): Promise<Record<'view' | 'coldSync', ProfileSummary>> {
  const file = join(run.options.profile!, `kmop-view-${Date.now()}.cpuprofile`);
  run.log(`profiling the KMOP view into ${file}`);
  await run.backend.startProfile();
  await requestStage(run, {
    name: 'profile',
    concurrency: run.options.concurrency,
    targets: [targets.kmop],
    requests: run.options.requests,
  });
  await run.backend.stopProfile(file);
  return {
    view: { file, ...summarizeProfile(file) },
    coldSync: { file: syncProfile, ...summarizeProfile(syncProfile) },
  };
}
