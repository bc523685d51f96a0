import { ReadinessContext, itemEvidence, result } from '../context';
import type { ReadinessCheckResult } from '../types';

const HEAD = {
  id: 'gateway.route',
  component: 'gateway',
  title: 'An accepted route',
} as const;

/**
 * gateway.route: a route (Gateway API, KMOP GatewayRoute, Ingress, VirtualService) that its
 * gateway accepted. A route no parent has accepted yet is a warning; a rejected one fails.
 */
export function checkGatewayRoute(ctx: ReadinessContext): ReadinessCheckResult {
  const routes = ctx.items.routes;
  if (routes.length === 0) {
    return result(
      HEAD,
      'warn',
      'No route reaches it from outside the cluster (fine for an internal service).',
      [
        {
          note: `Looked for HTTPRoute, GRPCRoute, GatewayRoute, Ingress and VirtualService objects of ${ctx.lookedFor}; found none.`,
        },
      ],
      {
        text: 'If callers outside the cluster need it, add a GatewayRoute (the KMOP golden path writes one).',
      },
    );
  }
  const accepted = routes.filter(
    r =>
      r.health !== 'unknown' &&
      (r.parents.length === 0
        ? r.health === 'ok'
        : r.parents.some(p => p.accepted === true)),
  );
  const rejected = routes.filter(
    r => r.parents.length > 0 && r.parents.every(p => p.accepted === false),
  );
  if (accepted.length) {
    return result(
      HEAD,
      'pass',
      `${accepted.length} route(s) accepted by their gateway.`,
      accepted.map(r => itemEvidence(r, r.healthReason)),
    );
  }
  return result(
    HEAD,
    rejected.length ? 'fail' : 'warn',
    rejected.length
      ? 'Its routes were rejected by their gateway.'
      : 'Its routes are not accepted yet.',
    routes.map(r => itemEvidence(r, r.healthReason)),
    {
      text: 'Read the route conditions (Accepted, ResolvedRefs) in its YAML: the parent gateway or backend reference is wrong.',
    },
  );
}
