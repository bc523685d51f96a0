import { failureMessage } from './failures';
import { RouteFigures, stageFailures } from './requestStage';

function route(errors: number, firstError?: string): RouteFigures {
  return {
    requests: 12,
    errors,
    ...(firstError ? { firstError } : {}),
    p50Ms: 1,
    p90Ms: 1,
    p99Ms: 1,
    requestsPerSecond: 1,
    bytesPerResponse: 1,
    clusterRequestsPerView: 0,
    catalogReadsPerView: 0,
    permissionRequestsPerView: 0,
  };
}

describe('a stage whose requests failed', () => {
  it('names the stage, the route and the first error', () => {
    const failures = stageFailures('organisation page over 4 services', {
      floor: route(0),
      org: route(3, '500 {"error":{"name":"Error"}}'),
    });
    expect(failures).toEqual([
      {
        stage: 'organisation page over 4 services',
        route: 'org',
        errors: 3,
        requests: 12,
        firstError: '500 {"error":{"name":"Error"}}',
      },
    ]);
    expect(failureMessage(failures)).toBe(
      'stage "organisation page over 4 services", route org: 3 of 12 requests failed; first: 500 {"error":{"name":"Error"}}',
    );
  });

  it("names the backend's log kept for it, with its first error lines", () => {
    expect(
      failureMessage([
        {
          stage: 'concurrent',
          route: 'kubernetes',
          errors: 2,
          requests: 300,
          firstError: '500 {"error":"Request failed"}',
          backendLog: {
            file: '/tmp/kmop-bench-backend-1.log',
            errors: ['{"level":"error","message":"boom"}'],
          },
        },
      ]),
    ).toBe(
      [
        'stage "concurrent", route kubernetes: 2 of 300 requests failed; first: 500 {"error":"Request failed"}',
        "  the backend's log: /tmp/kmop-bench-backend-1.log",
        '  {"level":"error","message":"boom"}',
      ].join('\n'),
    );
  });

  it('is no failure when every request succeeded', () => {
    expect(
      stageFailures('sequential', { floor: route(0), kmop: route(0) }),
    ).toEqual([]);
    expect(failureMessage([])).toBeUndefined();
  });
});
