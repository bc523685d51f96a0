import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { PrometheusSloEvaluator } from './PrometheusSloEvaluator';
import { ScheduledSloEvaluator } from './ScheduledSloEvaluator';

/** Default of `kmop.prometheus.evaluationInterval`. */
export const DEFAULT_EVALUATION_INTERVAL_MS = 30_000;

/**
 * The SLO evaluator for `kmop.prometheus`, evaluated on a schedule (one round
 * of queries per SLO per interval, shared by every viewer), or undefined when
 * Prometheus is not configured. The task is local: each backend replica keeps
 * its own figures, as it keeps its own watch cache.
 */
export async function scheduleSloEvaluation(options: {
  config: Config;
  logger: LoggerService;
  scheduler: SchedulerService;
  onFiguresChanged: (sloIds: string[]) => void;
}): Promise<ScheduledSloEvaluator | undefined> {
  const prometheus = PrometheusSloEvaluator.fromConfig(options.config, {
    logger: options.logger,
  });
  if (!prometheus) return undefined;
  const intervalMs = options.config.has('kmop.prometheus.evaluationInterval')
    ? durationToMilliseconds(
        readDurationFromConfig(options.config, {
          key: 'kmop.prometheus.evaluationInterval',
        }),
      )
    : DEFAULT_EVALUATION_INTERVAL_MS;
  const evaluator = ScheduledSloEvaluator.create({
    evaluator: prometheus,
    logger: options.logger,
    onFiguresChanged: options.onFiguresChanged,
  });
  await options.scheduler.scheduleTask({
    id: 'kmop-slo-evaluation',
    scope: 'local',
    frequency: { milliseconds: intervalMs },
    timeout: { milliseconds: Math.max(intervalMs, 60_000) },
    initialDelay: { milliseconds: intervalMs },
    fn: () => evaluator.evaluateAll(),
  });
  return evaluator;
}
