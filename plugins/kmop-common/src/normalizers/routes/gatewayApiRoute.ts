/** What HTTPRoute and GRPCRoute share: parents, hostnames, backendRefs, filters, status. */
import type { KmopRouteMatch, KmopRouteRule, KmopRouteView } from '../../view';
import type { Reader } from '../access';
import { ObjectMeta, itemBase } from '../base';
import {
  parentViews,
  readObjectRef,
  readParentStatuses,
  routeVerdict,
} from '../gatewayApiStatus';
import { withBadges } from '../health';
import { readWeight, withShares } from './backends';

/** Gateway API caps backendRef weights at 1,000,000. */
const MAX_BACKEND_WEIGHT = 1_000_000;

export function readHeaderMatches(
  m: Reader,
): KmopRouteMatch['headers'] | undefined {
  const headers = m.arr('headers').map(h => ({
    name: h.str('name') ?? '',
    value: h.str('value') ?? '',
    type: h.str('type') ?? 'Exact',
  }));
  return headers.length > 0 ? headers : undefined;
}

function readBackends(rule: Reader, at: string, defaults: string[]) {
  const listed = rule.list('backendRefs').length;
  const refs = rule.arr('backendRefs');
  return withShares(
    refs.map((b, j) => {
      const kind = b.str('kind');
      return {
        name: b.str('name') ?? '',
        namespace: b.str('namespace'),
        port: b.int('port'),
        subset: kind && kind !== 'Service' ? kind : undefined,
        // Gateway API's default weight is 1.
        weight: readWeight(b, 'weight', 1, MAX_BACKEND_WEIGHT, () =>
          defaults.push(`${at}.backends[${j}].weight`),
        ),
      };
    }),
    refs.length === listed,
  );
}

export interface GatewayApiRouteOptions {
  /** Reads one match; `at` is its view path, for defaults it labels. */
  readMatch(m: Reader, at: string, defaults: string[]): KmopRouteMatch;
  /** Matches a rule has when it lists none. */
  defaultMatches: KmopRouteMatch[];
  readTimeouts?(rule: Reader): KmopRouteRule['timeouts'];
  protocol: KmopRouteRule['protocol'];
}

export function readGatewayApiRoute(
  r: Reader,
  meta: ObjectMeta,
  options: GatewayApiRouteOptions,
): KmopRouteView {
  const statuses = readParentStatuses(r, 'status.parents', 'parentRef');
  const filters = new Set<string>();
  const defaults: string[] = [];
  const rules = r.arr('spec.rules').map((rule, i): KmopRouteRule => {
    for (const f of rule.arr('filters')) {
      const type = f.str('type');
      if (type) filters.add(`filter: ${type}`);
    }
    const at = `rules[${i}]`;
    const matches = rule
      .arr('matches')
      .map((m, j) => options.readMatch(m, `${at}.matches[${j}]`, defaults));
    if (matches.length === 0 && options.defaultMatches.length > 0) {
      defaults.push(`${at}.matches`);
    }
    return {
      name: rule.str('name'),
      protocol: options.protocol,
      matches: matches.length > 0 ? matches : options.defaultMatches,
      backends: readBackends(rule, at, defaults),
      timeouts: options.readTimeouts?.(rule),
    };
  });
  const verdict = withBadges(routeVerdict(statuses, meta.generation), [
    ...filters,
  ]);
  return {
    ...itemBase(meta, verdict),
    hostnames: r.strs('spec.hostnames'),
    parents: parentViews(
      r.arr('spec.parentRefs').map(readObjectRef),
      statuses,
      meta.source.namespace,
    ),
    rules,
    ...(defaults.length > 0 ? { defaults } : {}),
  };
}
