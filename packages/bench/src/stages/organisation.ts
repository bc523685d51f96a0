import { BenchCheckError, Target } from '../load';
import { OrgStageFigures } from '../result';
import { BenchRun } from './context';
import { requestStage } from './requestStage';
import { viewTargets } from './targets';

/**
 * The organisation page (`GET /api/kmop/v1/readiness/services`, a page of 50
 * sorted by readiness, over every entity) beside the floor, one request at a
 * time. It reads every entity the caller may see and answers from the cache:
 * one catalog query and one batch of permission decisions per request.
 */
export async function organisation(
  run: BenchRun,
  targets: ReturnType<typeof viewTargets>['targets'],
): Promise<OrgStageFigures> {
  const { entities } = run;
  const orgTarget: Target = {
    name: 'org',
    request: () => ({
      method: 'GET',
      path: '/api/kmop/v1/readiness/services?sort=readiness&limit=50',
    }),
    check: (_s, body) => {
      const page = JSON.parse(body);
      if (page.totalItems !== entities || page.items.length === 0) {
        throw new BenchCheckError(
          `the organisation page listed ${page.totalItems} of ${entities} services`,
        );
      }
    },
  };
  return (await requestStage(run, {
    name: `organisation page over ${entities} services`,
    concurrency: 1,
    targets: [targets.floor, orgTarget],
    requests: Math.max(10, Math.ceil(run.options.requests / 10)),
  })) as OrgStageFigures;
}
