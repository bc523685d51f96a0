import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

function isNonPublic(ip: string): boolean {
  try {
    return ipaddr.parse(ip).range() !== 'unicast';
  } catch {
    return true;
  }
}

function allowed(hostname: string, patterns: string[]): boolean {
  return patterns.some(pattern => {
    const p = pattern.toLowerCase();
    if (p.startsWith('*.')) {
      return hostname.endsWith(p.slice(1)) || hostname === p.slice(2);
    }
    return hostname === p;
  });
}

/**
 * The checks Backstage's catalog locator makes before it lets an entity point
 * the backend at a URL: HTTPS only, no credentials in it, and no private or
 * loopback address, unless the host is in `dangerouslyAllowClusterUrls`.
 */
export async function validateCatalogClusterUrl(
  url: string | undefined,
  allowUrls: string[],
): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    throw new Error('the API server URL is not a valid URL');
  }
  if (parsed.username || parsed.password) {
    throw new Error('the API server URL must not contain credentials');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error('the API server URL must use HTTP or HTTPS');
  }
  const hostname = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (allowed(hostname, allowUrls)) return;
  if (parsed.protocol !== 'https:') {
    throw new Error('the API server URL must use HTTPS');
  }
  const addresses = ipaddr.isValid(hostname)
    ? [hostname]
    : (await lookup(hostname, { all: true })).map(a => a.address);
  if (addresses.some(isNonPublic)) {
    throw new Error(
      `the API server host ${hostname} is a non-public address; list it in dangerouslyAllowClusterUrls to allow it`,
    );
  }
}
