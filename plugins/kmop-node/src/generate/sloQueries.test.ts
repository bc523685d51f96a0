import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  latencyQueries,
  ratioQueries,
  SKELETON_LATENCY_BUCKETS,
} from './sloQueries';

const SKELETON_METRICS = resolve(
  __dirname,
  '../../../../examples/templates/kmop-microservice/skeleton/src/metrics.ts',
);

describe('SLO queries over the skeleton metrics', () => {
  it('uses the latency buckets the skeleton service serves', () => {
    const source = readFileSync(SKELETON_METRICS, 'utf8');
    const match = /LATENCY_BUCKETS = \[([^\]]*)\]/.exec(source);
    expect(match).not.toBeNull();
    const buckets = match![1]
      .split(',')
      .map(s => s.trim())
      .filter(Boolean)
      .map(Number);
    expect(buckets).toEqual(SKELETON_LATENCY_BUCKETS);
  });

  it('selects the service by its label', () => {
    expect(ratioQueries('ledger')).toEqual({
      errorQuery:
        'sum(rate(http_requests_total{service="ledger",code=~"5.."}[{{.window}}]))',
      totalQuery:
        'sum(rate(http_requests_total{service="ledger"}[{{.window}}]))',
    });
    expect(latencyQueries('ledger', 1).errorQuery).toContain(
      'http_request_duration_seconds_bucket{service="ledger",le="1"}',
    );
  });
});
