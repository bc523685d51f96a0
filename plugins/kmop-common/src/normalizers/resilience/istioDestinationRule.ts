import type {
  KmopResilienceSetting,
  KmopResilienceView,
  KmopSubset,
} from '../../view';
import type { Reader } from '../access';
import { defineNormalizer, itemBase } from '../base';
import { istioVerdict } from '../istioStatus';
import {
  DefaultedValues,
  blankResilience,
  clauses,
  marked,
  scoped,
  setting,
} from './common';

/** Istio's outlier detection defaults (docs/sources/istio-destinationrule.md). */
const OUTLIER_DEFAULTS = {
  consecutive5xxErrors: 5,
  interval: '10s',
  baseEjectionTime: '30s',
  maxEjectionPercent: 10,
  minHealthPercent: 0,
};

function connectionPool(tp: Reader): KmopResilienceSetting | undefined {
  const pool = tp.record('connectionPool');
  if (!pool) return undefined;
  const values = {
    'tcp.maxConnections': pool.int('tcp.maxConnections'),
    'tcp.connectTimeout': pool.str('tcp.connectTimeout'),
    'tcp.maxConnectionDuration': pool.str('tcp.maxConnectionDuration'),
    'tcp.idleTimeout': pool.str('tcp.idleTimeout'),
    'http.http1MaxPendingRequests': pool.int('http.http1MaxPendingRequests'),
    'http.http2MaxRequests': pool.int('http.http2MaxRequests'),
    'http.maxRequestsPerConnection': pool.int('http.maxRequestsPerConnection'),
    'http.maxRetries': pool.int('http.maxRetries'),
    'http.idleTimeout': pool.str('http.idleTimeout'),
    'http.maxConcurrentStreams': pool.int('http.maxConcurrentStreams'),
  };
  const v = values;
  const summary = clauses(
    v['tcp.maxConnections'] !== undefined &&
      `max ${v['tcp.maxConnections']} connections`,
    v['http.http1MaxPendingRequests'] !== undefined &&
      `${v['http.http1MaxPendingRequests']} pending requests`,
    v['http.http2MaxRequests'] !== undefined &&
      `${v['http.http2MaxRequests']} concurrent requests`,
    v['http.maxRequestsPerConnection'] !== undefined &&
      `${v['http.maxRequestsPerConnection']} requests per connection`,
    v['http.maxRetries'] !== undefined &&
      `${v['http.maxRetries']} concurrent retries`,
    v['tcp.connectTimeout'] && `connect timeout ${v['tcp.connectTimeout']}`,
    v['tcp.idleTimeout'] && `TCP idle timeout ${v['tcp.idleTimeout']}`,
    v['http.idleTimeout'] && `HTTP idle timeout ${v['http.idleTimeout']}`,
    v['tcp.maxConnectionDuration'] &&
      `connections live at most ${v['tcp.maxConnectionDuration']}`,
    v['http.maxConcurrentStreams'] !== undefined &&
      `${v['http.maxConcurrentStreams']} streams per connection`,
  );
  return setting(
    'connectionPool',
    summary || 'connection pool with unlimited defaults',
    values,
  );
}

function outlierDetection(tp: Reader): KmopResilienceSetting | undefined {
  const od = tp.record('outlierDetection');
  if (!od) return undefined;
  const d = new DefaultedValues(od);
  const deprecatedErrors = od.int('consecutiveErrors');
  const errors5xx = d.take(
    'consecutive5xxErrors',
    od.int('consecutive5xxErrors') ?? deprecatedErrors,
    'consecutive5xxErrors',
    OUTLIER_DEFAULTS.consecutive5xxErrors,
  );
  const gatewayErrors = od.int('consecutiveGatewayErrors');
  const interval = d.take(
    'interval',
    od.str('interval'),
    'interval',
    OUTLIER_DEFAULTS.interval,
  );
  const ejection = d.take(
    'baseEjectionTime',
    od.str('baseEjectionTime'),
    'baseEjectionTime',
    OUTLIER_DEFAULTS.baseEjectionTime,
  );
  const maxPercent = d.take(
    'maxEjectionPercent',
    od.int('maxEjectionPercent'),
    'maxEjectionPercent',
    OUTLIER_DEFAULTS.maxEjectionPercent,
  );
  const minHealth = d.take(
    'minHealthPercent',
    od.int('minHealthPercent'),
    'minHealthPercent',
    OUTLIER_DEFAULTS.minHealthPercent,
  );
  const triggers: string[] = [];
  if (errors5xx !== undefined && errors5xx > 0) {
    triggers.push(
      marked(`${errors5xx} consecutive 5xx`, 'consecutive5xxErrors', d),
    );
  }
  if (gatewayErrors !== undefined && gatewayErrors > 0) {
    triggers.push(`${gatewayErrors} consecutive gateway errors`);
  }
  const floor =
    minHealth !== undefined && minHealth > 0
      ? `, off below ${minHealth}% healthy`
      : '';
  const summary =
    triggers.length > 0
      ? clauses(
          `eject a host after ${triggers.join(' or ')}`,
          ejection !== undefined &&
            marked(`for ${ejection} × ejections`, 'baseEjectionTime', d),
          interval !== undefined &&
            marked(`checked every ${interval}`, 'interval', d),
          maxPercent !== undefined &&
            marked(`at most ${maxPercent}% ejected`, 'maxEjectionPercent', d),
        ) + floor
      : 'outlier detection with every trigger disabled';
  return setting(
    'outlierDetection',
    summary,
    {
      consecutive5xxErrors: errors5xx,
      consecutiveGatewayErrors: gatewayErrors,
      consecutiveErrors: deprecatedErrors,
      interval,
      baseEjectionTime: ejection,
      maxEjectionPercent: maxPercent,
      minHealthPercent: minHealth,
    },
    d.keys,
  );
}

const SIMPLE_LB: Record<string, string> = {
  ROUND_ROBIN: 'round robin',
  LEAST_REQUEST: 'least request',
  LEAST_CONN: 'least request',
  RANDOM: 'random',
  PASSTHROUGH: 'passthrough (original destination)',
  UNSPECIFIED: 'the mesh default',
};

/** `trafficPolicy.loadBalancer`: simple, consistent hash, locality and warmup. */
function loadBalancer(tp: Reader): KmopResilienceSetting | undefined {
  const lb = tp.record('loadBalancer');
  if (!lb) return undefined;
  const simple = lb.str('simple');
  const hash = lb.record('consistentHash');
  const hashKey =
    (hash?.str('httpHeaderName') && `header ${hash.str('httpHeaderName')}`) ||
    (hash?.str('httpCookie.name') && `cookie ${hash.str('httpCookie.name')}`) ||
    (hash?.bool('useSourceIp') && 'source IP') ||
    (hash?.str('httpQueryParameterName') &&
      `query parameter ${hash.str('httpQueryParameterName')}`) ||
    undefined;
  const warmup = lb.str('warmupDurationSecs') ?? lb.str('warmup.duration');
  const locality = lb.has('localityLbSetting');
  return setting(
    'loadBalancer',
    clauses(
      simple && (SIMPLE_LB[simple] ?? simple.toLowerCase()),
      hash && `consistent hash on ${hashKey ?? 'an unnamed key'}`,
      warmup && `warm up new hosts over ${warmup}`,
      locality && 'locality-aware',
    ) || 'load balancer with no policy set',
    {
      simple,
      consistentHash: hashKey,
      warmup,
      localityLbSetting: locality || undefined,
    },
  );
}

/** Settings of one traffic policy, then of each of its port-level settings. */
function policySettings(
  tp: Reader | undefined,
  label: string | undefined,
): KmopResilienceSetting[] {
  if (!tp) return [];
  const own = [loadBalancer(tp), connectionPool(tp), outlierDetection(tp)]
    .filter((s): s is KmopResilienceSetting => s !== undefined)
    .map(s => scoped(label, s));
  const perPort = tp.arr('portLevelSettings').flatMap(p => {
    const port = p.int('port.number');
    const portLabel = [label, port === undefined ? 'a port' : `port ${port}`]
      .filter(Boolean)
      .join(', ');
    return [loadBalancer(p), connectionPool(p), outlierDetection(p)]
      .filter((s): s is KmopResilienceSetting => s !== undefined)
      .map(s => scoped(portLabel, s));
  });
  return [...own, ...perPort];
}

/**
 * Istio DestinationRule → one resilience item: load balancing, connection pool, outlier detection, subsets.
 *
 * @public
 */
export const normalizeIstioDestinationRule =
  defineNormalizer<KmopResilienceView>({
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    blank: blankResilience,
    build: (r, meta) => {
      const badges: string[] = [];
      if (r.has('spec.trafficPolicy.outlierDetection.consecutiveErrors')) {
        badges.push('deprecated: consecutiveErrors');
      }
      const verdict = istioVerdict(r, meta.generation);
      const subsets: KmopSubset[] = r.arr('spec.subsets').map(s => {
        const name = s.str('name') ?? '';
        return {
          name,
          labels: s.stringMap('labels'),
          settings: policySettings(s.record('trafficPolicy'), `subset ${name}`),
        };
      });
      return [
        {
          ...itemBase(meta, {
            ...verdict,
            badges: [...(verdict.badges ?? []), ...badges],
          }),
          target: r.str('spec.host'),
          settings: policySettings(r.record('spec.trafficPolicy'), undefined),
          ...(subsets.length > 0 ? { subsets } : {}),
        },
      ];
    },
  });
