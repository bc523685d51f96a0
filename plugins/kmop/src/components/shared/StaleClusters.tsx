import type { KmopClusterStatus } from '@kmop/plugin-kmop-common';
import { createContext, ReactNode, useContext, useMemo } from 'react';

const StaleClustersContext = createContext<ReadonlyMap<string, string>>(
  new Map(),
);

/** Makes each stale cluster's `staleSince` known to the items that came from it. */
export function StaleClustersProvider(props: {
  clusters: KmopClusterStatus[];
  children: ReactNode;
}) {
  const { clusters } = props;
  const stale = useMemo(
    () =>
      new Map(
        clusters.flatMap(cluster =>
          cluster.staleSince
            ? [[cluster.name, cluster.staleSince] as const]
            : [],
        ),
      ),
    [clusters],
  );
  return (
    <StaleClustersContext.Provider value={stale}>
      {props.children}
    </StaleClustersContext.Provider>
  );
}

/** When the item's cluster went stale (ISO 8601), or undefined while it is in sync. */
export function useStaleSince(cluster: string): string | undefined {
  return useContext(StaleClustersContext).get(cluster);
}
