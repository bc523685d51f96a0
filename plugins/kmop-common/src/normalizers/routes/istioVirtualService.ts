import type {
  KmopRouteMatch,
  KmopRouteParent,
  KmopRouteRule,
  KmopRouteView,
} from '../../view';
import type { Reader } from '../access';
import { defineNormalizer, itemBase } from '../base';
import { istioVerdict } from '../istioStatus';
import { readWeight, withShares } from './backends';

/** Istio StringMatch kinds in Gateway API words. */
const MATCH_TYPES: [key: string, type: string][] = [
  ['exact', 'Exact'],
  ['prefix', 'PathPrefix'],
  ['regex', 'RegularExpression'],
];

function readStringMatch(
  r: Reader,
  path: string | readonly string[],
): { type: string; value: string } | undefined {
  const m = r.record(path);
  if (!m) return undefined;
  for (const [key, type] of MATCH_TYPES) {
    const value = m.str(key);
    if (value !== undefined) return { type, value };
  }
  return undefined;
}

function readMatch(m: Reader): KmopRouteMatch {
  const headerMap = m.record('headers');
  const headers = (headerMap?.keys() ?? []).flatMap(name => {
    const match = headerMap && readStringMatch(headerMap, [name]);
    return match ? [{ name, value: match.value, type: match.type }] : [];
  });
  const method = readStringMatch(m, 'method');
  return {
    path: readStringMatch(m, 'uri'),
    method: method?.value,
    headers: headers.length > 0 ? headers : undefined,
  };
}

/** `ns/name`, `name` (the VirtualService's namespace) or the reserved `mesh`. */
function gatewayParent(ref: string): KmopRouteParent {
  if (ref === 'mesh') return { name: 'mesh', kind: 'mesh' };
  const slash = ref.indexOf('/');
  return slash < 0
    ? { name: ref, kind: 'Gateway' }
    : {
        name: ref.slice(slash + 1),
        namespace: ref.slice(0, slash),
        kind: 'Gateway',
      };
}

/** Istio route weights are percentages. */
const MAX_ISTIO_WEIGHT = 100;

/** The destinations of an http, tcp or tls route, with their shares. */
function readDestinations(route: Reader, at: string, defaults: string[]) {
  const routes = route.arr('route');
  const listed = route.list('route').length;
  // One destination takes all traffic whatever its weight; among several, an unset weight is 0.
  const single = listed === 1 && routes.length === 1;
  return withShares(
    routes.map((d, j) => {
      const weight = single
        ? MAX_ISTIO_WEIGHT
        : readWeight(d, 'weight', 0, MAX_ISTIO_WEIGHT, () =>
            defaults.push(`${at}.backends[${j}].weight`),
          );
      if (single && !d.has('weight')) defaults.push(`${at}.backends[0].weight`);
      return {
        name: d.str('destination.host') ?? '',
        subset: d.str('destination.subset'),
        port: d.int('destination.port.number'),
        weight,
      };
    }),
    routes.length === listed,
  );
}

function readHttpRule(
  http: Reader,
  at: string,
  defaults: string[],
): KmopRouteRule {
  const timeout = http.str('timeout');
  return {
    name: http.str('name'),
    protocol: 'http',
    matches: http.arr('match').map(readMatch),
    backends: readDestinations(http, at, defaults),
    timeouts: timeout === undefined ? undefined : { request: timeout },
  };
}

/** A `tcp` or `tls` route: it matches on port (and SNI hosts for tls) only. */
function readL4Rule(
  route: Reader,
  protocol: 'tcp' | 'tls',
  at: string,
  defaults: string[],
): KmopRouteRule {
  return {
    protocol,
    matches: route.arr('match').map(m => {
      const sniHosts = protocol === 'tls' ? m.strs('sniHosts') : [];
      return {
        port: m.int('port'),
        ...(sniHosts.length > 0 ? { sniHosts } : {}),
      };
    }),
    backends: readDestinations(route, at, defaults),
  };
}

/**
 * Istio VirtualService → one route item with its HTTP routes as rules.
 *
 * @public
 */
export const normalizeIstioVirtualServiceRoutes =
  defineNormalizer<KmopRouteView>({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    blank: base => ({ ...base, hostnames: [], parents: [], rules: [] }),
    build: (r, meta) => {
      const gateways = r.strs('spec.gateways');
      const defaults: string[] = [];
      const rules: KmopRouteRule[] = [];
      for (const http of r.arr('spec.http')) {
        rules.push(readHttpRule(http, `rules[${rules.length}]`, defaults));
      }
      for (const protocol of ['tcp', 'tls'] as const) {
        for (const route of r.arr(['spec', protocol])) {
          const at = `rules[${rules.length}]`;
          rules.push(readL4Rule(route, protocol, at, defaults));
        }
      }
      return [
        {
          ...itemBase(meta, istioVerdict(r, meta.generation)),
          hostnames: r.strs('spec.hosts'),
          // Without gateways a VirtualService applies to the mesh's sidecars.
          parents: (gateways.length > 0 ? gateways : ['mesh']).map(
            gatewayParent,
          ),
          rules,
          ...(defaults.length > 0 ? { defaults } : {}),
        },
      ];
    },
  });
