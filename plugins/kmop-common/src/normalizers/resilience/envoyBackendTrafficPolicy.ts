import type { KmopResilienceSetting, KmopResilienceView } from '../../view';
import type { Reader } from '../access';
import { defineNormalizer, itemBase } from '../base';
import { policyVerdict, readParentStatuses } from '../gatewayApiStatus';
import {
  DefaultedValues,
  blankResilience,
  clauses,
  marked,
  plural,
  setting,
} from './common';

/** Envoy Gateway's defaults (docs/sources/envoy-backendtrafficpolicy.md). */
const DEFAULT_NUM_RETRIES = 2;
const DEFAULT_CIRCUIT_LIMIT = 1024;

function retry(spec: Reader): KmopResilienceSetting | undefined {
  const r = spec.record('retry');
  if (!r) return undefined;
  const d = new DefaultedValues(r);
  const attempts = d.take(
    'numRetries',
    r.int('numRetries'),
    'numRetries',
    DEFAULT_NUM_RETRIES,
  );
  if (attempts === undefined) return undefined;
  const triggers = r.strs('retryOn.triggers');
  const codes = r
    .list('retryOn.httpStatusCodes')
    .filter((c): c is number => Number.isSafeInteger(c));
  const on = [...triggers, ...codes.map(String)].join(',');
  const perTry = r.str('perRetry.timeout');
  const base = r.str('perRetry.backOff.baseInterval');
  const max = r.str('perRetry.backOff.maxInterval');
  return setting(
    'retry',
    clauses(
      `${marked(plural(attempts, 'retry', 'retries'), 'numRetries', d)}${
        on ? ` on ${on}` : ''
      }`,
      perTry && `${perTry} per try`,
      base && `backoff ${base}${max ? `–${max}` : ''}`,
    ),
    {
      numRetries: attempts,
      retryOn: on || undefined,
      perRetryTimeout: perTry,
      backoffBaseInterval: base,
      backoffMaxInterval: max,
    },
    d.keys,
  );
}

function timeout(spec: Reader): KmopResilienceSetting | undefined {
  const t = spec.record('timeout');
  if (!t) return undefined;
  const values = {
    connectTimeout: t.str('tcp.connectTimeout'),
    requestTimeout: t.str('http.requestTimeout'),
    connectionIdleTimeout: t.str('http.connectionIdleTimeout'),
    maxConnectionDuration: t.str('http.maxConnectionDuration'),
    maxStreamDuration: t.str('http.maxStreamDuration'),
    streamIdleTimeout: t.str('http.streamIdleTimeout'),
  };
  // A block with fields of the wrong type sets nothing we can show: no setting at all,
  // never "timeouts at their defaults".
  if (spec.isMalformed('timeout')) return undefined;
  const summary = clauses(
    values.requestTimeout && `request timeout ${values.requestTimeout}`,
    values.connectTimeout && `connect timeout ${values.connectTimeout}`,
    values.connectionIdleTimeout &&
      `idle timeout ${values.connectionIdleTimeout}`,
    values.streamIdleTimeout &&
      `stream idle timeout ${values.streamIdleTimeout}`,
    values.maxStreamDuration &&
      `streams live at most ${values.maxStreamDuration}`,
    values.maxConnectionDuration &&
      `connections live at most ${values.maxConnectionDuration}`,
  );
  return setting('timeout', summary || 'timeouts at their defaults', values);
}

function circuitBreaker(spec: Reader): KmopResilienceSetting | undefined {
  const cb = spec.record('circuitBreaker');
  if (!cb) return undefined;
  const d = new DefaultedValues(cb);
  const limit = (key: string) =>
    d.take(key, cb.int(key), key, DEFAULT_CIRCUIT_LIMIT);
  const values = {
    maxConnections: limit('maxConnections'),
    maxPendingRequests: limit('maxPendingRequests'),
    maxParallelRequests: limit('maxParallelRequests'),
    maxParallelRetries: limit('maxParallelRetries'),
    maxRequestsPerConnection: cb.int('maxRequestsPerConnection'),
  };
  const shown = (key: keyof typeof values, text: string) =>
    values[key] !== undefined && marked(text, key, d);
  const summary = clauses(
    shown('maxConnections', `max ${values.maxConnections} connections`),
    shown(
      'maxPendingRequests',
      `${values.maxPendingRequests} pending requests`,
    ),
    shown(
      'maxParallelRequests',
      `${values.maxParallelRequests} parallel requests`,
    ),
    shown(
      'maxParallelRetries',
      `${values.maxParallelRetries} parallel retries`,
    ),
    values.maxRequestsPerConnection !== undefined &&
      `${values.maxRequestsPerConnection} requests per connection`,
  );
  return setting('circuitBreaker', summary, values, d.keys);
}

function rateLimitRules(rl: Reader, scope: 'global' | 'local'): string[] {
  return rl.arr(`${scope}.rules`).map(rule => {
    const requests = rule.int('limit.requests');
    const unit = rule.str('limit.unit');
    const selectors = rule.list('clientSelectors').length;
    const who =
      selectors > 0
        ? ` per matching client (${plural(selectors, 'selector')})`
        : '';
    return `${requests ?? '?'}/${unit ?? '?'}${who}`;
  });
}

function rateLimit(spec: Reader): KmopResilienceSetting | undefined {
  const rl = spec.record('rateLimit');
  if (!rl) return undefined;
  const global = rateLimitRules(rl, 'global');
  const local = rateLimitRules(rl, 'local');
  return setting(
    'rateLimit',
    clauses(
      global.length > 0 && `global ${global.join('; ')}`,
      local.length > 0 && `local ${local.join('; ')}`,
    ) || 'rate limit without rules',
    {
      global: global.join('; ') || undefined,
      local: local.join('; ') || undefined,
    },
  );
}

function faultInjection(spec: Reader): KmopResilienceSetting | undefined {
  const f = spec.record('faultInjection');
  if (!f) return undefined;
  const delay = f.str('delay.fixedDelay');
  const status = f.int('abort.httpStatus') ?? f.int('abort.grpcStatus');
  const delayPercent = f.num('delay.percentage');
  const abortPercent = f.num('abort.percentage');
  const pct = (p: number | undefined) =>
    p === undefined ? '' : ` for ${p}% of requests`;
  return setting(
    'fault',
    clauses(
      delay && `delay ${delay}${pct(delayPercent)}`,
      status !== undefined && `abort with ${status}${pct(abortPercent)}`,
    ) || 'fault injection without faults',
    { delay, delayPercent, abort: status, abortPercent },
  );
}

/** `healthCheck.active` and `.passive` (outlier detection), as written. */
function healthCheck(spec: Reader): KmopResilienceSetting | undefined {
  const hc = spec.record('healthCheck');
  if (!hc) return undefined;
  const active = hc.record('active');
  const passive = hc.record('passive');
  const values = {
    activeType: active?.str('type'),
    activePath: active?.str('http.path'),
    activeInterval: active?.str('interval'),
    activeTimeout: active?.str('timeout'),
    unhealthyThreshold: active?.int('unhealthyThreshold'),
    healthyThreshold: active?.int('healthyThreshold'),
    consecutive5XxErrors: passive?.int('consecutive5XxErrors'),
    consecutiveGatewayErrors: passive?.int('consecutiveGatewayErrors'),
    passiveInterval: passive?.str('interval'),
    baseEjectionTime: passive?.str('baseEjectionTime'),
    maxEjectionPercent: passive?.int('maxEjectionPercent'),
  };
  const v = values;
  const probe =
    active &&
    clauses(
      `${v.activeType ?? 'active'} probe${
        v.activePath ? ` of ${v.activePath}` : ''
      }`,
      v.activeInterval && `every ${v.activeInterval}`,
      v.activeTimeout && `timeout ${v.activeTimeout}`,
      v.unhealthyThreshold !== undefined &&
        `unhealthy after ${plural(v.unhealthyThreshold, 'failure')}`,
      v.healthyThreshold !== undefined &&
        `healthy after ${plural(v.healthyThreshold, 'success', 'successes')}`,
    );
  const eject =
    passive &&
    clauses(
      v.consecutive5XxErrors !== undefined &&
        `eject after ${v.consecutive5XxErrors} consecutive 5xx`,
      v.consecutiveGatewayErrors !== undefined &&
        `eject after ${v.consecutiveGatewayErrors} consecutive gateway errors`,
      v.baseEjectionTime && `for ${v.baseEjectionTime}`,
      v.passiveInterval && `checked every ${v.passiveInterval}`,
      v.maxEjectionPercent !== undefined &&
        `at most ${v.maxEjectionPercent}% ejected`,
    );
  return setting(
    'healthCheck',
    clauses(probe || undefined, eject && `passive: ${eject}`) ||
      'health check with nothing set',
    values,
  );
}

/** `loadBalancer`: its type, hash key and slow start. */
function loadBalancer(spec: Reader): KmopResilienceSetting | undefined {
  const lb = spec.record('loadBalancer');
  if (!lb) return undefined;
  const type = lb.str('type');
  const hash = lb.str('consistentHash.type');
  const header = lb.str('consistentHash.header.name');
  const cookie = lb.str('consistentHash.cookie.name');
  const slowStart = lb.str('slowStart.window');
  let hashKey = hash;
  if (header) hashKey = `header ${header}`;
  else if (cookie) hashKey = `cookie ${cookie}`;
  return setting(
    'loadBalancer',
    clauses(
      type,
      hashKey && `hash on ${hashKey}`,
      slowStart && `slow start over ${slowStart}`,
    ) || 'load balancer with no type set',
    { type, consistentHash: hashKey, slowStartWindow: slowStart },
  );
}

/** `responseOverride[]`: which response codes are replaced (first match wins). */
function responseOverride(spec: Reader): KmopResilienceSetting | undefined {
  const overrides = spec.arr('responseOverride');
  if (overrides.length === 0) return undefined;
  const codes = overrides.flatMap(o =>
    o.arr('match.statusCodes').map(c => {
      const start = c.int('range.start');
      const end = c.int('range.end');
      if (start !== undefined && end !== undefined) return `${start}–${end}`;
      return c.int('value') !== undefined ? String(c.int('value')) : '?';
    }),
  );
  return setting(
    'responseOverride',
    clauses(
      plural(overrides.length, 'response override'),
      codes.length > 0 && `for ${codes.join(', ')}`,
    ),
    { overrides: overrides.length, statusCodes: codes.join(', ') || undefined },
  );
}

/** `compression[]` (deprecated) and `compressor[]`: the algorithms, in preference order. */
function compression(spec: Reader): KmopResilienceSetting | undefined {
  const entries = [...spec.arr('compressor'), ...spec.arr('compression')];
  if (entries.length === 0) return undefined;
  const types = entries.map(e => e.str('type') ?? '?');
  return setting('compression', `compress with ${types.join(', ')}`, {
    types: types.join(', '),
  });
}

/** `useClientProtocol`: the protocol requests reach the backends with. */
function clientProtocol(spec: Reader): KmopResilienceSetting | undefined {
  const use = spec.bool('useClientProtocol');
  if (use === undefined) return undefined;
  return setting(
    'clientProtocol',
    use
      ? "requests reach backends in the client's HTTP protocol"
      : "requests reach backends in the backend's protocol",
    { useClientProtocol: use },
  );
}

/**
 * The settings of blocks whose effect on traffic is not read into the item's health, each
 * field read with its upstream type (Envoy Gateway `api/v1alpha1`: admission_control.go,
 * bandwidthlimit_types.go, dns_types.go, proxyprotocol_types.go, tracing_types.go), so a
 * wrong-typed field is named malformed instead of shown.
 */
function admissionControl(spec: Reader): KmopResilienceSetting | undefined {
  const ac = spec.record('admissionControl');
  if (!ac) return undefined;
  const values = {
    enabled: ac.bool('enabled'),
    samplingWindow: ac.str('samplingWindow'),
    successRateThreshold: ac.num('successRateThreshold'),
    aggression: ac.num('aggression'),
    rpsThreshold: ac.int('rpsThreshold'),
    maxRejectionProbability: ac.num('maxRejectionProbability'),
  };
  const v = values;
  return setting(
    'admissionControl',
    clauses(
      v.enabled === false && 'disabled',
      v.successRateThreshold !== undefined &&
        `rejects below ${v.successRateThreshold} success rate`,
      v.samplingWindow && `over ${v.samplingWindow}`,
      v.aggression !== undefined && `aggression ${v.aggression}`,
      v.rpsThreshold !== undefined && `from ${v.rpsThreshold} rps`,
      v.maxRejectionProbability !== undefined &&
        `rejects at most ${v.maxRejectionProbability}`,
      ac.has('successCriteria') && 'custom success criteria',
    ) || "admission control at Envoy's defaults",
    values,
  );
}

function bandwidthLimit(spec: Reader): KmopResilienceSetting | undefined {
  const bw = spec.record('bandwidthLimit');
  if (!bw) return undefined;
  const values = {
    requestLimit: bw.intOrString('request.limit'),
    responseLimit: bw.intOrString('response.limit'),
  };
  return setting(
    'bandwidthLimit',
    clauses(
      values.requestLimit !== undefined &&
        `requests at most ${values.requestLimit}/s`,
      values.responseLimit !== undefined &&
        `responses at most ${values.responseLimit}/s`,
    ) || 'bandwidth limit without a limit',
    values,
  );
}

function dns(spec: Reader): KmopResilienceSetting | undefined {
  const d = spec.record('dns');
  if (!d) return undefined;
  const values = {
    dnsRefreshRate: d.str('dnsRefreshRate'),
    respectDnsTtl: d.bool('respectDnsTtl'),
    lookupFamily: d.str('lookupFamily'),
  };
  return setting(
    'dns',
    clauses(
      values.dnsRefreshRate && `refresh every ${values.dnsRefreshRate}`,
      values.respectDnsTtl !== undefined &&
        (values.respectDnsTtl ? 'respects DNS TTL' : 'ignores DNS TTL'),
      values.lookupFamily && `lookup ${values.lookupFamily}`,
    ) || 'DNS at its defaults',
    values,
  );
}

function proxyProtocol(spec: Reader): KmopResilienceSetting | undefined {
  const pp = spec.record('proxyProtocol');
  if (!pp) return undefined;
  const version = pp.str('version');
  return setting(
    'proxyProtocol',
    version ? `PROXY protocol ${version}` : 'PROXY protocol, version not set',
    { version },
  );
}

function telemetry(spec: Reader): KmopResilienceSetting | undefined {
  const t = spec.record('telemetry');
  if (!t) return undefined;
  const values = {
    samplingRate: t.int('tracing.samplingRate'),
    samplingNumerator: t.int('tracing.samplingFraction.numerator'),
    samplingDenominator: t.int('tracing.samplingFraction.denominator'),
    routeStatName: t.str('metrics.routeStatName'),
  };
  const v = values;
  const fraction =
    v.samplingNumerator !== undefined &&
    `traces ${v.samplingNumerator}/${v.samplingDenominator ?? 100}${
      v.samplingDenominator === undefined ? ' (denominator default 100)' : ''
    }`;
  return setting(
    'telemetry',
    clauses(
      v.samplingRate !== undefined && `traces ${v.samplingRate}%`,
      fraction,
      v.routeStatName && `route stats named ${v.routeStatName}`,
    ) || 'telemetry with nothing set',
    values,
  );
}

function targetOf(spec: Reader, badges: string[]): string | undefined {
  const refs = spec.arr('targetRefs');
  const single = spec.record('targetRef');
  if (single) badges.push('deprecated: targetRef');
  const named = [...refs, ...(single ? [single] : [])].map(
    t =>
      `${t.str('kind') ?? '?'} ${t.str('name') ?? '?'}${
        t.str('sectionName') ? ` (section ${t.str('sectionName')})` : ''
      }`,
  );
  const selected = spec
    .arr('targetSelectors')
    .map(s => `${s.str('kind') ?? '?'} selected by labels`);
  const all = [...named, ...selected];
  return all.length > 0 ? all.join(', ') : undefined;
}

/**
 * Envoy Gateway BackendTrafficPolicy → one resilience item.
 *
 * @public
 */
export const normalizeEnvoyBackendTrafficPolicy =
  defineNormalizer<KmopResilienceView>({
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    blank: blankResilience,
    build: (r, meta) => {
      const spec = r.record('spec');
      const badges: string[] = [];
      const target = spec ? targetOf(spec, badges) : undefined;
      const verdict = policyVerdict(
        readParentStatuses(r, 'status.ancestors', 'ancestorRef'),
        meta.generation,
      );
      const settings = spec
        ? [
            retry(spec),
            timeout(spec),
            circuitBreaker(spec),
            rateLimit(spec),
            faultInjection(spec),
            healthCheck(spec),
            loadBalancer(spec),
            responseOverride(spec),
            compression(spec),
            clientProtocol(spec),
            admissionControl(spec),
            bandwidthLimit(spec),
            dns(spec),
            proxyProtocol(spec),
            telemetry(spec),
          ]
        : [];
      return [
        {
          ...itemBase(meta, {
            ...verdict,
            badges: [...(verdict.badges ?? []), ...badges],
          }),
          target,
          settings: settings.filter(
            (s): s is KmopResilienceSetting => s !== undefined,
          ),
        },
      ];
    },
  });
