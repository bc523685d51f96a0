import type { KmopRouteMatch, KmopRouteRule, KmopRouteView } from '../../view';
import type { Reader } from '../access';
import { defineNormalizer } from '../base';
import { readGatewayApiRoute, readHeaderMatches } from './gatewayApiRoute';

/** Gateway API's default path match, for rules without matches and matches without a path. */
const DEFAULT_PATH = { type: 'PathPrefix', value: '/' };

function readHttpMatch(m: Reader): KmopRouteMatch {
  return {
    path: {
      type: m.str('path.type') ?? DEFAULT_PATH.type,
      value: m.str('path.value') ?? DEFAULT_PATH.value,
    },
    method: m.str('method'),
    headers: readHeaderMatches(m),
  };
}

/** `spec.rules[].timeouts` (standard since Gateway API v1.2). */
export function readRuleTimeouts(rule: Reader): KmopRouteRule['timeouts'] {
  const request = rule.str('timeouts.request');
  const backendRequest = rule.str('timeouts.backendRequest');
  return request === undefined && backendRequest === undefined
    ? undefined
    : { request, backendRequest };
}

/** Gateway API HTTPRoute → one route item. */
export const normalizeHttpRoute = defineNormalizer<KmopRouteView>({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  blank: base => ({ ...base, hostnames: [], parents: [], rules: [] }),
  build: (r, meta) => [
    readGatewayApiRoute(r, meta, {
      readMatch: readHttpMatch,
      defaultMatches: [{ path: DEFAULT_PATH }],
      readTimeouts: readRuleTimeouts,
    }),
  ],
});
