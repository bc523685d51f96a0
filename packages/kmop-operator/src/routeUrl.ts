import { gatewayRouteSpecSchema, isRecord } from '@kmop/plugin-kmop-common';
import { InformerState } from './informers';
import { KubeObject } from './types';

/** The Gateway a GatewayRoute attaches to, as `spec.gateway` names it. */
export interface GatewayRef {
  name: string;
  namespace: string;
  sectionName?: string;
}

/** The parent Gateway of a GatewayRoute; undefined when its spec does not parse. */
export function gatewayRefOf(route: KubeObject): GatewayRef | undefined {
  const gateway = route.spec?.gateway;
  if (!isRecord(gateway) || typeof gateway.name !== 'string') return undefined;
  return {
    name: gateway.name,
    namespace:
      typeof gateway.namespace === 'string'
        ? gateway.namespace
        : route.metadata.namespace ?? '',
    ...(typeof gateway.sectionName === 'string'
      ? { sectionName: gateway.sectionName }
      : {}),
  };
}

/** A route's URL, or why it has none (said in its status; a scheme is never guessed). */
export type RouteUrl = { url: string } | { reason: string };

/** What the Gateway informer knows of a route's parent. */
export interface GatewayLookup {
  /** The state of the Gateway informer. */
  state: InformerState | undefined;
  /** The parent Gateway from the cache; undefined when not there. */
  gateway?: KubeObject;
}

type Listener = {
  name: string;
  protocol: string;
  hostname?: string;
  port?: number;
};

/** The port a URL of each scheme leaves out. */
const DEFAULT_PORT: Record<string, number> = { https: 443, http: 80 };

/** Gateway API listener protocols an HTTPRoute can be served on, and their URL scheme. */
const SCHEME_OF_PROTOCOL: Record<string, string> = {
  HTTPS: 'https',
  TLS: 'https',
  HTTP: 'http',
};

function listenersOf(gateway: KubeObject): Listener[] {
  const listeners = gateway.spec?.listeners;
  if (!Array.isArray(listeners)) return [];
  return listeners.filter(
    (l): l is Listener =>
      isRecord(l) &&
      typeof l.name === 'string' &&
      typeof l.protocol === 'string' &&
      (l.hostname === undefined || typeof l.hostname === 'string') &&
      (l.port === undefined || Number.isSafeInteger(l.port)),
  );
}

/**
 * Whether a listener's hostname admits a route hostname, by Gateway API's rules: no listener
 * hostname admits all; `*.example.com` admits any name below example.com (not example.com
 * itself).
 */
function admits(listenerHostname: string | undefined, hostname: string) {
  if (!listenerHostname) return true;
  if (listenerHostname.startsWith('*.')) {
    return hostname.endsWith(listenerHostname.slice(1));
  }
  return listenerHostname === hostname;
}

/**
 * The URL of a GatewayRoute: `<scheme>://<first hostname><first path prefix>`, the scheme
 * from the protocol of the listener it attaches to on its parent Gateway (HTTPS and TLS:
 * https; HTTP: http). `sectionName` picks the listener; without it, the route attaches to
 * every listener whose hostname admits its own, and these must agree on the scheme and port.
 * A listener port other than the scheme's default (443, 80) is part of the URL: a Gateway's
 * listener port is the port clients reach it on.
 */
export function routeUrl(route: KubeObject, lookup: GatewayLookup): RouteUrl {
  const parsed = gatewayRouteSpecSchema.safeParse(route.spec);
  if (!parsed.success) return { reason: 'the spec is not valid' };
  const spec = parsed.data;
  const hostname = spec.hostnames[0];
  if (hostname === undefined) {
    return { reason: 'the route has no hostname' };
  }
  if (hostname.startsWith('*.')) {
    return { reason: `the first hostname ${hostname} is a wildcard` };
  }
  const ref = gatewayRefOf(route)!;
  const where = `Gateway ${ref.namespace}/${ref.name}`;
  if (lookup.state === 'missing') {
    return {
      reason: `the cluster does not serve Gateways (gateways.gateway.networking.k8s.io)`,
    };
  }
  if (lookup.state !== 'synced') {
    return {
      reason: `the Gateways could not be read yet (watch ${
        lookup.state ?? 'not started'
      })`,
    };
  }
  if (!lookup.gateway) return { reason: `${where} is not in the cluster` };
  const listeners = listenersOf(lookup.gateway);
  let attached: Listener[];
  if (spec.gateway.sectionName !== undefined) {
    attached = listeners.filter(l => l.name === spec.gateway.sectionName);
    if (attached.length === 0) {
      return {
        reason: `${where} has no listener ${spec.gateway.sectionName}`,
      };
    }
  } else {
    attached = listeners.filter(
      l => l.protocol in SCHEME_OF_PROTOCOL && admits(l.hostname, hostname),
    );
    if (attached.length === 0) {
      return {
        reason: `${where} has no HTTP, HTTPS or TLS listener for ${hostname}`,
      };
    }
  }
  const schemes = [
    ...new Set(attached.map(l => SCHEME_OF_PROTOCOL[l.protocol])),
  ];
  if (schemes.includes(undefined as never)) {
    const l = attached.find(x => !(x.protocol in SCHEME_OF_PROTOCOL))!;
    return {
      reason: `listener ${l.name} of ${where} has protocol ${l.protocol}, which serves no HTTP URL`,
    };
  }
  if (schemes.length > 1) {
    return {
      reason: `the listeners of ${where} for ${hostname} (${attached
        .map(l => `${l.name}: ${l.protocol}`)
        .join(', ')}) disagree on the scheme; set gateway.sectionName`,
    };
  }
  const ports = [...new Set(attached.map(l => l.port))];
  if (ports.length > 1) {
    return {
      reason: `the listeners of ${where} for ${hostname} (${attached
        .map(l => `${l.name}: port ${l.port ?? 'not set'}`)
        .join(', ')}) disagree on the port; set gateway.sectionName`,
    };
  }
  const scheme = schemes[0];
  const port = ports[0];
  const authority =
    port === undefined || port === DEFAULT_PORT[scheme]
      ? hostname
      : `${hostname}:${port}`;
  const prefix = spec.matches.find(m => m.path.type === 'PathPrefix');
  return { url: `${scheme}://${authority}${prefix?.path.value ?? ''}` };
}
