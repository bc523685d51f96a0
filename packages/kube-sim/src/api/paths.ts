/** A request path, classified. */
export type ApiPath =
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'coreRoot' }
  | { kind: 'groupsRoot' }
  | { kind: 'group'; group: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'openapiIndex' }
  | { kind: 'openapiDocument'; group: string; version: string }
  | ResourcePath
  | { kind: 'unknown' };

/** A path under a group version that names a resource collection, object or subresource. */
export interface ResourcePath {
  kind: 'resource';
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The deprecated `/watch/` path form was used. */
  watchPath: boolean;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function resourcePath(
  group: string,
  version: string,
  segments: string[],
): ApiPath {
  let rest = segments;
  const watchPath = rest[0] === 'watch';
  if (watchPath) {
    rest = rest.slice(1);
  }
  if (rest.length === 0) {
    return { kind: 'unknown' };
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const namespace = rest[1];
    if (
      group === '' &&
      rest.length === 3 &&
      NAMESPACE_SUBRESOURCES.has(rest[2])
    ) {
      return {
        kind: 'resource',
        group,
        version,
        plural: 'namespaces',
        name: namespace,
        subresource: rest[2],
        watchPath,
      };
    }
    rest = rest.slice(2);
    if (rest.length > 3) {
      return { kind: 'unknown' };
    }
    const [plural, name, subresource] = rest;
    return {
      kind: 'resource',
      group,
      version,
      plural,
      namespace,
      name,
      subresource,
      watchPath,
    };
  }
  if (rest.length > 3) {
    return { kind: 'unknown' };
  }
  const [plural, name, subresource] = rest;
  return {
    kind: 'resource',
    group,
    version,
    plural,
    name,
    subresource,
    watchPath,
  };
}

/** Classifies a request path (without its query string). */
export function parseApiPath(pathname: string): ApiPath {
  let segments: string[];
  try {
    segments = pathname
      .split('/')
      .filter(s => s !== '')
      .map(s => decodeURIComponent(s));
  } catch {
    return { kind: 'unknown' };
  }
  const [first, second, third] = segments;
  switch (first) {
    case 'version':
      return segments.length === 1 ? { kind: 'version' } : { kind: 'unknown' };
    case 'healthz':
    case 'livez':
    case 'readyz':
      return { kind: 'health' };
    case 'api':
      if (segments.length === 1) return { kind: 'coreRoot' };
      if (segments.length === 2)
        return { kind: 'groupVersion', group: '', version: second };
      return resourcePath('', second, segments.slice(2));
    case 'apis':
      if (segments.length === 1) return { kind: 'groupsRoot' };
      if (segments.length === 2) return { kind: 'group', group: second };
      if (segments.length === 3)
        return { kind: 'groupVersion', group: second, version: third };
      return resourcePath(second, third, segments.slice(3));
    case 'openapi':
      if (second !== 'v3') return { kind: 'unknown' };
      if (segments.length === 2) return { kind: 'openapiIndex' };
      if (third === 'api' && segments.length === 4) {
        return { kind: 'openapiDocument', group: '', version: segments[3] };
      }
      if (third === 'apis' && segments.length === 5) {
        return {
          kind: 'openapiDocument',
          group: segments[3],
          version: segments[4],
        };
      }
      return { kind: 'unknown' };
    default:
      return { kind: 'unknown' };
  }
}
