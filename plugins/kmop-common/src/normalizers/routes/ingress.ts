import type {
  KmopRouteBackend,
  KmopRouteRule,
  KmopRouteTls,
  KmopRouteView,
} from '../../view';
import type { Reader } from '../access';
import { HealthVerdict, defineNormalizer, itemBase } from '../base';

/** An Ingress path has exactly one backend, so it takes all of that path's traffic. */
function readBackend(b: Reader | undefined): KmopRouteBackend[] {
  if (!b) return [];
  const serviceName = b.str('service.name');
  if (serviceName !== undefined) {
    return [
      {
        name: serviceName,
        port: b.int('service.port.number'),
        portName: b.str('service.port.name'),
        weight: 1,
        share: 1,
      },
    ];
  }
  const resourceName = b.str('resource.name');
  if (resourceName !== undefined) {
    return [
      {
        name: resourceName,
        subset: b.str('resource.kind'),
        weight: 1,
        share: 1,
      },
    ];
  }
  return [];
}

function loadBalancerVerdict(r: Reader): HealthVerdict {
  const addresses = r
    .arr('status.loadBalancer.ingress')
    .map(i => i.str('hostname') ?? i.str('ip'))
    .filter((a): a is string => Boolean(a));
  if (addresses.length === 0) {
    // No controller has reported on it: unknown, as for every kind (issue #8 §5).
    return {
      health: 'unknown',
      reason:
        'The ingress controller has not published a load balancer address yet',
    };
  }
  return {
    health: 'ok',
    reason: `Load balancer address: ${addresses.join(', ')}`,
  };
}

/** The first concrete host with its first literal path, https when a TLS entry covers it. */
function urlOf(rules: readonly KmopRouteRule[], tlsHosts: ReadonlySet<string>) {
  for (const rule of rules) {
    const host = rule.name;
    const path = rule.matches[0]?.path;
    if (!host || host.includes('*') || !path) continue;
    const scheme = tlsHosts.has(host) ? 'https' : 'http';
    const literal = path.type === 'Exact' || path.type === 'Prefix';
    return `${scheme}://${host}${literal ? path.value : '/'}`;
  }
  return undefined;
}

/**
 * networking.k8s.io/v1 Ingress → one route item; each rule host becomes a rule named after it.
 *
 * @public
 */
export const normalizeIngress = defineNormalizer<KmopRouteView>({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  // IngressStatus has only loadBalancer (k8s.io/api networking/v1 types.go).
  observedGenerationField: 'none',
  blank: base => ({ ...base, hostnames: [], parents: [], rules: [] }),
  build: (r, meta) => {
    const tls: KmopRouteTls[] = r.arr('spec.tls').map(t => ({
      hosts: t.strs('hosts'),
      secretName: t.str('secretName'),
    }));
    const tlsHosts = new Set(tls.flatMap(t => t.hosts));
    const rules: KmopRouteRule[] = [];
    for (const rule of r.arr('spec.rules')) {
      const host = rule.str('host');
      for (const p of rule.arr('http.paths')) {
        // pathType is required in networking.k8s.io/v1; a path defaults to `/`.
        const type = p.orDefault(
          p.str('pathType'),
          'pathType',
          'ImplementationSpecific',
        );
        const value = p.orDefault(p.str('path'), 'path', '/');
        rules.push({
          name: host,
          protocol: 'http',
          matches:
            type === undefined || value === undefined
              ? []
              : [{ path: { type, value } }],
          backends: readBackend(p.record('backend')),
        });
      }
    }
    const fallback = readBackend(r.record('spec.defaultBackend'));
    if (fallback.length > 0) {
      rules.push({ name: 'default backend', matches: [], backends: fallback });
    }
    const className = r.str('spec.ingressClassName');
    const hostnames = [
      ...new Set(
        r
          .arr('spec.rules')
          .map(rule => rule.str('host'))
          .filter((h): h is string => Boolean(h)),
      ),
    ];
    return [
      {
        ...itemBase(meta, {
          ...loadBalancerVerdict(r),
          badges: className ? [`class: ${className}`] : [],
        }),
        hostnames,
        parents: className ? [{ name: className, kind: 'IngressClass' }] : [],
        rules,
        url: urlOf(rules, tlsHosts),
        ...(r.has('spec.tls') ? { tls } : {}),
      },
    ];
  },
});
