import type { KmopRouteMatch } from '@kmop/plugin-kmop-common';

/** One match of a route rule in words: `PathPrefix /api · GET · x-canary = true`. */
export function formatMatch(match: KmopRouteMatch): string {
  const parts: string[] = [];
  if (match.path) parts.push(`${match.path.type} ${match.path.value}`);
  if (match.method) parts.push(match.method);
  for (const header of match.headers ?? []) {
    const operator = header.type && header.type !== 'Exact' ? ` ${header.type} ` : ' = ';
    parts.push(`header ${header.name}${operator}${header.value}`);
  }
  if (match.grpc) {
    parts.push(
      `gRPC ${match.grpc.service ?? '*'}/${match.grpc.method ?? '*'}`,
    );
  }
  return parts.length > 0 ? parts.join(' · ') : 'all requests';
}
