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

function readBackends(rule: Reader) {
  return withShares(
    rule.arr('backendRefs').map(b => {
      const kind = b.str('kind');
      return {
        name: b.str('name') ?? '',
        namespace: b.str('namespace'),
        port: b.int('port'),
        subset: kind && kind !== 'Service' ? kind : undefined,
        weight: readWeight(b, 'weight', 1, MAX_BACKEND_WEIGHT),
      };
    }),
  );
}

export interface GatewayApiRouteOptions {
  readMatch(m: Reader): KmopRouteMatch;
  /** Matches a rule has when it lists none. */
  defaultMatches: KmopRouteMatch[];
  readTimeouts?(rule: Reader): KmopRouteRule['timeouts'];
}

export function readGatewayApiRoute(
  r: Reader,
  meta: ObjectMeta,
  options: GatewayApiRouteOptions,
): KmopRouteView {
  const statuses = readParentStatuses(r, 'status.parents', 'parentRef');
  const filters = new Set<string>();
  const rules = r.arr('spec.rules').map((rule): KmopRouteRule => {
    for (const f of rule.arr('filters')) {
      const type = f.str('type');
      if (type) filters.add(`filter: ${type}`);
    }
    const matches = rule.arr('matches').map(options.readMatch);
    return {
      name: rule.str('name'),
      matches: matches.length > 0 ? matches : options.defaultMatches,
      backends: readBackends(rule),
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
  };
}
