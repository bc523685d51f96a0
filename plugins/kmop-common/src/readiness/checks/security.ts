import {
  ReadinessContext,
  factEvidence,
  itemEvidence,
  neighboursOf,
  result,
  selects,
  worst,
} from '../context';
import type { RouteAuthFact } from '../facts';
import type { ReadinessCheckResult } from '../types';
import { perWorkload } from './perWorkload';

/** security.networkPolicy: a NetworkPolicy selects its pods (an empty podSelector selects all). */
export function checkSecurityNetworkPolicy(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  return perWorkload(
    ctx,
    {
      id: 'security.networkPolicy',
      component: 'security',
      title: 'A NetworkPolicy limits who can call it',
    },
    w => {
      const policies = neighboursOf(ctx, w, 'networkPolicy');
      const matching = policies.filter(p =>
        selects(p.podSelector, w.podLabels),
      );
      if (matching.length) {
        return {
          status: 'pass',
          evidence: matching.map(p =>
            factEvidence(
              p,
              'NetworkPolicy',
              `Selects the pods of ${w.kind} ${w.name}.`,
            ),
          ),
        };
      }
      return {
        status: 'warn',
        evidence: [
          factEvidence(
            w,
            w.kind,
            `No NetworkPolicy in ${w.namespace} selects its pods: any pod in the cluster can call it.`,
          ),
          ...policies
            .filter(p => 'malformed' in p.podSelector)
            .map(p =>
              factEvidence(
                p,
                'NetworkPolicy',
                `Not counted: ${
                  'malformed' in p.podSelector ? p.podSelector.malformed : ''
                }.`,
              ),
            ),
        ],
      };
    },
    {
      pass: 'A NetworkPolicy decides who can call it.',
      warn: 'No NetworkPolicy: any pod in the cluster can call it.',
      fail: 'Nothing of this service runs.',
    },
    {
      text: 'Add a NetworkPolicy for its pods (a KMOP Microservice compiles to one).',
    },
  );
}

/**
 * security.routeAuth: every route reachable from outside (one with hostnames) asks for
 * authentication (GatewayRoute auth, an Envoy Gateway SecurityPolicy on it) and is served
 * over TLS (an https URL or TLS entries). Without such routes it does not apply.
 */
export function checkSecurityRouteAuth(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  const head = {
    id: 'security.routeAuth',
    component: 'security',
    title: 'External routes are authenticated and encrypted',
  } as const;
  const external = ctx.items.routes.filter(
    r => r.hostnames.length > 0 && r.source.kind !== 'VirtualService',
  );
  if (external.length === 0) {
    return result(
      head,
      'notApplicable',
      'No route reaches it from outside the cluster.',
      [{ note: 'Looked for routes with hostnames; found none.' }],
    );
  }
  const auth = [...ctx.facts, ...ctx.neighbours].filter(
    (f): f is RouteAuthFact => f.type === 'routeAuth',
  );
  const verdicts = external.map(r => {
    const methods = auth
      .filter(
        a =>
          a.cluster === r.source.cluster &&
          a.namespace === (r.source.namespace ?? '') &&
          a.targets.includes(r.source.name),
      )
      .flatMap(a => a.methods);
    const tls =
      (r.url?.startsWith('https://') ?? false) || (r.tls?.length ?? 0) > 0;
    const met = (methods.length > 0 ? 1 : 0) + (tls ? 1 : 0);
    const status = (['fail', 'warn', 'pass'] as const)[met];
    const note = `${
      methods.length
        ? `Authentication: ${methods.join(', ')}`
        : 'No authentication'
    }; ${tls ? 'TLS' : 'no TLS seen'}.`;
    return { status, evidence: itemEvidence(r, note) } as const;
  });
  const status = worst(verdicts.map(v => v.status));
  return result(
    head,
    status,
    {
      pass: 'Its external routes ask for authentication over TLS.',
      warn: 'An external route lacks authentication or TLS.',
      fail: 'An external route has neither authentication nor TLS.',
      notApplicable: '',
    }[status],
    verdicts.map(v => v.evidence),
    {
      text: 'Set auth on the GatewayRoute (jwt or apiKey) or add a SecurityPolicy, and serve the hostname over HTTPS.',
    },
  );
}
