import { entityViewPath } from '../http';
import { LivePageFigures, measureLivePage } from '../livePage';
import { BenchRun } from './context';

/** Change-to-signal latency and an idle open page's bytes per minute. */
export async function livePage(run: BenchRun): Promise<LivePageFigures> {
  const changes = Math.min(50, run.options.requests);
  run.log(
    `live page: ${changes} changes, each from a kube-sim write to its signal`,
  );
  return measureLivePage({
    baseUrl: run.backend.baseUrl,
    token: run.token,
    sim: run.sims[0],
    objects: run.generated.objects,
    entities: run.entities,
    samples: changes,
    etagOf: i => run.etags[i],
    viewPath: entityViewPath,
  });
}
