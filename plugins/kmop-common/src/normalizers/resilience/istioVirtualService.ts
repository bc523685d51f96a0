import type { KmopResilienceSetting, KmopResilienceView } from '../../view';
import type { Reader } from '../access';
import { defineNormalizer, itemBase } from '../base';
import { istioVerdict } from '../istioStatus';
import {
  DefaultedValues,
  blankResilience,
  clauses,
  marked,
  plural,
  scoped,
  setting,
} from './common';

/** What the mesh applies to a route without `retries` (docs/sources/istio-virtualservice.md). */
const MESH_DEFAULT_RETRIES = {
  attempts: 2,
  retryOn: 'connect-failure,refused-stream,unavailable,cancelled',
};

/** The retry policy of a route without fault injection. */
function retries(http: Reader): KmopResilienceSetting | undefined {
  const policy = http.record('retries');
  if (http.isMalformed('retries')) return undefined;
  if (!policy) {
    return setting(
      'retry',
      `${plural(MESH_DEFAULT_RETRIES.attempts, 'attempt')} on ${
        MESH_DEFAULT_RETRIES.retryOn
      } (mesh default)`,
      { ...MESH_DEFAULT_RETRIES },
      ['attempts', 'retryOn'],
    );
  }
  const d = new DefaultedValues(policy);
  const attempts = d.take(
    'attempts',
    policy.int('attempts'),
    'attempts',
    MESH_DEFAULT_RETRIES.attempts,
  );
  if (attempts === undefined) return undefined;
  if (attempts === 0) return setting('retry', 'retries off', { attempts });
  const retryOn = d.take(
    'retryOn',
    policy.str('retryOn'),
    'retryOn',
    MESH_DEFAULT_RETRIES.retryOn,
  );
  const perTry = policy.str('perTryTimeout');
  const backoff = policy.str('backoff');
  const summary = clauses(
    `${marked(plural(attempts, 'attempt'), 'attempts', d)}${
      retryOn === undefined ? '' : ` on ${marked(retryOn, 'retryOn', d)}`
    }`,
    perTry && `${perTry} per try`,
    backoff && `backoff ${backoff}`,
    policy.bool('retryRemoteLocalities') === true &&
      'may retry in other localities',
  );
  return setting(
    'retry',
    summary,
    {
      attempts,
      retryOn,
      perTryTimeout: perTry,
      backoff,
      retryRemoteLocalities: policy.bool('retryRemoteLocalities'),
      retryIgnorePreviousHosts: policy.bool('retryIgnorePreviousHosts'),
    },
    d.keys,
  );
}

/** `for 10% of requests`, or a note that no percentage is set. */
function share(injected: Reader): string {
  const percent = injected.num('percentage.value');
  return percent === undefined
    ? '(no percentage set)'
    : `for ${percent}% of requests`;
}

function fault(http: Reader): KmopResilienceSetting | undefined {
  const f = http.record('fault');
  if (!f) return undefined;
  const delay = f.record('delay');
  const abort = f.record('abort');
  const delayBy = delay?.str('fixedDelay') ?? delay?.str('exponentialDelay');
  const status =
    abort?.int('httpStatus') ??
    abort?.str('grpcStatus') ??
    abort?.str('http2Error');
  const summary =
    clauses(
      delay && `delay ${delayBy ?? '?'} ${share(delay)}`,
      abort && `abort with ${status ?? '?'} ${share(abort)}`,
    ) || 'fault injection without faults';
  return setting('fault', summary, {
    delay: delayBy,
    delayPercent: delay?.num('percentage.value'),
    abort: status,
    abortPercent: abort?.num('percentage.value'),
  });
}

function routeSettings(
  http: Reader,
  label: string | undefined,
): KmopResilienceSetting[] {
  const timeout = http.str('timeout');
  const injected = fault(http);
  // Istio enables no timeout and no retries on a route that injects faults
  // (docs/sources/istio-virtualservice.md): whatever the route or the mesh says, there are none.
  const settings = injected
    ? [
        setting(
          'timeout',
          `none (fault injection)${
            timeout === undefined
              ? ''
              : `; the route's ${timeout} does not apply`
          }`,
          { disabledByFault: true, written: timeout },
        ),
        setting(
          'retry',
          `none (fault injection)${
            http.has('retries')
              ? "; the route's retry policy does not apply"
              : ''
          }`,
          { disabledByFault: true },
        ),
        injected,
      ]
    : [
        timeout === undefined
          ? undefined
          : setting('timeout', `request timeout ${timeout}`, {
              request: timeout,
            }),
        retries(http),
      ];
  return settings
    .filter((s): s is KmopResilienceSetting => s !== undefined)
    .map(s => scoped(label, s));
}

/**
 * Istio VirtualService → one resilience item: timeouts, retries and faults of its HTTP routes.
 *
 * @public
 */
export const normalizeIstioVirtualServiceResilience =
  defineNormalizer<KmopResilienceView>({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    blank: blankResilience,
    build: (r, meta) => {
      const routes = r.arr('spec.http');
      const settings = routes.flatMap((http, i) =>
        routeSettings(
          http,
          routes.length > 1 ? `route ${http.str('name') ?? i + 1}` : undefined,
        ),
      );
      const hosts = r.strs('spec.hosts');
      return [
        {
          ...itemBase(meta, istioVerdict(r, meta.generation)),
          target: hosts.length > 0 ? hosts.join(', ') : undefined,
          settings,
        },
      ];
    },
  });
