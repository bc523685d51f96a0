import type { KmopResilienceSetting, KmopResilienceView } from '../../view';
import type { Reader } from '../access';
import { defineNormalizer, itemBase } from '../base';
import { istioVerdict } from '../istioStatus';
import { blankResilience, clauses, scoped, setting } from './common';

/** Istio's outlier detection defaults (CRD-REFERENCE §2). */
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
  const defaulted: string[] = [];
  function orDefault<K extends keyof typeof OUTLIER_DEFAULTS>(
    key: K,
    value: (typeof OUTLIER_DEFAULTS)[K] | undefined,
  ): (typeof OUTLIER_DEFAULTS)[K] {
    if (value !== undefined) return value;
    defaulted.push(key);
    return OUTLIER_DEFAULTS[key];
  }
  const deprecatedErrors = od.int('consecutiveErrors');
  const errors5xx = orDefault(
    'consecutive5xxErrors',
    od.int('consecutive5xxErrors') ?? deprecatedErrors,
  );
  const gatewayErrors = od.int('consecutiveGatewayErrors');
  const interval = orDefault('interval', od.str('interval'));
  const ejection = orDefault('baseEjectionTime', od.str('baseEjectionTime'));
  const maxPercent = orDefault(
    'maxEjectionPercent',
    od.int('maxEjectionPercent'),
  );
  const minHealth = orDefault('minHealthPercent', od.int('minHealthPercent'));
  const triggers: string[] = [];
  if (errors5xx > 0) triggers.push(`${errors5xx} consecutive 5xx`);
  if (gatewayErrors !== undefined && gatewayErrors > 0) {
    triggers.push(`${gatewayErrors} consecutive gateway errors`);
  }
  const floor = minHealth > 0 ? `, off below ${minHealth}% healthy` : '';
  const summary =
    triggers.length > 0
      ? `eject a host after ${triggers.join(
          ' or ',
        )} for ${ejection} × ejections, checked every ${interval}, at most ${maxPercent}% ejected${floor}`
      : 'outlier detection with every trigger disabled';
  return setting('outlierDetection', summary, {
    consecutive5xxErrors: errors5xx,
    consecutiveGatewayErrors: gatewayErrors,
    consecutiveErrors: deprecatedErrors,
    interval,
    baseEjectionTime: ejection,
    maxEjectionPercent: maxPercent,
    minHealthPercent: minHealth,
    defaults: defaulted.length > 0 ? defaulted.join(',') : undefined,
  });
}

/** Settings of one traffic policy, then of each of its port-level settings. */
function policySettings(
  tp: Reader | undefined,
  label: string | undefined,
): KmopResilienceSetting[] {
  if (!tp) return [];
  const own = [connectionPool(tp), outlierDetection(tp)]
    .filter((s): s is KmopResilienceSetting => s !== undefined)
    .map(s => scoped(label, s));
  const perPort = tp.arr('portLevelSettings').flatMap(p => {
    const port = p.int('port.number');
    const portLabel = [label, port === undefined ? 'a port' : `port ${port}`]
      .filter(Boolean)
      .join(', ');
    return [connectionPool(p), outlierDetection(p)]
      .filter((s): s is KmopResilienceSetting => s !== undefined)
      .map(s => scoped(portLabel, s));
  });
  return [...own, ...perPort];
}

/** Istio DestinationRule → one resilience item with connection pool and outlier detection settings. */
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
      const subsets = r
        .arr('spec.subsets')
        .flatMap(s =>
          policySettings(
            s.record('trafficPolicy'),
            `subset ${s.str('name') ?? '?'}`,
          ),
        );
      return [
        {
          ...itemBase(meta, {
            ...verdict,
            badges: [...(verdict.badges ?? []), ...badges],
          }),
          target: r.str('spec.host'),
          settings: [
            ...policySettings(r.record('spec.trafficPolicy'), undefined),
            ...subsets,
          ],
        },
      ];
    },
  });
