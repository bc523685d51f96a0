import type { KmopRouteAuth, KmopRouteMatch, KmopRouteView } from '../../view';
import type { Reader } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';
import { parentViews, routeParentVerdict } from '../gatewayApiStatus';
import { kmopPreconditions } from '../kmopStatus';
import { readWeight, withShares } from './backends';

/** KMOP backend weights are percentages. */
const MAX_WEIGHT = 100;

function readMatch(m: Reader): KmopRouteMatch {
  return {
    path: {
      type: m.str('path.type') ?? 'PathPrefix',
      value: m.str('path.value') ?? '/',
    },
    method: m.str('method'),
  };
}

function badgesOf(r: Reader): string[] {
  const badges: string[] = [];
  const auth = r.str('spec.auth.type');
  if (auth && auth !== 'none') badges.push(`auth: ${auth}`);
  const requests = r.int('spec.rateLimit.requests');
  const unit = r.str('spec.rateLimit.unit');
  if (requests !== undefined) {
    // The unit is required; without it no unit is made up.
    badges.push(`rate limit: ${requests}/${unit ?? 'unit not set'}`);
  }
  return badges;
}

/** `spec.auth` as the checks it asks for; absent when the route checks no callers. */
function readAuth(r: Reader): KmopRouteAuth | undefined {
  const type = r.str('spec.auth.type');
  if (!type || type === 'none') return undefined;
  const apiKeyHeader = r.str('spec.auth.apiKey.header');
  const jwtIssuer = r.str('spec.auth.jwt.issuer');
  return {
    type,
    ...(type === 'apiKey' && apiKeyHeader !== undefined
      ? { apiKeyHeader }
      : {}),
    ...(type === 'jwt' && jwtIssuer !== undefined ? { jwtIssuer } : {}),
  };
}

/**
 * KMOP GatewayRoute (kmop.dev/v1alpha1) → one route item.
 *
 * @public
 */
export const normalizeKmopGatewayRoute = defineNormalizer<KmopRouteView>({
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'GatewayRoute',
  blank: base => ({ ...base, hostnames: [], parents: [], rules: [] }),
  build: (r, meta) => {
    const serviceRef = r.str('spec.serviceRef') ?? '';
    const port = r.int('spec.port');
    const gateway = {
      name: r.str('spec.gateway.name') ?? '',
      namespace: r.str('spec.gateway.namespace'),
      sectionName: r.str('spec.gateway.sectionName'),
      kind: 'Gateway',
    };
    // The operator reports the route's parent conditions on the route itself.
    const reported = { ref: gateway, conditions: r.conditions() };
    const verdict: HealthVerdict =
      kmopPreconditions(r, meta.generation) ??
      routeParentVerdict(reported, meta.generation);
    const defaults: string[] = [];
    const listed = r.arr('spec.backends').map((b, j) => ({
      name: b.str('name') ?? '',
      port: b.orDefault(b.int('port'), 'port', port),
      weight: readWeight(b, 'weight', MAX_WEIGHT, MAX_WEIGHT, () =>
        defaults.push(`rules[0].backends[${j}].weight`),
      ),
    }));
    // Without backends the route sends everything to its own service; not when the list
    // is there but malformed.
    const ownService =
      listed.length === 0 && !r.isMalformed('spec.backends')
        ? [{ name: serviceRef, port, weight: MAX_WEIGHT }]
        : [];
    if (ownService.length > 0) defaults.push('rules[0].backends');
    const matches = r.arr('spec.matches').map(readMatch);
    const request = r.str('spec.timeouts.request');
    const backendRequest = r.str('spec.timeouts.backendRequest');
    return [
      {
        ...itemBase(meta, { ...verdict, badges: badgesOf(r) }),
        hostnames: r.strs('spec.hostnames'),
        parents: parentViews([gateway], [reported], meta.source.namespace),
        rules: [
          {
            matches:
              matches.length > 0
                ? matches
                : [{ path: { type: 'PathPrefix', value: '/' } }],
            protocol: 'http',
            backends: withShares(
              listed.length > 0 ? listed : ownService,
              listed.length === r.list('spec.backends').length,
            ),
            timeouts:
              request === undefined && backendRequest === undefined
                ? undefined
                : { request, backendRequest },
          },
        ],
        url: r.str('status.url'),
        auth: readAuth(r),
        ...(defaults.length > 0 ? { defaults } : {}),
      },
    ];
  },
});
