import type { ResiliencePolicyInput } from '@kmop/plugin-kmop-common';
import type { GenerateInput } from './inputSchema';

type ResilienceSpec = Omit<ResiliencePolicyInput['spec'], 'serviceRef'>;

/**
 * The presets of `input.resilience.preset`. `standard` suits most internal
 * services; `strict` is for services that must shed load rather than queue.
 * Exported so that tests elsewhere build the scaffolder's objects from the
 * presets themselves rather than a copy.
 *
 * @public
 */
export const RESILIENCE_PRESETS: Record<
  'standard' | 'strict' | 'none',
  Omit<ResiliencePolicyInput['spec'], 'serviceRef'>
> = {
  standard: {
    timeouts: { request: '10s', connect: '2s' },
    retries: {
      attempts: 2,
      retryOn: ['5xx', 'reset', 'connect-failure'],
      perTryTimeout: '3s',
    },
    circuitBreaker: {
      consecutiveErrors: 5,
      interval: '10s',
      baseEjectionTime: '30s',
      maxEjectionPercent: 50,
    },
    disruptionBudget: { maxUnavailable: 1 },
  },
  strict: {
    timeouts: { request: '5s', connect: '1s', idle: '5m' },
    retries: {
      attempts: 1,
      retryOn: ['connect-failure', 'reset', '503'],
      perTryTimeout: '2s',
      backoff: { baseInterval: '100ms', maxInterval: '1s' },
    },
    circuitBreaker: {
      consecutiveErrors: 3,
      interval: '5s',
      baseEjectionTime: '1m',
      maxEjectionPercent: 30,
      maxConnections: 100,
      maxPendingRequests: 50,
      maxRequests: 200,
    },
    rateLimit: { requests: 100, unit: 'Second' },
    disruptionBudget: { minAvailable: '50%' },
  },
  none: {},
};

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/**
 * A preset with the overrides on top: timeouts, retries and circuit breaker
 * merge field by field; a rate limit or disruption budget replaces the preset's.
 */
export function resilienceSpec(
  resilience: NonNullable<GenerateInput['resilience']>,
): ResilienceSpec {
  const preset = RESILIENCE_PRESETS[resilience.preset];
  const o = resilience.overrides;
  const spec: ResilienceSpec = { ...preset };
  // Forms send sections whose fields were all left empty; they change nothing.
  const timeouts = defined(o.timeouts ?? {});
  const retries = defined(o.retries ?? {});
  const circuitBreaker = defined(o.circuitBreaker ?? {});
  if (Object.keys(timeouts).length)
    spec.timeouts = { ...preset.timeouts, ...timeouts };
  if (Object.keys(retries).length)
    spec.retries = { ...preset.retries, ...retries };
  if (Object.keys(circuitBreaker).length) {
    spec.circuitBreaker = { ...preset.circuitBreaker, ...circuitBreaker };
  }
  if (o.rateLimit) spec.rateLimit = o.rateLimit;
  if (o.disruptionBudget) spec.disruptionBudget = defined(o.disruptionBudget);
  return spec;
}
