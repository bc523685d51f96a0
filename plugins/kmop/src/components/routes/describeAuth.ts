import type { KmopRouteAuth } from '@kmop/plugin-kmop-common';

/** `API key in request header x-api-key`, `JWT issued by https://id.example.com`. */
export function describeAuth(auth: KmopRouteAuth): string {
  if (auth.type === 'apiKey') {
    return auth.apiKeyHeader
      ? `API key in request header ${auth.apiKeyHeader}`
      : 'API key (the route names no header)';
  }
  if (auth.type === 'jwt') {
    return auth.jwtIssuer ? `JWT issued by ${auth.jwtIssuer}` : 'JWT';
  }
  return auth.type;
}
