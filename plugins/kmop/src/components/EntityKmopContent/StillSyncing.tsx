import { EmptyState } from '@backstage/core-components';
import type { KmopEntityView } from '@kmop/plugin-kmop-common';

/**
 * No item yet while a cluster has not finished its first list: "nothing found"
 * would be a claim KMOP cannot make yet.
 */
export function StillSyncing(props: { view: KmopEntityView }) {
  const syncing = props.view.clusters
    .filter(c => c.state === 'syncing')
    .map(c => c.name);
  return (
    <div data-testid="kmop-syncing">
      <EmptyState
        missing="data"
        title="Syncing: KMOP is still reading the clusters"
        description={`The first list of ${
          syncing.length === 1 ? 'cluster' : 'clusters'
        } ${syncing.join(
          ', ',
        )} is not complete yet, so KMOP cannot say what belongs to this entity. The page updates by itself when it is.`}
      />
    </div>
  );
}
