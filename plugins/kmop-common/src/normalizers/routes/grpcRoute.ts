import type { KmopRouteMatch, KmopRouteView } from '../../view';
import type { Reader } from '../access';
import { defineNormalizer } from '../base';
import { readGatewayApiRoute, readHeaderMatches } from './gatewayApiRoute';

function readGrpcMatch(m: Reader): KmopRouteMatch {
  const service = m.str('method.service');
  const method = m.str('method.method');
  // GRPCRoute's default match type.
  const type = m.str('method.type') ?? 'Exact';
  return {
    grpc:
      service === undefined && method === undefined
        ? undefined
        : { service, method, type },
    headers: readHeaderMatches(m),
  };
}

/** Gateway API GRPCRoute → one route item (GRPCRoute v1 has no timeouts). */
export const normalizeGrpcRoute = defineNormalizer<KmopRouteView>({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GRPCRoute',
  blank: base => ({ ...base, hostnames: [], parents: [], rules: [] }),
  build: (r, meta) => [
    readGatewayApiRoute(r, meta, {
      readMatch: readGrpcMatch,
      // A rule without matches takes all gRPC traffic of its hostnames.
      defaultMatches: [],
    }),
  ],
});
