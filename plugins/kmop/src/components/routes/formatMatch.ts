import type { KmopRouteMatch } from '@kmop/plugin-kmop-common';

/** One match of a route rule in words: `PathPrefix /api · GET · x-canary = true`. */
export function formatMatch(match: KmopRouteMatch, protocol?: string): string {
  const parts: string[] = [];
  if (match.path) parts.push(`${match.path.type} ${match.path.value}`);
  if (match.method) parts.push(match.method);
  for (const header of match.headers ?? []) {
    const operator =
      header.type && header.type !== 'Exact' ? ` ${header.type} ` : ' = ';
    parts.push(`header ${header.name}${operator}${header.value}`);
  }
  if (match.grpc) {
    const regex = match.grpc.type === 'RegularExpression' ? ' (regex)' : '';
    parts.push(
      `gRPC ${match.grpc.service ?? '*'}/${match.grpc.method ?? '*'}${regex}`,
    );
  }
  if (match.port !== undefined) parts.push(`port ${match.port}`);
  if (match.sniHosts && match.sniHosts.length > 0) {
    parts.push(`SNI ${match.sniHosts.join(', ')}`);
  }
  const prefix =
    protocol && protocol !== 'http' ? `${protocol.toUpperCase()} ` : '';
  if (parts.length === 0) return `${prefix}all requests`;
  return `${prefix}${parts.join(' · ')}`;
}
