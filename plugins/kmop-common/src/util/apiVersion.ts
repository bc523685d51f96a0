/**
 * Splits a Kubernetes `apiVersion` into group and version: `apps/v1` is group `apps`, `v1`
 * alone is the core group (`''`).
 *
 * @public
 */
export function parseApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}
