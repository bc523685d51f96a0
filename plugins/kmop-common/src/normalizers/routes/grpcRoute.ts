import type { KmopRouteMatch, KmopRouteView } from '../../view';
import type { Reader } from '../access';
import { defineNormalizer } from '../base';
import { readGatewayApiRoute, readHeaderMatches } from './gatewayApiRoute';

function readGrpcMatch(
  m: Reader,
  at: string,
  defaults: string[],
): KmopRouteMatch {
  const service = m.str('method.service');
  const method = m.str('method.method');
  const written = m.str('method.type');
  const known = service !== undefined || method !== undefined;
  // GRPCRoute's default match type is Exact.
  const type = m.orDefault(written, 'method.type', 'Exact');
  if (known && written === undefined && type !== undefined) {
    defaults.push(`${at}.grpc.type`);
  }
  return {
    grpc: known && type !== undefined ? { service, method, type } : undefined,
    headers: readHeaderMatches(m),
  };
}

/**
 * Gateway API GRPCRoute → one route item (GRPCRoute v1 has no timeouts).
 *
 * @public
 */
export const normalizeGrpcRoute = defineNormalizer<KmopRouteView>({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GRPCRoute',
  blank: base => ({ ...base, hostnames: [], parents: [], rules: [] }),
  build: (r, meta) => [
    readGatewayApiRoute(r, meta, {
      readMatch: readGrpcMatch,
      protocol: 'grpc',
      // A rule without matches takes all gRPC traffic of its hostnames.
      defaultMatches: [],
    }),
  ],
});
