import type { KmopResilienceSetting, KmopResilienceView } from '../../view';
import type { Reader } from '../access';
import { defineNormalizer, itemBase } from '../base';
import { kmopVerdict } from '../kmopStatus';
import {
  blankResilience,
  budgetRule,
  clauses,
  plural,
  setting,
} from './common';

function timeouts(spec: Reader): KmopResilienceSetting | undefined {
  const t = spec.record('timeouts');
  if (!t) return undefined;
  const values = {
    request: t.str('request'),
    connect: t.str('connect'),
    idle: t.str('idle'),
  };
  return setting(
    'timeout',
    clauses(
      values.request && `request timeout ${values.request}`,
      values.connect && `connect timeout ${values.connect}`,
      values.idle && `idle timeout ${values.idle}`,
    ) || 'no timeouts set',
    values,
  );
}

function retries(spec: Reader): KmopResilienceSetting | undefined {
  const r = spec.record('retries');
  if (!r) return undefined;
  const attempts = r.int('attempts');
  const retryOn = r.strs('retryOn').join(',');
  const perTry = r.str('perTryTimeout');
  const base = r.str('backoff.baseInterval');
  const max = r.str('backoff.maxInterval');
  if (attempts === 0) return setting('retry', 'retries off', { attempts });
  return setting(
    'retry',
    clauses(
      `${attempts === undefined ? '? attempts' : plural(attempts, 'attempt')}${
        retryOn ? ` on ${retryOn}` : ''
      }`,
      perTry && `${perTry} per try`,
      base && `backoff ${base}${max ? `–${max}` : ''}`,
    ),
    {
      attempts,
      retryOn: retryOn || undefined,
      perTryTimeout: perTry,
      backoffBaseInterval: base,
      backoffMaxInterval: max,
    },
  );
}

function circuitBreaker(spec: Reader): KmopResilienceSetting | undefined {
  const cb = spec.record('circuitBreaker');
  if (!cb) return undefined;
  const values = {
    consecutiveErrors: cb.int('consecutiveErrors'),
    interval: cb.str('interval'),
    baseEjectionTime: cb.str('baseEjectionTime'),
    maxEjectionPercent: cb.num('maxEjectionPercent'),
    maxConnections: cb.int('maxConnections'),
    maxPendingRequests: cb.int('maxPendingRequests'),
    maxRequests: cb.int('maxRequests'),
  };
  return setting(
    'circuitBreaker',
    clauses(
      values.consecutiveErrors !== undefined &&
        `eject after ${plural(values.consecutiveErrors, 'consecutive error')}`,
      values.baseEjectionTime && `for ${values.baseEjectionTime}`,
      values.interval && `checked every ${values.interval}`,
      values.maxEjectionPercent !== undefined &&
        `at most ${values.maxEjectionPercent}% ejected`,
      values.maxConnections !== undefined &&
        `max ${values.maxConnections} connections`,
      values.maxPendingRequests !== undefined &&
        `${values.maxPendingRequests} pending requests`,
      values.maxRequests !== undefined &&
        `${values.maxRequests} concurrent requests`,
    ) || 'circuit breaker with no limits set',
    values,
  );
}

function rateLimit(spec: Reader): KmopResilienceSetting | undefined {
  const rl = spec.record('rateLimit');
  if (!rl) return undefined;
  const requests = rl.int('requests');
  const unit = rl.str('unit');
  return setting(
    'rateLimit',
    `${requests ?? '?'} requests per ${unit ?? '?'}`,
    {
      requests,
      unit,
    },
  );
}

function bulkhead(spec: Reader): KmopResilienceSetting | undefined {
  const b = spec.record('bulkhead');
  if (!b) return undefined;
  const concurrent = b.int('maxConcurrentRequests');
  const queue = b.int('maxQueue');
  return setting(
    'bulkhead',
    clauses(
      `${concurrent ?? '?'} concurrent requests`,
      queue !== undefined && `${queue} queued`,
    ),
    { maxConcurrentRequests: concurrent, maxQueue: queue },
  );
}

function disruptionBudget(spec: Reader): KmopResilienceSetting | undefined {
  const d = spec.record('disruptionBudget');
  if (!d) return undefined;
  const minAvailable = d.intOrPercent('minAvailable');
  const maxUnavailable = d.intOrPercent('maxUnavailable');
  return setting('disruptionBudget', budgetRule(minAvailable, maxUnavailable), {
    minAvailable,
    maxUnavailable,
  });
}

/**
 * KMOP ResiliencePolicy (kmop.dev/v1alpha1) → one resilience item.
 *
 * @public
 */
export const normalizeKmopResiliencePolicy =
  defineNormalizer<KmopResilienceView>({
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'ResiliencePolicy',
    blank: blankResilience,
    build: (r, meta) => {
      const spec = r.record('spec');
      const settings = spec
        ? [
            timeouts(spec),
            retries(spec),
            circuitBreaker(spec),
            rateLimit(spec),
            bulkhead(spec),
            disruptionBudget(spec),
          ]
        : [];
      return [
        {
          ...itemBase(meta, kmopVerdict(r, meta.generation)),
          target: r.str('spec.serviceRef'),
          settings: settings.filter(
            (s): s is KmopResilienceSetting => s !== undefined,
          ),
        },
      ];
    },
  });
