import { entityViewPath } from '../http';
import { StageFigures } from '../result';
import { BenchRun } from './context';
import { requestStage } from './requestStage';
import { viewTargets } from './targets';

/**
 * Each entity once, one request at a time, before any view: KMOP checks the
 * caller's access to each (catalog read and permission decision). Then reads
 * every view once more for its ETag, as a page holds it.
 */
export async function firstView(
  run: BenchRun,
  targets: ReturnType<typeof viewTargets>['targets'],
): Promise<Pick<StageFigures, 'floor' | 'kmop'>> {
  const figures = (await requestStage(run, {
    name: 'first view of each entity',
    concurrency: 1,
    targets: [targets.floor, targets.kmop],
    requests: run.entities,
    sequence: Array.from({ length: run.entities }, (_, i) => i),
  })) as Pick<StageFigures, 'floor' | 'kmop'>;
  // After the first views (they measure the first access check).
  for (let i = 0; i < run.entities; i++) {
    const res = await fetch(`${run.backend.baseUrl}${entityViewPath(i)}`, {
      headers: { authorization: `Bearer ${run.token}` },
    });
    await res.text();
    run.etags.push(res.headers.get('etag') ?? '');
  }
  return figures;
}
