import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { PrometheusSloEvaluator } from './PrometheusSloEvaluator';

const fromConfig = (prometheus: JsonObject) =>
  PrometheusSloEvaluator.fromConfig(
    new ConfigReader({ kmop: { prometheus } }),
    { logger: mockServices.logger.mock() },
  );

describe('PrometheusSloEvaluator.fromConfig', () => {
  it('names kmop.prometheus.maxConcurrentQueries when it is not a whole number ≥ 1', () => {
    for (const bad of [0, -1, 2.5]) {
      expect(() =>
        fromConfig({
          baseUrl: 'http://prometheus:9090',
          maxConcurrentQueries: bad,
        }),
      ).toThrow(
        `kmop.prometheus.maxConcurrentQueries must be a whole number ≥ 1, got ${bad}`,
      );
    }
    expect(
      fromConfig({
        baseUrl: 'http://prometheus:9090',
        maxConcurrentQueries: 4,
      }),
    ).toBeInstanceOf(PrometheusSloEvaluator);
  });
});
