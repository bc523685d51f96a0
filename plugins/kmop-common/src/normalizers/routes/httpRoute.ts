import type { KmopRouteMatch, KmopRouteRule, KmopRouteView } from '../../view';
import type { Reader } from '../access';
import { defineNormalizer } from '../base';
import { gatewayTimeout } from './backends';
import { readGatewayApiRoute, readHeaderMatches } from './gatewayApiRoute';

/** Gateway API's default path match, for rules without matches and matches without a path. */
const DEFAULT_PATH = { type: 'PathPrefix', value: '/' };

function readHttpMatch(
  m: Reader,
  at: string,
  defaults: string[],
): KmopRouteMatch {
  const type = m.orDefault(m.str('path.type'), 'path.type', DEFAULT_PATH.type);
  const value = m.orDefault(
    m.str('path.value'),
    'path.value',
    DEFAULT_PATH.value,
  );
  if (!m.has('path')) defaults.push(`${at}.path`);
  return {
    path:
      type === undefined || value === undefined ? undefined : { type, value },
    method: m.str('method'),
    headers: readHeaderMatches(m),
  };
}

/** `spec.rules[].timeouts` (standard since Gateway API v1.2); `0s` is shown as `disabled`. */
export function readRuleTimeouts(rule: Reader): KmopRouteRule['timeouts'] {
  const request = gatewayTimeout(rule.str('timeouts.request'));
  const backendRequest = gatewayTimeout(rule.str('timeouts.backendRequest'));
  return request === undefined && backendRequest === undefined
    ? undefined
    : { request, backendRequest };
}

/**
 * Gateway API HTTPRoute → one route item.
 *
 * @public
 */
export const normalizeHttpRoute = defineNormalizer<KmopRouteView>({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  blank: base => ({ ...base, hostnames: [], parents: [], rules: [] }),
  build: (r, meta) => [
    readGatewayApiRoute(r, meta, {
      readMatch: readHttpMatch,
      protocol: 'http',
      defaultMatches: [{ path: DEFAULT_PATH }],
      readTimeouts: readRuleTimeouts,
    }),
  ],
});
