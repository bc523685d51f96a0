import { WarningPanel } from '@backstage/core-components';
import type { KmopClusterStatus } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatAge, formatClock } from '../shared/format';

/**
 * One panel per cluster in trouble, above the sections: the others' data still shows below.
 * A stale cluster gets a quieter line, since its last data is shown and marked.
 */
export function ClusterErrors(props: {
  clusters: KmopClusterStatus[];
  now?: number;
}) {
  const failed = props.clusters.filter(cluster => cluster.state === 'error');
  const stale = props.clusters.filter(
    cluster => cluster.state !== 'error' && cluster.staleSince,
  );
  if (failed.length === 0 && stale.length === 0) return null;
  return (
    <Box>
      {failed.map(cluster => (
        <Box
          mb={1}
          key={cluster.name}
          data-testid="kmop-cluster-error"
          data-cluster={cluster.name}
        >
          <WarningPanel
            severity="error"
            defaultExpanded
            title={`Cluster ${cluster.name} — ${describeErrorKind(cluster)}`}
            // WarningPanel renders the message inside a paragraph: blocks inside are spans.
            message={
              <>
                <Typography variant="body2" component="span" display="block">
                  {cluster.error?.message ?? 'No message.'}
                </Typography>
                {cluster.error?.resource && (
                  <Typography variant="body2" component="span" display="block">
                    Resource: {cluster.error.resource}
                  </Typography>
                )}
                <Typography variant="body2" component="span" display="block">
                  {cluster.staleSince
                    ? `Items from this cluster are its last known data, stale since ${formatClock(
                        cluster.staleSince,
                      )}.`
                    : 'No items from this cluster are shown.'}{' '}
                  Other clusters are not affected.
                </Typography>
              </>
            }
          />
        </Box>
      ))}
      {stale.map(cluster => (
        <Box
          mb={1}
          key={cluster.name}
          data-testid="kmop-cluster-stale"
          data-cluster={cluster.name}
        >
          <WarningPanel
            severity="warning"
            defaultExpanded
            title={`Cluster ${cluster.name}: data may be out of date`}
            message={`Stale since ${formatClock(
              cluster.staleSince!,
            )} (${formatAge(
              cluster.staleSince!,
              props.now,
            )}); KMOP keeps showing its last known data until the cluster is in sync again.`}
          />
        </Box>
      ))}
    </Box>
  );
}

function describeErrorKind(cluster: KmopClusterStatus): string {
  const kind = cluster.error?.kind ?? 'error';
  const status = cluster.error?.status ? ` (HTTP ${cluster.error.status})` : '';
  return `${kind}${status}`;
}
